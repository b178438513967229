#!/bin/bash
# Step 1a: an archive made by the base-s44 binary on PostgreSQL + S3.
. $(dirname $0)/env.sh
cd $P
$OLD user add --data $P/old --name admin --role admin --password 'Probe-s47-pass!' >/dev/null
$OLD user add --data $P/old --name probeadm --role admin --json > $P/admin.json
$OLD city add --data $P/old --code 320100 --name 南京
T=$(python3 -c 'import json;print(json.load(open("'$P'/admin.json"))["token"])'); echo "$T" > $P/token
serve old 127.0.0.1:18470 $OLD
for i in $(seq 1 90); do curl -sf http://127.0.0.1:18470/readyz >/dev/null && break; sleep 1; done
S=http://127.0.0.1:18470
$OLD ingest $P/data/hz --city 330100 --type policy --indicator 2.3.1 --server $S --token $T > $P/ingest-hz.txt 2>&1
$OLD ingest $P/data/nj --city 320100 --type policy --indicator 1.1.1 --server $S --token $T > $P/ingest-nj.txt 2>&1
tail -2 $P/ingest-hz.txt $P/ingest-nj.txt
