-- Responsibility assignments (责任分解, issue 13): a city's departments
-- (责任单位), which of them must hand in evidence for which key indicator
-- in a round, by when, and what they handed in.
--
-- name_key is the department's name as compared (DepartmentKey): without
-- spaces, half-width, without the city's name and leading 市, so that
-- 市教育局, 教育局 and 杭州市教育局 are one department of 杭州.
CREATE TABLE department (
    id         TEXT PRIMARY KEY,
    city       TEXT NOT NULL REFERENCES city(code),
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX department_city_key ON department (city, name_key);

-- status: open 未提交, submitted 已提交, returned 已退回 (reason says
-- why), accepted 已确认. due is YYYY-MM-DD.
CREATE TABLE assignment (
    id             TEXT PRIMARY KEY,
    city           TEXT NOT NULL REFERENCES city(code),
    round          INTEGER NOT NULL,
    indicator_code TEXT NOT NULL,
    department_id  TEXT NOT NULL REFERENCES department(id),
    due            TEXT NOT NULL,
    contact        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX assignment_task ON assignment (city, round, indicator_code, department_id);
CREATE INDEX assignment_department ON assignment (department_id, status);

-- The documents handed in for an assignment, by whom and when.
CREATE TABLE assignment_document (
    assignment_id TEXT NOT NULL REFERENCES assignment(id),
    document_id   TEXT NOT NULL REFERENCES document(id),
    submitted_by  TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (assignment_id, document_id)
);
CREATE INDEX assignment_document_document ON assignment_document (document_id);
