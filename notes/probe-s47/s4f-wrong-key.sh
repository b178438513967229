#!/bin/bash
# s42 finding 3 again: a wrong S3 access key.
. $(dirname $0)/env.sh
EVIDENCE_S3_ACCESS_KEY=wrongkey timeout 60 $NEW check --data $P/r 2>&1 | tail -n 2 | cut -c1-300
