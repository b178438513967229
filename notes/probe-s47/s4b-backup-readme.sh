#!/bin/bash
# Step 4b: README's backup of PostgreSQL + S3, command by command as written.
. $(dirname $0)/env.sh; T=$(cat $P/token); cd $P; rm -rf $P/backup; mkdir -p $P/backup
$NEW backup --data $P/a --out $P/backup/x 2>&1 | head -n 3; echo "backup exit ${PIPESTATUS[0]}"
pg_dump -Fc -f $P/backup/evidence-catalog.dump "$EVIDENCE_DATABASE_URL"; echo "pg_dump exit $?"
echo "--- as written (endpoint as README's example writes it, host:port):"
aws s3 sync s3://$EVIDENCE_S3_BUCKET $P/backup/evidence-bucket --endpoint-url "$EVIDENCE_S3_ENDPOINT" 2>&1 | tail -n 2
echo "--- with the credentials the README does not mention:"
AWS_ACCESS_KEY_ID=$EVIDENCE_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$EVIDENCE_S3_SECRET_KEY \
  aws s3 sync s3://$EVIDENCE_S3_BUCKET $P/backup/evidence-bucket --endpoint-url "$EVIDENCE_S3_ENDPOINT" 2>&1 | tail -n 2
echo "--- with a scheme:"
AWS_ACCESS_KEY_ID=$EVIDENCE_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$EVIDENCE_S3_SECRET_KEY AWS_DEFAULT_REGION=us-east-1 \
  aws s3 sync s3://$EVIDENCE_S3_BUCKET $P/backup/evidence-bucket --endpoint-url "http://$EVIDENCE_S3_ENDPOINT" --only-show-errors 2>&1 | tail -n 2
echo "aws exit ${PIPESTATUS[0]}; objects: $(find $P/backup/evidence-bucket -type f | wc -l), in bucket: $(find $P/s3/evbucket -type f | wc -l)"
