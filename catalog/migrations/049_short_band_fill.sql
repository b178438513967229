-- Short bands for the texts read before them (review s44 #4): since the
-- forty-fourth session a short text (neardup.ShortShingles) has 32 short
-- bands (band numbers 32–63) besides its 16 normal ones, by which another
-- short text finds it; a text read before has the normal ones alone until
-- it is read again. short_band_fill is the mark of the fill that gives
-- them theirs from their stored texts (catalog/shortbandfill.go), in the
-- order of the documents' IDs: done, the last document looked at; upto,
-- the last document there was (those after it were read with short
-- bands). Its row is deleted once the fill is done; a catalog holding no
-- band of the current scheme has nothing to fill and gets none. IF NOT
-- EXISTS and NOT EXISTS: the migration may run again under another
-- number.
CREATE TABLE IF NOT EXISTS short_band_fill (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    done TEXT NOT NULL,
    upto TEXT NOT NULL
);
INSERT INTO short_band_fill (id, done, upto)
    SELECT 1, '', (SELECT MAX(id) FROM document)
    WHERE EXISTS (SELECT 1 FROM near_duplicate_band WHERE band >= 16 AND band < 32)
    AND NOT EXISTS (SELECT 1 FROM short_band_fill);
