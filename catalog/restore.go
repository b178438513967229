package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A deleted document keeps its row (deleted_at), its links, its fields
// and the claims and values citing it: restoring it clears deleted_at and
// everything comes back as it stood, where uploading the file again made
// a second document without any of it. This file holds the catalog's part:
// the restore itself and the deleted copies an upload of the same bytes
// is told about.

// Restored is what restoring a document brought back: the indicators it
// is linked to, and the claims and values (claim:ID, value:ID) citing it,
// which no longer rest on a deleted document.
type Restored struct {
	Indicators []string
	Citing     []string
	// GivenBack is what the document's deletion sent back that came back
	// as it stood: verdicts of claims and values, statuses of tasks.
	GivenBack []GivenBack
	// Kept is what the deletion sent back (claim:ID, value:ID,
	// assignment:ID) that stays as it is: something happened to it since.
	Kept []string
}

// RestoreDocument brings a deleted document back (by names who asked):
// deleted_at cleared, a new change number so every node's index takes it
// again, an indexed one back to extracted until it is indexed again (as a
// move), its job free (the lease of a reading the deletion ended cleared
// and that reading's attempt not counted), and an audit event document.restore naming what came back. A
// document not deleted, or none, is ENOTFOUND; one whose bytes the city
// has live again (uploaded since) is ECONFLICT, naming that document, and
// so is one whose round was deleted since. The caller has checked that
// the original is still stored.
func (s *Store) RestoreDocument(ctx context.Context, id, by string) (Restored, error) {
	var r Restored
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The claims citing it change (出处已删除 no more): stamped under
		// the claims' lock taken first, as deleteDocument does.
		stamp, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		var city, sha, round string
		err = tx.QueryRowContext(ctx, `SELECT city, sha256, round FROM document WHERE id = ? AND deleted_at IS NOT NULL`+s.dialect.lockRow,
			id).Scan(&city, &sha, &round)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "已删除的文档 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("lock deleted document %s: %w", id, err)
		}
		// The restore clears the job columns: read after the row's lock,
		// as every job write reads it (lockForJobContract).
		if err := s.checkJobContract(ctx, tx); err != nil {
			var ce *JobContractError
			if errors.As(err, &ce) {
				return Errorf(EUNAVAILABLE, "档案库已由新版本升级，本节点的版本较旧，不能恢复文档（恢复会改写文档的读取任务记录）；请在已升级的节点上恢复，或先升级本节点")
			}
			return err
		}
		if err := liveCopyConflict(ctx, tx, sha, city); err != nil {
			return err
		}
		if err := s.holdRestoredRound(ctx, tx, round); err != nil {
			return err
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		// The deletion ended whatever reading held the job then: its lease
		// would keep every node off the restored document till it ran out,
		// and its attempt, counted, would fail a good document as poison
		// after a few deletions and restores. A lease that ran out before
		// the deletion was a node dying on the document, and stays counted.
		if _, err := tx.ExecContext(ctx, `UPDATE document SET deleted_at = NULL, seq = ?,
			status = CASE WHEN status = 'indexed' THEN 'extracted' ELSE status END,
			attempts = CASE WHEN lease_owner <> '' AND lease_until > deleted_at AND attempts > 0
				THEN attempts - 1 ELSE attempts END,
			lease_owner = '', lease_until = '', lease_token = '' WHERE id = ?`, seq, id); err != nil {
			return fmt.Errorf("restore document %s: %w", id, err)
		}
		if r.Indicators, err = queryStrings(ctx, tx, `SELECT DISTINCT indicator_code FROM link WHERE document_id = ? ORDER BY 1`, id); err != nil {
			return fmt.Errorf("links of %s: %w", id, err)
		}
		citing, err := citingDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		r.Citing = make([]string, len(citing))
		for i, c := range citing {
			r.Citing[i] = c.Object()
		}
		if r.GivenBack, r.Kept, err = s.restoreDependents(ctx, tx, id, stamp, by); err != nil {
			return err
		}
		back := make([]string, len(r.GivenBack))
		for i, g := range r.GivenBack {
			back[i] = g.Object
		}
		claims, values := countCiting(r.Citing)
		return s.recordEvent(ctx, tx, Event{User: by, Action: "document.restore", Object: id, Also: r.Citing,
			Detail: map[string]any{"indicators": r.Indicators, "claims": claims, "values": values,
				"given_back": back, "kept": r.Kept}})
	})
	if err != nil {
		return Restored{}, err
	}
	return r, nil
}

