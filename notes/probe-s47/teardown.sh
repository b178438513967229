#!/bin/bash
# Stops what the probe started: both nodes, versitygw, the PostgreSQL cluster.
. $(dirname $0)/env.sh
for n in a b old r full/c; do [ -f $P/$n.pid ] && kill $(cat $P/$n.pid) 2>/dev/null; done
s3stop; pgctl -m fast -w stop
mountpoint -q $P/full && umount $P/full
