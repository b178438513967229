-- Which taking of a document's job holds its lease, and what the job
-- columns mean.
--
-- document.lease_token tells one taking of a job (catalog.TakeJob) from
-- every other, the same node's included: lease_owner names the node, not
-- its worker, so a worker whose lease ran out and was taken again on the
-- same node (orphan adoption) could renew, or give back, the lease the
-- later worker held, and another node then read the document beside it.
-- A renewal and a give back now name the token they were given. It is
-- random text, '' for no lease; a column of its own rather than
-- lease_until, which every renewal moves: a renewal whose answer was lost
-- (a connection cut after the commit) would leave its taker with a stale
-- time and no way to renew or give back its own lease.
--
-- schema_contract holds, per contract, the meaning this catalog gives a
-- set of columns. 'job_lease' covers document.lease_owner, lease_until,
-- lease_token and attempts (catalog.JobContract): a node refused by a
-- newer catalog still gives back the jobs it dropped, and a newer schema
-- that kept those names with another meaning would have them corrupted;
-- every job write checks the value first and writes nothing when it is not
-- the one the node knows. A migration that changes what those columns mean
-- sets a new value here (and bumps catalog.JobContract).
--
-- The Go step (addLeaseToken, migrationFills) adds the column where
-- missing (SQLite has no ADD COLUMN IF NOT EXISTS); PostgreSQL adds it in
-- the twin 051_job_contract.pg.sql. The rest may run again.
CREATE TABLE IF NOT EXISTS schema_contract (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO schema_contract (name, value) VALUES ('job_lease', 1) ON CONFLICT (name) DO NOTHING;
