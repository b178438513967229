#!/bin/bash
# Step 3c: node C's data folder on a 6 MiB tmpfs, filled up while A takes uploads; then freed.
. $(dirname $0)/env.sh; T=$(cat $P/token); C=127.0.0.1:18473
mountpoint -q $P/full || mount -t tmpfs -o size=6m tmpfs $P/full
serve full/c $C $NEW
for i in $(seq 1 120); do curl -sf http://$C/readyz >/dev/null && break; sleep 1; done; curl -s http://$C/readyz; echo
df -k $P/full | tail -1
dd if=/dev/zero of=$P/full/filler bs=1k count=$(( $(df -k --output=avail $P/full | tail -1) - 8 )) 2>/dev/null; df -k $P/full | tail -1
mkdir -p $P/up/full
python3 - <<'PY'
import os
P=os.environ['P']
for i in range(40):
    open(f"{P}/up/full/full{i:03d}.txt","w").write(f"磁盘已满期间的佐证材料{i}\n标记磁盘写满{i}号。" + "社区教育老年大学学分银行终身学习"*200 + "\n")
PY
$NEW ingest $P/up/full --city 330100 --type policy --server http://$A --token $T | tail -n 1
sleep 8
for n in $A $C; do curl -s http://$n/readyz; echo; curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E7%A3%81%E7%9B%98%E5%86%99%E6%BB%A1&size=1" | head -c 120; echo; done
grep -v 'path=/' $P/full/c.log | tail -n 8 | cut -c1-400
rm $P/full/filler; echo "freed $(date +%T)"; sleep 10
for n in $A $C; do curl -s http://$n/readyz; echo; curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E7%A3%81%E7%9B%98%E5%86%99%E6%BB%A1&size=1" | head -c 60; echo; done
