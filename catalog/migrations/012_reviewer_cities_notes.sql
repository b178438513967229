-- Reviewers scoped to a list of cities, and experts' notes (issue 13,
-- item 4).
--
-- user_city: the cities a reviewer is limited to; a reviewer without rows
-- here reviews every city. Coordinators and contributors keep their one
-- city in app_user.city.
CREATE TABLE user_city (
    username TEXT NOT NULL REFERENCES app_user(username),
    city     TEXT NOT NULL REFERENCES city(code),
    PRIMARY KEY (username, city)
);

-- A note on a document, or on a passage of it (page > 0, with the quoted
-- text), by an expert, reviewer or admin; read by those roles only.
CREATE TABLE note (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES document(id),
    page        INTEGER NOT NULL DEFAULT 0,
    quote       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX note_document ON note (document_id, created_at);
CREATE INDEX note_author ON note (author, created_at);
