-- 049_short_band_fill.sql for PostgreSQL (see there).
CREATE TABLE IF NOT EXISTS short_band_fill (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    done TEXT NOT NULL,
    upto TEXT NOT NULL
);
INSERT INTO short_band_fill (id, done, upto)
    SELECT 1, '', (SELECT MAX(id) FROM document)
    WHERE EXISTS (SELECT 1 FROM near_duplicate_band WHERE band >= 16 AND band < 32)
    AND NOT EXISTS (SELECT 1 FROM short_band_fill);
