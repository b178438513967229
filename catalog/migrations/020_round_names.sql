-- The indicator framework as it stood in a monitoring round (issue: a
-- rename after round 2024 renamed it in round 2024's report). A round's
-- names are kept when it stops being the current round (a later round is
-- made current) or, before a framework import meant for the next round,
-- when the admin asks; a round with no row here follows the current
-- framework. round_framework is the framework's name and version then;
-- round_indicator its indicators then, in the framework's order.
CREATE TABLE round_framework (
    round        INTEGER PRIMARY KEY,
    framework_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    name_en      TEXT NOT NULL DEFAULT '',
    version      TEXT NOT NULL,
    kept_at      TEXT NOT NULL
);

CREATE TABLE round_indicator (
    round       INTEGER NOT NULL,
    code        TEXT NOT NULL,
    parent_code TEXT NOT NULL DEFAULT '',
    level       INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT '',
    info        TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round, code)
);

-- Rounds before the current one that hold anything keep the names they
-- show today: the best that is known of them, and a later rename no
-- longer reaches their reports.
INSERT INTO round_framework (round, framework_id, name, name_en, version, kept_at)
SELECT r.year, f.id, f.name, f.name_en, f.version, f.imported_at FROM round r, framework f
WHERE f.is_current = 1 AND r.year < (SELECT year FROM round WHERE is_current = 1)
  AND (EXISTS (SELECT 1 FROM document d WHERE d.round = CAST(r.year AS TEXT))
    OR EXISTS (SELECT 1 FROM claim c WHERE c.round = r.year)
    OR EXISTS (SELECT 1 FROM value v WHERE v.round = r.year)
    OR EXISTS (SELECT 1 FROM carryover k WHERE k.round = r.year));

INSERT INTO round_indicator (round, code, parent_code, level, position, name, name_en, kind, info, unit)
SELECT k.round, i.code, i.parent_code, i.level, i.position, i.name, i.name_en, i.kind, i.info, i.unit
FROM round_framework k, indicator i JOIN framework f ON f.key = i.framework_key
WHERE f.is_current = 1;
