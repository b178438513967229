#!/bin/bash
# Step 4e: a token revoked on A used on B at once; a user disabled with the CLI
# while holding a session on B and a token on A.
. $(dirname $0)/env.sh; T=$(cat $P/token); cd $P
NT=$(curl -s -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -X POST http://$A/api/v1/tokens -d '{"label":"撤销测试"}')
TID=$(echo "$NT" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])'); TOK=$(echo "$NT" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
curl -s -o /dev/null -w "new token on B before: %{http_code}\n" -H "Authorization: Bearer $TOK" http://$B/api/v1/me
curl -s -o /dev/null -w "revoke on A: %{http_code}\n" -H "Authorization: Bearer $T" -X DELETE http://$A/api/v1/tokens/$TID
curl -s -o /dev/null -w "revoked token on B at once: %{http_code}\n" -H "Authorization: Bearer $TOK" http://$B/api/v1/me
# a coordinator logged in on B (session cookie), disabled by the CLI
$NEW user add --name njcoord2${RUN:-} --role coordinator --city 320100 --department 市教育局 --password 'Nj-coord-pass-47' >/dev/null
curl -s -c $P/njcj -o /dev/null -w "login on B: %{http_code}\n" -H 'Content-Type: application/json' -X POST http://$B/api/v1/login -d '{"username":"njcoord2","password":"Nj-coord-pass-47"}'
curl -s -b $P/njcj -o /dev/null -w "session on A: %{http_code}\n" http://$A/api/v1/me
$NEW user disable --name njcoord2 2>&1 | tail -n 1
curl -s -b $P/njcj -w " <- session on A after disable\n" http://$A/api/v1/me | head -c 300
curl -s -b $P/njcj -o /dev/null -w "session on B after disable: %{http_code}\n" http://$B/api/v1/me
