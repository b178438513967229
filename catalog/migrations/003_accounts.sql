-- Named, revocable API tokens and web sessions.
ALTER TABLE token ADD COLUMN id TEXT NOT NULL DEFAULT '';
ALTER TABLE token ADD COLUMN label TEXT NOT NULL DEFAULT '';
UPDATE token SET id = substr(hash, 1, 16) WHERE id = '';
CREATE UNIQUE INDEX token_id ON token (id);

-- A web session: the cookie holds a random secret; only its hash is kept.
CREATE TABLE session (
    hash       TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES app_user(username),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX session_by_user ON session (username); -- not session_user: reserved on PostgreSQL
CREATE INDEX event_at ON event (at);
