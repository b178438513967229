#!/bin/bash
# Step 3a: versitygw killed for 20 s while both nodes take uploads (curl, one file a request).
. $(dirname $0)/env.sh; T=$(cat $P/token)
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
mkdir -p $P/up/s3down
python3 - <<'PY'
import os
P=os.environ['P']
for i in range(60):
    open(f"{P}/up/s3down/s3d{i:03d}.txt","w").write(f"存储中断期间的佐证材料{i}\n标记存储中断{i}号，学分银行制度建设。\n")
PY
up() { # up NODE CITY FROM TO
  for i in $(seq $3 $4); do f=$(printf "$P/up/s3down/s3d%03d.txt" $i)
    curl -s -o $P/s3d-$i.json -w "$i %{http_code} %{time_total}\n" -H "Authorization: Bearer $T" -F city=$2 -F doc_type=policy -F file=@$f http://$1/api/v1/documents
    sleep 0.5; done; }
up $A 330100 0 29 > $P/s3d-a.txt & U1=$!; up $B 320100 30 59 > $P/s3d-b.txt & U2=$!
sleep 4; s3stop; echo "versitygw stopped $(date +%T)"; sleep 20; s3start; echo "versitygw started $(date +%T)"
wait $U1 $U2
cat $P/s3d-a.txt $P/s3d-b.txt | awk '{print $2}' | sort | uniq -c
for f in $P/s3d-*.json; do grep -h -o '"message":"[^"]*"' $f; done | sort | uniq -c
sleep 10
q "select status,count(*) from document where filename like 's3d%' group by 1"
for n in $A $B; do curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E5%AD%98%E5%82%A8%E4%B8%AD%E6%96%AD&size=1" | python3 -c 'import json,sys;print("'$n' hits",json.load(sys.stdin)["total"])'; done
