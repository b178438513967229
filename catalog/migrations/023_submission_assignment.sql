-- The responsibility task (assignment) a submission was handed in for, so
-- that the same bytes handed in for two tasks (one document, deduplicated
-- by SHA-256) show each task its own hand-in: the name it was uploaded
-- under, by whom and when. NULL: not handed in for a task (the upload
-- page), or a submission from before this column that could not be told.
--
-- Backfill: a submission is the hand-in of the task its uploader handed
-- the document in for next (assignment_document, recorded just after the
-- submission), unless the same uploader submitted the same document again
-- before that hand-in was recorded; everything else stays NULL.
--
-- Known limit: two hand-ins of the same bytes by one user for two tasks
-- at the same moment (two browser tabs) may have been recorded
-- interleaved: submission 1, submission 2, the record of task 1, that of
-- task 2. Submission 2 is then told as task 1's, whichever tab sent it,
-- and submission 1 stays NULL: nothing recorded before this column tells
-- which tab sent which. Each task still lists the file; only the name and
-- time shown beside it may be the other tab's.
--
-- No index on assignment_id: no query selects submissions by it (they
-- are read by document), and every submission would pay for one.
ALTER TABLE submission ADD COLUMN assignment_id TEXT;

UPDATE submission SET assignment_id = (
    SELECT ad.assignment_id FROM assignment_document ad
    WHERE ad.document_id = submission.document_id AND ad.submitted_by = submission.username
      AND ad.at >= submission.at
      AND NOT EXISTS (SELECT 1 FROM submission later WHERE later.document_id = submission.document_id
          AND later.username = submission.username AND later.at > submission.at AND later.at <= ad.at)
    ORDER BY ad.at, ad.assignment_id LIMIT 1);
