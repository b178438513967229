-- 035_submission_handin.sql for PostgreSQL: IF NOT EXISTS, as the
-- migration may run again under another number; the Go step (handIn035)
-- fills it as on SQLite.
ALTER TABLE submission ADD COLUMN IF NOT EXISTS handin TEXT NOT NULL DEFAULT '';

-- The returns (退回) of files handed in for a task deleted since
-- (deleted_task_return): the task's records of them go with it, and the
-- document page still says 曾被退回 with who, when and why, so a file a
-- coordinator sent back is never shown as if it had never been returned.
CREATE TABLE IF NOT EXISTS deleted_task_return (
    document_id    TEXT NOT NULL,
    assignment_id  TEXT NOT NULL,
    city           TEXT NOT NULL,
    round          INTEGER NOT NULL,
    indicator_code TEXT NOT NULL,
    department     TEXT NOT NULL,
    returned_by    TEXT NOT NULL,
    returned_at    TEXT NOT NULL,
    reason         TEXT NOT NULL,
    deleted_by     TEXT NOT NULL,
    deleted_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deleted_task_return_document ON deleted_task_return (document_id);
