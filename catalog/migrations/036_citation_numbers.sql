-- A claim's citations keep their numbers for the claim's life, and the
-- audit log names the documents a claim's changes cite.
--
-- claim.citations_numbered is the number the claim's last citation was
-- given, its removed citations included: a citation added takes the one
-- after, so a number once given is never given again and a reviewer's
-- 第3条 never comes to mean another citation. citation.position keeps
-- its meaning (number - 1), so the citations of every claim written
-- before, numbered 1..n without gaps, keep the numbers they showed.
--
-- event_about names the other objects an event is about than its own
-- (claim:ID): the documents a claim.create, claim.cite or claim.uncite
-- cites or stops citing, so that the events of a document list them.
--
-- The Go step (addCitationNumbers, migrationFills) adds the column where
-- missing (SQLite has no ADD COLUMN IF NOT EXISTS) and fills it;
-- PostgreSQL adds it in the twin 036_citation_numbers.pg.sql and fills it
-- by the same step (fillCitationNumbers). Both may run again, under
-- another number.
CREATE TABLE IF NOT EXISTS event_about (
    event_id INTEGER NOT NULL REFERENCES event(id),
    object   TEXT NOT NULL,
    PRIMARY KEY (object, event_id)
);
