package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// RestoreLinkToRound undoes DropLinkFromRound (or 本轮不用 on a carried
// link): the link counts in round again as it did before, its rows of
// round dropped there confirmed again by by. ENOTFOUND when there is no
// such link of a live document; ECONFLICT, saying what to do, when the
// link was not taken out of round. Audited.
func (s *Store) RestoreLinkToRound(ctx context.Context, linkID string, round int, by string) error {
	now := s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// The link counts in the round again, as DropLinkFromRound's row
		// is written into it: the round first, before the link's rows.
		if err := s.holdRound(ctx, tx, round); err != nil {
			return err
		}
		l, err := s.lockLink(ctx, tx, linkID)
		if err != nil {
			return err
		}
		if err := restoreLinkToRound(ctx, tx, l, round, by, formatTime(now)); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "link.restore_round", Object: l.docID,
			Detail: map[string]any{"link": linkID, "indicator": l.code, "round": round}})
	})
}

// restoreLinkToRound undoes, inside tx, the row of locked link l that
// took it out of round, so the link counts where it did before the drop.
// The row DropLinkFromRound made in its document's own round (from round
// 0) is deleted: confirmed, it would count the link there as carried, and
// the link would no longer follow its document's round. A carried row is
// confirmed again.
func restoreLinkToRound(ctx context.Context, tx *sql.Tx, l *lockedLink, round int, by, now string) error {
	if l.own == fmt.Sprint(round) {
		res, err := tx.ExecContext(ctx, `DELETE FROM carryover
			WHERE kind = 'link' AND object_id = ? AND round = ? AND from_round = 0 AND state = ?`, l.id, round, CarryDropped)
		if err != nil {
			return fmt.Errorf("restore link %s to its own round %d: %w", l.id, round, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE carryover SET state = ?, decided_by = ?, decided_at = ?
		WHERE kind = 'link' AND object_id = ? AND round = ? AND state = ?`, CarryConfirmed, by, now, l.id, round, CarryDropped)
	if err != nil {
		return fmt.Errorf("restore link %s to round %d: %w", l.id, round, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	var counts int
	y := fmt.Sprint(round)
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM link l JOIN document d ON d.id = l.document_id WHERE l.id = ? AND (`+ofDocumentRound+`
		OR l.id IN (SELECT object_id FROM carryover WHERE kind = 'link' AND round = ? AND state <> 'dropped'))`,
		l.id, y, y, round, round).Scan(&counts)
	if err != nil {
		return fmt.Errorf("does link %s count in round %d: %w", l.id, round, err)
	}
	if counts > 0 {
		return Errorf(ECONFLICT, "指标 %s 的这条关联仍计入 %d年度，无需恢复", l.code, round)
	}
	return Errorf(ECONFLICT, "指标 %s 的这条关联没有从 %d年度去掉过，无从恢复；要让它计入 %d年度，请在文档页按 %d年度关联", l.code, round, round, round)
}
