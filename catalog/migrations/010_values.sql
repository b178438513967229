-- Quantitative values (issue 14): one number per city, round and key
-- indicator, with the passage that proves it. number is normalised to
-- the indicator's unit; given is what the coordinator typed (12.3万).
CREATE TABLE value (
    id             TEXT PRIMARY KEY,
    city           TEXT NOT NULL REFERENCES city(code),
    round          INTEGER NOT NULL,
    indicator_code TEXT NOT NULL,
    number         DOUBLE PRECISION NOT NULL, -- 8 bytes on both (REAL is 4 on PostgreSQL)
    given          TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL DEFAULT '',
    document_id    TEXT NOT NULL REFERENCES document(id),
    sha256         TEXT NOT NULL,
    page           INTEGER NOT NULL,
    quote          TEXT NOT NULL,
    quote_found    INTEGER NOT NULL,
    found_on_page  INTEGER NOT NULL DEFAULT 0,
    value_found    INTEGER NOT NULL,
    status         TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX value_slot ON value (city, round, indicator_code);
CREATE INDEX value_queue ON value (status, city);

CREATE TABLE value_review (
    id       TEXT PRIMARY KEY,
    value_id TEXT NOT NULL REFERENCES value(id),
    reviewer TEXT NOT NULL,
    verdict  TEXT NOT NULL,
    comment  TEXT NOT NULL DEFAULT '',
    at       TEXT NOT NULL
);
CREATE INDEX value_review_value ON value_review (value_id, at);

-- What a new round took over from an earlier one, for the coordinator to
-- re-confirm (待确认). A carried claim or value is a new row of the new
-- round (object_id) made from the old one (source_id); a carried link is
-- the same link (object_id = source_id) counted in the new round too.
CREATE TABLE carryover (
    id             TEXT PRIMARY KEY,
    city           TEXT NOT NULL REFERENCES city(code),
    round          INTEGER NOT NULL,
    from_round     INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    source_id      TEXT NOT NULL,
    object_id      TEXT NOT NULL,
    state          TEXT NOT NULL,
    decided_by     TEXT NOT NULL DEFAULT '',
    decided_at     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX carryover_once ON carryover (round, kind, source_id);
CREATE INDEX carryover_object ON carryover (kind, object_id);
CREATE INDEX carryover_city ON carryover (city, round, state);
