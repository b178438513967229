#!/bin/bash
# The second half of s3a-s3-down.sh (what the uploads got, and what was recorded).
. $(dirname $0)/env.sh; T=$(cat $P/token)
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
cat $P/s3d-a.txt $P/s3d-b.txt | awk '{print $2}' | sort | uniq -c
for f in $P/s3d-*.json; do grep -h -o '"message":"[^"]*"' $f; done | sort | uniq -c
q "select status,count(*) from document where filename like 's3d%' group by 1"
for n in $A $B; do curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E5%AD%98%E5%82%A8%E4%B8%AD%E6%96%AD&size=1" | python3 -c 'import json,sys;print("'$n' hits",json.load(sys.stdin)["total"])'; done
