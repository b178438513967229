#!/bin/bash
# Step 1c: stop the old node, start two new nodes at once, kill -9 A mid-upgrade, start A again.
. $(dirname $0)/env.sh
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
kill $(cat $P/old.pid); sleep 3
q "select max(version) from schema_version" 2>/dev/null || q "select * from schema_version limit 3"
serve a $A $NEW; serve b $B $NEW
sleep ${KILLAFTER:-1.5}; kill -9 $(cat $P/a.pid); echo "killed A at $(date +%T.%N)"
q "select max(version) from schema_version"
sleep 2; serve a $A $NEW
for i in $(seq 1 120); do ra=$(curl -s http://$A/readyz); rb=$(curl -s http://$B/readyz); echo "$i A=$ra B=$rb"; [[ $ra == *'"ready":true'* && $rb == *'"ready":true'* ]] && break; sleep 2; done
q "select max(version) from schema_version"
