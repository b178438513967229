-- Change numbers without a unique index (issue 17): writers on PostgreSQL
-- no longer queue behind one lock; they number their changes at commit
-- under a short lock (catalog/seq.go), which keeps seq unique. Under a
-- unique index renumbering a document would be a key update and wait for
-- every foreign-key check on the row, while such a check may be waiting
-- for that lock.
DROP INDEX document_seq;
CREATE INDEX document_seq ON document (seq);

-- Login throttling shared by every node on the catalog (auth/throttle.go):
-- failures counted per throttle key (an address, an account, an account
-- from an address) and millisecond, and when an account last signed in
-- from an address. Rows older than the window are pruned as failures come.
CREATE TABLE login_failure (
    throttle_key TEXT NOT NULL,
    at_ms        BIGINT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (throttle_key, at_ms)
);
CREATE INDEX login_failure_at ON login_failure (at_ms);
CREATE TABLE login_known (
    username TEXT NOT NULL,
    address  TEXT NOT NULL,
    at_ms    BIGINT NOT NULL,
    PRIMARY KEY (username, address)
);

-- The last change number handed out; its one row is what document writers
-- queue on, only while they number their changes at commit (seq.go).
CREATE TABLE change_counter (last_seq BIGINT NOT NULL);
INSERT INTO change_counter (last_seq) SELECT COALESCE(MAX(seq), 0) FROM document;
