#!/bin/bash
# Step 1e: an operator forgets one node: the base-s44 binary started on the
# catalog the new nodes have migrated (schema 049).
. $(dirname $0)/env.sh; T=$(cat $P/token)
mv $P/old.log $P/old-before.log 2>/dev/null
serve old 127.0.0.1:18470 $OLD
for i in $(seq 1 60); do curl -sf http://127.0.0.1:18470/readyz >/dev/null && break; kill -0 $(cat $P/old.pid) 2>/dev/null || break; sleep 1; done
grep -v 'path=/' $P/old.log | cut -c1-400 | head
curl -s http://127.0.0.1:18470/readyz; echo
echo "旧版本节点上传的材料，标记旧节点上传。" > $P/up/via-old.txt
$OLD ingest $P/up/via-old.txt --city 330100 --type policy --server http://127.0.0.1:18470 --token $T | tail -n 1
sleep 3
for n in $A $B; do curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E6%97%A7%E8%8A%82%E7%82%B9%E4%B8%8A%E4%BC%A0" | head -c 40; echo " ($n)"; done
kill $(cat $P/old.pid)
