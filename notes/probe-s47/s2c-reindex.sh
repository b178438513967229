#!/bin/bash
# Step 2c: reindex node A (stopped) while B serves and takes an upload; A started again.
. $(dirname $0)/env.sh; T=$(cat $P/token)
kill $(cat $P/a.pid); sleep 2
( sleep 5; echo "南京市重建索引期间上传的材料，标记重建期间上传。" > $P/up/during-reindex.txt
  $NEW ingest $P/up/during-reindex.txt --city 320100 --type policy --server http://$B --token $T | tail -n 1 ) &
time $NEW reindex --data $P/a 2>&1 | tail -n 3
wait
serve a $A $NEW
for i in $(seq 1 90); do curl -sf http://$A/readyz >/dev/null && break; sleep 1; done
sleep 2
$(dirname $0)/snapshot.sh http://$A > $P/snap-a2.txt; $(dirname $0)/snapshot.sh http://$B > $P/snap-b2.txt
diff $P/snap-a2.txt $P/snap-b2.txt && echo "A = B after reindex"
curl -s -H "Authorization: Bearer $T" "http://$A/api/v1/search?q=%E9%87%8D%E5%BB%BA%E6%9C%9F%E9%97%B4%E4%B8%8A%E4%BC%A0" | head -c 200; echo
