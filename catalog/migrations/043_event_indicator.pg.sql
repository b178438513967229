-- 043_event_indicator.sql for PostgreSQL (see there).
CREATE TABLE IF NOT EXISTS event_indicator (
    indicator TEXT NOT NULL,
    city      TEXT NOT NULL,
    event_id  BIGINT NOT NULL REFERENCES event(id),
    PRIMARY KEY (indicator, city, event_id)
);
CREATE TABLE IF NOT EXISTS event_indicator_fill (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    done BIGINT NOT NULL,
    upto BIGINT NOT NULL
);
INSERT INTO event_indicator_fill (id, done, upto)
    SELECT 1, 0, id FROM event WHERE NOT EXISTS (SELECT 1 FROM event_indicator_fill)
    ORDER BY id DESC LIMIT 1;
CREATE INDEX IF NOT EXISTS value_indicator ON value (indicator_code, city);
CREATE INDEX IF NOT EXISTS carryover_indicator ON carryover (indicator_code, city);
