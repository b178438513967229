-- The 信息性质说明 (info) in English, as framework files give it (info_en
-- column or key): English pages show it, the Chinese info where it is
-- empty. round_indicator keeps it with a round's names. Numbered 026
-- after 025_ocr_reader.sql, written on another branch at the same time:
-- on a branch without that file this one runs as version 25.
ALTER TABLE indicator ADD COLUMN info_en TEXT NOT NULL DEFAULT '';
ALTER TABLE round_indicator ADD COLUMN info_en TEXT NOT NULL DEFAULT '';
