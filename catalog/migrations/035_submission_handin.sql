-- Where a submission made for a responsibility task stands
-- (submission.handin): 'uploading' while the upload that wrote it has not
-- yet had the task record the file, 'recorded' once it has (the file is
-- then on assignment_document, returned or not), 'withdrawn' once the
-- department took it back off the task, 'abandoned' when the upload ended
-- without the task recording it (a file that failed to link, a task that
-- refused it, a request that died); '' for a submission for no task.
--
-- Deleting a task refuses while one of its hand-ins is 'uploading'
-- (DeleteAssignment): before this column that was told by the absence of
-- a record and by matching the text of withdrawal events, so an upload
-- that died after writing its submission held the task forever.
--
-- Backfill (handIn035): a task's submission whose file the task records
-- is 'recorded'; one withdrawn since (an assignment.withdraw event of the
-- task naming the document, at or after it) is 'withdrawn'; any other is
-- 'abandoned': no upload runs while the catalog migrates, so none is
-- under way. Only rows still '' are filled, so the migration may run
-- again under another number. The Go step adds the column where missing
-- (SQLite has no ADD COLUMN IF NOT EXISTS); PostgreSQL adds it in the
-- twin 035_submission_handin.pg.sql.

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
