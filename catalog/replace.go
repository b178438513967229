package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Replacement is the new original of a document: its bytes are already in
// the blob store under OriginalKey(SHA256).
type Replacement struct {
	SHA256, MIME, Format, Filename string
	Size                           int64
	// By is the user who replaced it, recorded as a submission and in the
	// audit log; Role is their role then, recorded with the submission.
	By, Department string
	Role           Role
}

// ReplaceOriginal puts a new original under a failed document: the same
// id, metadata and links, the new bytes, status stored (so it is read
// again), no error, no pages, no reading, a fresh job. A title still the
// default one of the old file name becomes that of the new one, so the
// text may fill it. The archive the old file came in is cleared: the new
// one was uploaded alone. Only a failed document may be replaced (ECONFLICT
// otherwise: a read document's text is what claims and values cite);
// bytes another live document of the city holds are ECONFLICT too. The
// replacement is a submission and an audit event naming both hashes.
func (s *Store) ReplaceOriginal(ctx context.Context, id string, r Replacement) (*Document, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The replacer's department, read with the account before this
		// transaction, as it is now (refileSubmission), held before the
		// document's row is locked: a department's row first, as a
		// 责任单位 merge takes them.
		sub := Submission{DocumentID: id, User: r.By, Role: r.Role, Department: r.Department, Filename: r.Filename}
		var city string
		err := tx.QueryRowContext(ctx, `SELECT city FROM document WHERE id = ? AND deleted_at IS NULL`, id).Scan(&city)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "文档 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("replace original of %s: %w", id, err)
		}
		if err := s.refileSubmission(ctx, tx, city, &sub); err != nil {
			return err
		}
		d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM document WHERE id = ? AND deleted_at IS NULL`+s.dialect.lockRow, id))
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "文档 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("replace original of %s: %w", id, err)
		}
		if d.Status != StatusFailed {
			return Errorf(ECONFLICT, "只有处理失败的文档可以替换原件")
		}
		// The replacement gives the document a fresh job, clearing the
		// job columns: read after the row's lock, as every job write and
		// a restore read it (lockForJobContract).
		if err := s.checkJobContract(ctx, tx); err != nil {
			var ce *JobContractError
			if errors.As(err, &ce) {
				return Errorf(EUNAVAILABLE, "档案库已由新版本升级，本节点的版本较旧，不能替换原件（替换会改写文档的读取任务记录）；请在已升级的节点上替换，或先升级本节点")
			}
			return err
		}
		if d.SHA256 == r.SHA256 {
			return Errorf(ECONFLICT, "上传的文件与原件完全相同；请选择另一个文件，或点“重新读取”")
		}
		var other string
		err = tx.QueryRowContext(ctx, `SELECT title FROM document WHERE sha256 = ? AND city = ? AND deleted_at IS NULL AND id <> ?`,
			r.SHA256, d.City, id).Scan(&other)
		if err == nil {
			return Errorf(ECONFLICT, "本市档案中已有同一文件“%s”；无需替换，可删除这一份", other)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("replace original of %s: %w", id, err)
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		title := d.Title
		if title == DefaultTitle(d.Filename) {
			title = DefaultTitle(r.Filename)
		}
		sources, confidence, seals := encodeReading(Reading{})
		res, err := tx.ExecContext(ctx, `UPDATE document SET sha256 = ?, size = ?, mime = ?, format = ?, filename = ?, title = ?,
			archive = NULL, status = ?, error = '', error_en = NULL, pages = 0, page_sources = ?, ocr_confidence = ?, seal_pages = ?, seq = ?,
			attempts = 0, lease_owner = '', lease_until = '', lease_token = '' WHERE id = ? AND status = ?`,
			r.SHA256, r.Size, r.MIME, r.Format, r.Filename, title, StatusStored, sources, confidence, seals, seq, id, StatusFailed)
		if err != nil {
			return fmt.Errorf("replace original of %s: %w", id, err)
		}
		// A retry or another replacement committed since the check above.
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ECONFLICT, "这份文档刚刚已被重新读取或替换；请刷新页面查看")
		}
		// The replacement's submission records no task: the one who
		// replaces (mostly the city's coordinator) did not hand it in
		// for one, and naming them on a department's task would be
		// wrong. A task the failed file was handed in for keeps showing
		// that hand-in, under the name it was sent under and when, while
		// the document now carries the new file's name (README,
		// replacement).
		now := s.now()
		sub.At = now
		if err := insertSubmission(ctx, tx, sub); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{At: now, User: r.By, Action: "document.replace", Object: id,
			Detail: map[string]any{"filename": r.Filename, "from_sha256": d.SHA256, "sha256": r.SHA256, "size": r.Size}})
	})
	if err != nil {
		return nil, err
	}
	return s.Document(ctx, id)
}
