-- Indicator frameworks, monitoring rounds and evidence links.
CREATE TABLE framework (
    key         TEXT PRIMARY KEY,          -- id@version
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    version     TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE indicator (
    framework_key TEXT NOT NULL REFERENCES framework(key),
    code          TEXT NOT NULL,
    parent_code   TEXT NOT NULL DEFAULT '',
    level         INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    name_en       TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT '',
    info          TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL DEFAULT '',
    keywords      TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (framework_key, code)
);

CREATE TABLE round (
    year       INTEGER PRIMARY KEY,
    label      TEXT NOT NULL,
    is_current INTEGER NOT NULL DEFAULT 0
);
INSERT INTO round (year, label, is_current) VALUES
    (2017, '2017年度首批监测', 0),
    (2018, '2018年度监测', 1);

-- A link says: this document substantiates that key indicator. Links name
-- indicator codes, not framework rows, so they survive a new framework
-- version that keeps the code.
CREATE TABLE link (
    id             TEXT PRIMARY KEY,
    document_id    TEXT NOT NULL REFERENCES document(id),
    indicator_code TEXT NOT NULL,
    page           INTEGER NOT NULL DEFAULT 0,
    quote          TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX link_document_indicator ON link (document_id, indicator_code);
CREATE INDEX link_indicator ON link (indicator_code);
