-- Login attempts from one address take turns across every node sharing
-- the catalog (auth/turns.go), as they already did within one node: the
-- turn of an address is its row here, held by one attempt (holder) until
-- it gives it back or its lease ends (until_ms), so that a node stopped
-- while holding one keeps no address waiting for long.
CREATE TABLE login_turn (
    address  TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until_ms BIGINT NOT NULL
);
CREATE INDEX login_turn_until ON login_turn (until_ms);
