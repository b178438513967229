#!/bin/bash
# Step 1f: kill -9 a node inside a migration. The catalog is set back to 048
# (049 is idempotent) and a psql session holds the document table, so the
# migration of 049 waits inside its transaction; A is killed there, then B
# is started, the lock released, A started again.
. $(dirname $0)/env.sh
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
kill $(cat $P/a.pid) $(cat $P/b.pid) 2>/dev/null; sleep 3
q "update schema_version set version = 48"
( psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -c "begin; lock table document in access exclusive mode; select pg_sleep(60); commit;" >/dev/null ) & L=$!
sleep 1
serve a $A $NEW; sleep 25
q "select pid, state, wait_event_type, left(query,60) from pg_stat_activity where datname='evidence' and state <> 'idle'"
kill -9 $(cat $P/a.pid); echo "A killed mid-migration $(date +%T)"
serve b $B $NEW; sleep 3
kill $L; q "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(60)%' and pid <> pg_backend_pid()" >/dev/null
serve a $A $NEW
for i in $(seq 1 120); do ra=$(curl -s http://$A/readyz); rb=$(curl -s http://$B/readyz); [[ $ra == *'"ready":true'* && $rb == *'"ready":true'* ]] && break; sleep 2; done
echo "A=$ra"; echo "B=$rb"; q "select version from schema_version"; q "select * from short_band_fill"
$(dirname $0)/snapshot.sh http://$A > $P/snap-a4.txt; $(dirname $0)/snapshot.sh http://$B > $P/snap-b4.txt; diff $P/snap-a4.txt $P/snap-b4.txt && echo "A = B"
