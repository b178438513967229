#!/bin/bash
# Private PostgreSQL cluster (as user postgres) and versitygw posix gateway.
set -e; . $(dirname $0)/env.sh
mkdir -p $P/pg $P/s3/evbucket; chown postgres $P/pg; chmod 700 $P/pg
[ -f $P/pg/PG_VERSION ] || runuser -u postgres -- $PGBIN/initdb -D $P/pg -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
pgctl -l $P/pg/server.log -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1" -w start
psql -h 127.0.0.1 -p $PGPORT -U postgres -c 'create database evidence' postgres
s3start
