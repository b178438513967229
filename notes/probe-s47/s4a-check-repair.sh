#!/bin/bash
# Step 4a: damage in the bucket (a text emptied, a text replaced by another
# document's, an original removed), then check and repair on node A's folder
# (A stopped) while B serves.
. $(dirname $0)/env.sh; T=$(cat $P/token)
q() { psql -h 127.0.0.1 -p $PGPORT -U postgres evidence -Atc "$1"; }
row() { q "select id||' '||sha256 from document where city='$1' and title like '%（第$2号）%' and deleted_at is null"; }
read D1 S1 <<<"$(row 330100 50)"; read D2 S2 <<<"$(row 330100 51)"; read D3 S3 <<<"$(row 330100 52)"; read D4 S4 <<<"$(row 320100 60)"
echo "D1=$D1 D2=$D2 D3=$D3 D4=$D4" | tee $P/s4-ids
B3=$P/s3/evbucket
cp $B3/text/$S1.json $P/s4-text1.bak; cp $B3/text/$S2.json $P/s4-text2.bak; cp $B3/originals/$S3 $P/s4-orig3.bak
: > $B3/text/$S1.json                          # emptied
cp $B3/text/$S4.json $B3/text/$S2.json         # replaced by 南京's text
rm $B3/originals/$S3                           # original removed
kill $(cat $P/a.pid); sleep 3
$NEW check --data $P/a > $P/s4-check.txt 2>&1; echo "check exit $?"; cat $P/s4-check.txt | cut -c1-400
$NEW repair --data $P/a > $P/s4-repair.txt 2>&1; echo "repair exit $?"; cat $P/s4-repair.txt | cut -c1-400
$NEW check --data $P/a > $P/s4-check2.txt 2>&1; echo "check again exit $?"; cut -c1-300 $P/s4-check2.txt
serve a $A $NEW
for i in $(seq 1 90); do curl -sf http://$A/readyz >/dev/null && break; sleep 1; done
for n in $A $B; do for d in $D1 $D2 $D3; do curl -s -o /dev/null -w "$n $d text %{http_code}  " -H "Authorization: Bearer $T" http://$n/api/v1/documents/$d/text; curl -s -o /dev/null -w "original %{http_code}\n" -H "Authorization: Bearer $T" http://$n/api/v1/documents/$d/original; done; done
# does search on B still answer 南京's text for the replaced 杭州 document?
curl -s -H "Authorization: Bearer $T" "http://$B/api/v1/search?q=hz0051%E4%B8%93%E9%A1%B9" | head -c 150; echo
q "select id,status,error from document where id in ('$D1','$D2','$D3')"