// liveCopyConflict refuses to restore a document of city holding sha
// when the city has a live document of the same bytes: one city holds
// its bytes once.
func liveCopyConflict(ctx context.Context, tx *sql.Tx, sha, city string) error {
	var other, title string
	err := tx.QueryRowContext(ctx, `SELECT id, title FROM document WHERE sha256 = ? AND city = ? AND deleted_at IS NULL`,
		sha, city).Scan(&other, &title)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("live copy of %s: %w", sha, err)
	}
	return Errorf(ECONFLICT, "本市已有同一文件的文档《%s》（/documents/%s），不能再恢复这一份；请在那份文档上关联指标、引用", title, other)
}

// holdRestoredRound holds the round a restored document is filed in
// (none for ""), refusing in words of a restore a round deleted since.
func (s *Store) holdRestoredRound(ctx context.Context, tx *sql.Tx, round string) error {
	y, ok := roundYear(round)
	if !ok {
		return nil
	}
	err := s.holdRound(ctx, tx, y)
	if IsNotFound(err) {
		return Errorf(ECONFLICT, "这份文档所属的监测轮次 %d 已被删除，不能恢复；请管理员先添加这一轮次，再恢复", y)
	}
	return err
}

// countCiting counts the claims and the values among citing (claim:ID,
// value:ID).
func countCiting(citing []string) (claims, values int) {
	for _, c := range citing {
		if strings.HasPrefix(c, "claim:") {
			claims++
		} else {
			values++
		}
	}
	return claims, values
}

// DeletedCopy is a deleted document of a city holding some bytes, as an
// upload of the same bytes is told of it.
type DeletedCopy struct {
	Document  *Document
	DeletedAt time.Time
	DeletedBy string // "" when the audit log has no deletion
}

// withdrawnReason is the reason a document.delete event gives for a
// document deleted as its hand-in was withdrawn (deleteIfUnused).
const withdrawnReason = "hand-in withdrawn"

// DeletedCopiesBySHA256 returns, by SHA-256, the deleted documents of
// city holding any of shas, the one deleted last for bytes deleted more
// than once; bytes the city has no deleted document of are left out, and
// so are documents deleted because their hand-in was withdrawn: nothing
// held them (no link, no citation), the department took them back, and
// their bytes handed in again are a new hand-in.
func (s *Store) DeletedCopiesBySHA256(ctx context.Context, shas []string, city string) (map[string]DeletedCopy, error) {
	out := make(map[string]DeletedCopy, len(shas))
	if len(shas) == 0 {
		return out, nil
	}
	err := forInLists(shas, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, deletedCopiesSQL(in), append([]any{city}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c DeletedCopy
			var at, detail string
			d, err := scanDocument(withTail(rows, &at, &c.DeletedBy, &detail))
			if err != nil {
				return err
			}
			var why struct {
				Reason string `json:"reason"`
			}
			_ = json.Unmarshal([]byte(detail), &why) // unreadable: a deletion like any other
			if why.Reason == withdrawnReason {
				continue
			}
			c.Document, c.DeletedAt = d, parseTime(at)
			out[d.SHA256] = c // later deletions last: the last one wins
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("deleted documents by sha256: %w", err)
	}
	return out, nil
}

// deletedCopiesSQL is DeletedCopiesBySHA256's query for the placeholder
// list in, its arguments the city and then the SHA-256s. It reads the
// city's deleted documents of those bytes from document_deleted_sha_city
// (migration 047), not every document of the city.
func deletedCopiesSQL(in string) string {
	return `SELECT ` + documentColumns + `, deleted_at,
		COALESCE((SELECT username FROM event e WHERE e.object = document.id AND e.action = 'document.delete'
			ORDER BY e.id DESC LIMIT 1), ''),
		COALESCE((SELECT detail FROM event e WHERE e.object = document.id AND e.action = 'document.delete'
			ORDER BY e.id DESC LIMIT 1), '{}')
		FROM document WHERE city = ? AND deleted_at IS NOT NULL AND sha256 IN ` + in + ` ORDER BY deleted_at, id`
}

// tailScanner scans a row of documentColumns followed by more columns.
type tailScanner struct {
	r    rowScanner
	tail []any
}

func withTail(r rowScanner, tail ...any) tailScanner { return tailScanner{r, tail} }

func (t tailScanner) Scan(dest ...any) error { return t.r.Scan(append(dest, t.tail...)...) }
