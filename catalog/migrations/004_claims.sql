-- Claims a city makes for a key indicator, the passages it cites, and the
-- verdicts of reviewers.
CREATE TABLE claim (
    id             TEXT PRIMARY KEY,
    city           TEXT NOT NULL REFERENCES city(code),
    round          INTEGER NOT NULL,
    indicator_code TEXT NOT NULL,
    statement      TEXT NOT NULL,
    status         TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX claim_queue ON claim (status, city);
CREATE INDEX claim_indicator ON claim (indicator_code, city);

-- A citation keeps the SHA-256 of the bytes cited, so the original a
-- reviewer saw stays retrievable whatever happens to the document.
CREATE TABLE citation (
    id            TEXT PRIMARY KEY,
    claim_id      TEXT NOT NULL REFERENCES claim(id),
    position      INTEGER NOT NULL,
    document_id   TEXT NOT NULL REFERENCES document(id),
    sha256        TEXT NOT NULL,
    page          INTEGER NOT NULL,
    quote         TEXT NOT NULL,
    quote_found   INTEGER NOT NULL,
    found_on_page INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX citation_claim ON citation (claim_id);
CREATE INDEX citation_document ON citation (document_id);

CREATE TABLE review (
    id       TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claim(id),
    reviewer TEXT NOT NULL,
    verdict  TEXT NOT NULL,
    comment  TEXT NOT NULL DEFAULT '',
    at       TEXT NOT NULL
);
CREATE INDEX review_claim ON review (claim_id, at);
