// Package catalog holds the domain of the evidence archive in plain types
// (Document, User, Event, City …), the application error type, and the
// catalog store: the database that, with the blob store, is the source of
// truth. Every other package imports catalog; catalog imports none of them.
//
// The store runs on SQLite (Open: one machine, a file under the data
// folder) or on PostgreSQL (OpenPostgres: several nodes sharing one
// database). Its SQL is written once, portably, with `?` placeholders; what
// differs between the two is a dialect (dialect.go):
//
//   - placeholders: the PostgreSQL connector (pgdriver.go) numbers `?` as
//     $1, $2 … outside quotes and comments, and passes Go booleans as 0/1
//     for the INTEGER flag columns;
//   - the schema version: PRAGMA user_version on SQLite, the one-row table
//     schema_version on PostgreSQL, read under an advisory lock so that
//     nodes starting together migrate once;
//   - migrations: migrations/NNN_name.sql is portable; where PostgreSQL
//     needs other text, a twin migrations/NNN_name.pg.sql replaces it there
//     (only 001: an identity column for the audit log's id). Everything
//     else is written portably (DOUBLE PRECISION, not REAL, which is four
//     bytes on PostgreSQL; no reserved words as names). A twin keeps its
//     position, so both dialects count versions alike; keep it in step;
//   - writers: SQLite's immediate transactions hold its one write lock;
//     on PostgreSQL writers run side by side under READ COMMITTED, with
//     row locks where they read in order to write (dialect.lockRow) and
//     unique constraints where two may insert the same thing. The one
//     point all document writers share is the change_counter row, held
//     only while a transaction numbers its changes just before COMMIT, so
//     change numbers (document.seq) are unique and become visible in
//     order, and a follower reading "after seq N" never misses a change
//     (seq.go says why this is correct and cannot deadlock). Extraction
//     jobs are taken with SELECT … FOR NO KEY UPDATE SKIP LOCKED (TakeJob),
//     each taking with a token of its own (document.lease_token) that its
//     renewals and give back name, and every job write first checks the
//     catalog's job contract (schema_contract, JobContract);
//     each node says it is alive (node_heartbeat, NodeAlive), and the
//     hand-ins a silent node was uploading are abandoned by the others
//     (AbandonStoppedNodesHandIns);
//   - errors: sqliteError and postgresError turn unique and foreign-key
//     violations, busy and lock errors into ECONFLICT, EINVALID and
//     EUNAVAILABLE;
//   - Snapshot (VACUUM INTO) is SQLite's; a PostgreSQL catalog is backed
//     up with pg_dump;
//   - prepared statements: each connection keeps the ones it ran last, by
//     SQL text, so the same query is not parsed again: pgx does it on
//     PostgreSQL, the SQLite connector (sqlitedriver.go) on SQLite, where
//     database/sql and modernc.org/sqlite keep none.
//
// The store tests are one conformance suite (conformance_test.go) run
// against both dialects.
package catalog
