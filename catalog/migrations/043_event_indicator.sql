-- The audit log's events by the indicator their detail names, so that
-- FindEvents' indicator filter (indicatorCondition) reads an index instead
-- of matching every event's detail with LIKE.
--
-- event_indicator holds, for each event whose detail names an indicator
-- ("indicator":"2.3.1", at any depth, as the LIKE matched it), one row per
-- indicator and city the detail names (city '' when it names none):
-- writeEvents adds them as it writes the event (detailIndicators).
--
-- event_indicator_fill is the backfill of the events written before: the
-- ones of id up to upto, done up to done. Its one row is written here;
-- fillEventIndicators, as the catalog opens, reads those events in
-- batches, each its own transaction that moves done on, so a large log's
-- fill is resumed where it stopped and never holds the writer for long.
-- Written rows are skipped (ON CONFLICT), so the fill may run again, and
-- so may this migration, under another number: the row of a fill begun
-- stays, done at upto once finished.
CREATE TABLE IF NOT EXISTS event_indicator (
    indicator TEXT NOT NULL,
    city      TEXT NOT NULL,
    event_id  INTEGER NOT NULL REFERENCES event(id),
    PRIMARY KEY (indicator, city, event_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_indicator_fill (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    done INTEGER NOT NULL,
    upto INTEGER NOT NULL
);
INSERT INTO event_indicator_fill (id, done, upto)
    SELECT 1, 0, id FROM event WHERE NOT EXISTS (SELECT 1 FROM event_indicator_fill)
    ORDER BY id DESC LIMIT 1;
-- The filter's other half, the events of an indicator's claims, values
-- and carried-over items, finds those by their indicator: claims have an
-- index for it (claim_indicator), values and carried-over items had none.
CREATE INDEX IF NOT EXISTS value_indicator ON value (indicator_code, city);
CREATE INDEX IF NOT EXISTS carryover_indicator ON carryover (indicator_code, city);
