#!/bin/bash
# Step 4d: R stopped; A (which followed the restored catalog) pointed back at
# the original database and bucket, which hold the upload made after the dump.
. $(dirname $0)/env.sh; T=$(cat $P/token)
kill $(cat $P/r.pid) $(cat $P/a.pid); sleep 3; mv $P/a.log $P/a-restored.log
serve a $A $NEW
for i in $(seq 1 120); do curl -sf http://$A/readyz >/dev/null && break; sleep 1; done; curl -s http://$A/readyz; echo
$(dirname $0)/snapshot.sh http://$A > $P/snap-a3.txt; $(dirname $0)/snapshot.sh http://$B > $P/snap-b3.txt
diff $P/snap-a3.txt $P/snap-b3.txt && echo "A = B again"
for n in $A $B; do curl -s -H "Authorization: Bearer $T" "http://$n/api/v1/search?q=%E5%A4%87%E4%BB%BD%E4%B9%8B%E5%90%8E" | head -c 40; echo " ($n: the upload after the dump)"; done
grep -v 'path=/' $P/a.log | cut -c1-250 | tail -n 3
