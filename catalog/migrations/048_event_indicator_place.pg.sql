-- 048_event_indicator_place.sql for PostgreSQL (see there): IF NOT
-- EXISTS, as the migration may run again under another number.
ALTER TABLE event_indicator ADD COLUMN IF NOT EXISTS place TEXT NOT NULL DEFAULT '';
UPDATE event_indicator SET place = city WHERE city <> '' AND place <> city;
UPDATE event_indicator n SET place = d.city
    FROM event e JOIN document d ON d.id = e.object
    WHERE e.id = n.event_id AND n.city = '' AND e.action LIKE 'link.%' AND n.place <> d.city;
CREATE INDEX IF NOT EXISTS event_indicator_place ON event_indicator (indicator, place, event_id);
