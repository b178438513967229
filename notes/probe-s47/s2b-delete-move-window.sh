#!/bin/bash
# Step 2b: a document deleted on A and one moved to another city on A, watched
# on B (the deleted one by admin, the moved one by 杭州's coordinator).
. $(dirname $0)/env.sh; T=$(cat $P/token)
HT=$(python3 -c 'import json;print(json.load(open("'$P'/hzcoord.json"))["token"])')
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
watch() { # watch TOKEN QUERY ID: print elapsed seconds until ID leaves B's hits
  local t0=$(date +%s.%N) i
  for i in $(seq 1 200); do
    if ! curl -s -H "Authorization: Bearer $1" "http://$B/api/v1/search?q=$2&size=20" | grep -q "$3"; then
      echo "gone from B after $(echo "$(date +%s.%N)-$t0"|bc) s, poll $i"; return; fi
  done; echo "still on B after 200 polls"; }
for N in 0031 0032; do
  D=$(q "select id from document where city='330100' and title like '%（第${N#00}号）%' and deleted_at is null")
  QS=$(python3 -c "import urllib.parse;print(urllib.parse.quote('hz${N}专项'))")
  curl -s -H "Authorization: Bearer $HT" "http://$B/api/v1/search?q=$QS&size=20" | grep -q "$D" && echo "hz$N ($D) found on B before"
  if [ $N = 0031 ]; then
    curl -s -o /dev/null -w "delete on A %{http_code}\n" -H "Authorization: Bearer $T" -X DELETE http://$A/api/v1/documents/$D; watch $T $QS $D
  else
    curl -s -o /dev/null -w "move on A %{http_code}\n" -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -X POST http://$A/api/v1/documents/bulk -d "{\"ids\":[\"$D\"],\"city\":\"320100\"}"; watch $HT $QS $D
  fi
done
