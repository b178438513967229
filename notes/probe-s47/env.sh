# Sourced by every probe-s47 script.
export PATH=$PATH:/root/go/bin
export P=/tmp/s47run
export PGBIN=$(ls -d /usr/lib/postgresql/*/bin | head -1)
export PGPORT=55447 S3PORT=57447 A=127.0.0.1:18471 B=127.0.0.1:18472
export EVIDENCE_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/evidence?sslmode=disable"
export EVIDENCE_S3_ENDPOINT=127.0.0.1:$S3PORT EVIDENCE_S3_BUCKET=evbucket \
       EVIDENCE_S3_ACCESS_KEY=probekey EVIDENCE_S3_SECRET_KEY=probesecret EVIDENCE_S3_SECURE=0
OLD=/tmp/s47old/evidence NEW=/tmp/s47new/evidence
pgctl() { runuser -u postgres -- $PGBIN/pg_ctl -D $P/pg "$@"; }
s3start() { nohup versitygw --port 127.0.0.1:$S3PORT --access probekey --secret probesecret posix $P/s3 >$P/s3.log 2>&1 & echo $! >$P/s3.pid; sleep 1; }
s3stop() { kill $(cat $P/s3.pid) 2>/dev/null; }
serve() { # serve NAME ADDR BIN
  nohup $3 serve --addr $2 --data $P/$1 >>$P/$1.log 2>&1 & echo $! >$P/$1.pid; }
pgstart() { pgctl -l $P/pg/server.log -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1" -w start; }
