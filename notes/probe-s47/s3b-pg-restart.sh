#!/bin/bash
# Step 3b: PostgreSQL stopped (fast) for 10 s while both nodes take uploads.
. $(dirname $0)/env.sh; T=$(cat $P/token)
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
mkdir -p $P/up/pgdown
python3 - <<'PY'
import os
P=os.environ['P']
for i in range(60):
    open(f"{P}/up/pgdown/pgd{i:03d}.txt","w").write(f"数据库重启期间的佐证材料{i}\n标记数据库重启{i}号，家庭教育指导。\n")
PY
up() { for i in $(seq $3 $4); do f=$(printf "$P/up/pgdown/pgd%03d.txt" $i)
    curl -s -o $P/pgd-$i.json -w "$i %{http_code} %{time_total}\n" -H "Authorization: Bearer $T" -F city=$2 -F doc_type=policy -F file=@$f http://$1/api/v1/documents
    sleep 0.5; done; }
up $A 330100 0 29 > $P/pgd-a.txt & U1=$!; up $B 320100 30 59 > $P/pgd-b.txt & U2=$!
sleep 4; pgctl -m fast -w stop; echo "postgres stopped $(date +%T)"; sleep 10; pgstart >/dev/null; echo "postgres started $(date +%T)"
wait $U1 $U2
cat $P/pgd-a.txt $P/pgd-b.txt | awk '{print $2}' | sort | uniq -c
for f in $P/pgd-*.json; do grep -h -o '"message":"[^"]*"' $f; done | sort | uniq -c
sleep 5
q "select status,count(*) from document where filename like 'pgd%' group by 1"
echo "201 answers: $(grep -l '"documents"' $P/pgd-*.json | wc -l)"
for n in $A $B; do curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E6%95%B0%E6%8D%AE%E5%BA%93%E9%87%8D%E5%90%AF&size=1" | python3 -c 'import json,sys;print("'$n' hits",json.load(sys.stdin)["total"])'; curl -s http://$n/readyz; echo; done
