#!/bin/bash
# Step 1b: a claim, a moved document, a deleted one (old binary), and baselines.
. $(dirname $0)/env.sh; T=$(cat $P/token); S=${S:-http://127.0.0.1:18470}
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
q "select status,count(*) from document group by 1"
HZ=$(q "select id from document where city='330100' and title like '%（第1号）%' limit 1")
NJ=$(q "select id from document where city='320100' and title like '%（第2号）%' limit 1")
MV=$(q "select id from document where city='330100' and title like '%（第3号）%' limit 1")
echo "HZ=$HZ NJ=$NJ MV=$MV" | tee $P/ids
python3 - "$HZ" > $P/claim.json <<'PY'
import json,sys
print(json.dumps({"city":"330100","indicator":"2.3.1","statement":"杭州市出台了推进学习型城市建设的实施意见",
 "citations":[{"document_id":sys.argv[1],"page":1,"quote":"现提出如下意见"}]},ensure_ascii=False))
PY
curl -s -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -X POST $S/api/v1/claims --data-binary @$P/claim.json | head -c 300; echo
curl -s -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -X POST $S/api/v1/documents/bulk -d "{\"ids\":[\"$MV\"],\"city\":\"320100\"}" | head -c 300; echo
curl -s -H "Authorization: Bearer $T" -X DELETE $S/api/v1/documents/$NJ | head -c 300; echo
