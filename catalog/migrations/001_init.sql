-- Portable SQL (SQLite and PostgreSQL); times are RFC 3339 text in UTC.
CREATE TABLE city (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO city (code, name) VALUES
    ('110000', '北京'), ('310000', '上海'), ('330100', '杭州'), ('510100', '成都'),
    ('420100', '武汉'), ('430100', '长沙'), ('330200', '宁波'), ('140100', '太原');

CREATE TABLE document (
    id          TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    mime        TEXT NOT NULL,
    format      TEXT NOT NULL,
    filename    TEXT NOT NULL,
    title       TEXT NOT NULL,
    doc_type    TEXT NOT NULL,
    city        TEXT NOT NULL REFERENCES city(code),
    department  TEXT NOT NULL DEFAULT '',
    issuer      TEXT NOT NULL DEFAULT '',
    issued_on   TEXT NOT NULL DEFAULT '',
    doc_number  TEXT NOT NULL DEFAULT '',
    round       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    pages       INTEGER NOT NULL DEFAULT 0,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    deleted_at  TEXT,
    seq         BIGINT NOT NULL
);
-- One live document per content; a deleted one does not block a new upload.
CREATE UNIQUE INDEX document_live_sha ON document (sha256) WHERE deleted_at IS NULL;
CREATE INDEX document_city ON document (city, uploaded_at);
CREATE INDEX document_status ON document (status);
CREATE UNIQUE INDEX document_seq ON document (seq);

CREATE TABLE submission (
    document_id TEXT NOT NULL REFERENCES document(id),
    username    TEXT NOT NULL,
    department  TEXT NOT NULL DEFAULT '',
    filename    TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX submission_document ON submission (document_id);

CREATE TABLE app_user (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    city          TEXT NOT NULL DEFAULT '',
    department    TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE token (
    hash       TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES app_user(username),
    created_at TEXT NOT NULL,
    last_used  TEXT
);

CREATE TABLE event (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    username TEXT NOT NULL,
    action   TEXT NOT NULL,
    object   TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX event_object ON event (object);
