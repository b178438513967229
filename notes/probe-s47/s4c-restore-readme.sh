#!/bin/bash
# Step 4c: README's restore of PostgreSQL + S3 into a new database and a new
# bucket; node R on an empty folder, node A keeping its folder.
. $(dirname $0)/env.sh; T=$(cat $P/token); R=127.0.0.1:18474
echo "上传于备份之后的材料，标记备份之后。" > $P/up/after-dump.txt
$NEW ingest $P/up/after-dump.txt --city 330100 --type policy --server http://$B --token $T | tail -n 1
psql -h 127.0.0.1 -p $PGPORT -U postgres -c 'create database restored' postgres
NEWURL="postgres://postgres@127.0.0.1:$PGPORT/restored?sslmode=disable"
pg_restore -d "$NEWURL" $P/backup/evidence-catalog.dump; echo "pg_restore exit $?"
export AWS_ACCESS_KEY_ID=$EVIDENCE_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$EVIDENCE_S3_SECRET_KEY AWS_DEFAULT_REGION=us-east-1
aws s3 mb s3://evrestored --endpoint-url http://$EVIDENCE_S3_ENDPOINT
aws s3 sync $P/backup/evidence-bucket s3://evrestored --endpoint-url http://$EVIDENCE_S3_ENDPOINT --only-show-errors; echo "sync back exit $?"
export EVIDENCE_DATABASE_URL="$NEWURL" EVIDENCE_S3_BUCKET=evrestored
$NEW check --data $P/r 2>&1 | tail -n 3
serve r $R $NEW
for i in $(seq 1 120); do curl -sf http://$R/readyz >/dev/null && break; sleep 1; done; curl -s http://$R/readyz; echo
$(dirname $0)/snapshot.sh http://$R > $P/snap-r.txt
# A keeps its folder, now pointed at the restored catalog and bucket
kill $(cat $P/a.pid); sleep 3; mv $P/a.log $P/a-before-restore.log
serve a $A $NEW
for i in $(seq 1 120); do curl -sf http://$A/readyz >/dev/null && break; sleep 1; done; curl -s http://$A/readyz; echo
$(dirname $0)/snapshot.sh http://$A > $P/snap-a-restored.txt
diff $P/snap-r.txt $P/snap-a-restored.txt && echo "R = A on the restored catalog"
for n in $R $A; do curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E5%A4%87%E4%BB%BD%E4%B9%8B%E5%90%8E" | head -c 40; echo " ($n: the upload after the dump)"; done
grep -v 'path=/' $P/a.log | cut -c1-250 | tail -n 6
