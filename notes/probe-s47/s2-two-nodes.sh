#!/bin/bash
# Step 2: concurrent uploads to both nodes; bulk move on A while a 330100
# coordinator searches on B; a deletion on A watched on B.
. $(dirname $0)/env.sh; T=$(cat $P/token)
HT=$(python3 -c 'import json;print(json.load(open("'$P'/hzcoord.json"))["token"])')
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
mkdir -p $P/up/a $P/up/b
python3 - <<'PY'
import os
P=os.environ['P']
for n,d,c in (("a","hz","杭州"),("b","nj","南京")):
    for i in range(40):
        open(f"{P}/up/{n}/{n}{i:03d}.txt","w").write(f"{c}市第二批佐证材料{i}\n并发上传标记并发{n}{i}号，推进社区教育和老年大学建设。\n")
PY
( $NEW ingest $P/up/a --city 330100 --type policy --per-request 1 --server http://$A --token $T > $P/s2-up-a.txt 2>&1 ) &
( $NEW ingest $P/up/b --city 320100 --type policy --per-request 1 --server http://$B --token $T > $P/s2-up-b.txt 2>&1 ) &
# bulk move 40 Hangzhou documents to Nanjing on A while the 330100 coordinator searches on B
IDS=$(q "select string_agg('\"'||id||'\"',',') from (select id from document where city='330100' and title like '%实施意见%' and deleted_at is null order by id limit 40) x")
echo "$IDS" | tr ',' '\n' | tr -d '"' > $P/s2-moved.txt
( for i in $(seq 1 40); do
    curl -s -H "Authorization: Bearer $HT" "http://$B/api/v1/search?q=%E5%AE%9E%E6%96%BD%E6%84%8F%E8%A7%81&size=100&from=0" | python3 -c '
import json,sys
moved=set(open("'$P'/s2-moved.txt").read().split())
r=json.load(sys.stdin); hs=r.get("hits",[])
ids=[h.get("id") or h.get("document_id") for h in hs]
print("'$i'", r.get("total"), "moved-in-hz-coord-results:", len(moved & set(ids)))' ; sleep 0.25; done ) > $P/s2-search-b.txt &
SP=$!
sleep 1
date +%T.%N; curl -s -o $P/s2-bulk.json -w 'bulk %{http_code} %{time_total}\n' -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -X POST http://$A/api/v1/documents/bulk -d "{\"ids\":[$IDS],\"city\":\"320100\"}"; date +%T.%N
wait $SP
# can the coordinator of 330100 still read a moved document's text on B?
M1=$(head -1 $P/s2-moved.txt)
curl -s -o /dev/null -w "hzcoord GET moved doc on B: %{http_code}\n" -H "Authorization: Bearer $HT" http://$B/api/v1/documents/$M1
# delete on A, search its marker on B
DEL=$(q "select id from document where city='330100' and title like '%（第20号）%' and deleted_at is null limit 1")
curl -s -H "Authorization: Bearer $T" -X DELETE http://$A/api/v1/documents/$DEL >/dev/null; t0=$(date +%s.%N)
for i in $(seq 1 50); do
  n=$(curl -s -H "Authorization: Bearer $T" "http://$B/api/v1/search?q=hz0020%E4%B8%93%E9%A1%B9&size=10" | python3 -c 'import json,sys;r=json.load(sys.stdin);print(sum(1 for h in r.get("hits",[]) if (h.get("id") or h.get("document_id"))=="'$DEL'"))')
  [ "$n" = 0 ] && { echo "deleted doc gone from B after $(echo "$(date +%s.%N)-$t0"|bc) s (try $i)"; break; }; sleep 0.1; done
wait
for f in s2-up-a.txt s2-up-b.txt; do tail -n 1 $P/$f; done
sleep 3
q "select city,status,count(*) from document where deleted_at is null group by 1,2"
