#!/bin/bash
# Step 1d: the old node's own folder (index made by base-s44) served by the new binary.
. $(dirname $0)/env.sh
serve old 127.0.0.1:18470 $NEW
for i in $(seq 1 90); do curl -sf http://127.0.0.1:18470/readyz >/dev/null && break; sleep 1; done
$(dirname $0)/snapshot.sh http://127.0.0.1:18470 > $P/snap-oldfolder.txt
diff $P/snap-a.txt $P/snap-oldfolder.txt && echo "old folder = A"
kill $(cat $P/old.pid)
