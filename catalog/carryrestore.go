package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RestoreCarried undoes 本轮不用 on a carried claim or value: dropping
// deleted the round's copy (DecideCarryover), so the source, as it is in
// the round it came from, is copied into the round again and waits for
// re-confirmation (待确认), as when it was first carried. A link is put
// back by DecideCarryover (confirmed again) instead: EINVALID here.
// ECONFLICT when the item is not dropped, when its source was withdrawn
// or deleted since, or, for a value, when the round has its own value of
// the indicator since (two values of one slot would disagree).
func (s *Store) RestoreCarried(ctx context.Context, id, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// The copy is a claim change: stamped under the claims' lock
		// first, as CarryOver stamps its copies.
		stamp, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		var c Carryover
		err = tx.QueryRowContext(ctx, `SELECT kind, city, round, indicator_code, source_id FROM carryover WHERE id = ?`, id).
			Scan(&c.Kind, &c.City, &c.Round, &c.Indicator, &c.SourceID)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "结转记录 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("read carryover %s: %w", id, err)
		}
		if c.Kind == CarryLink {
			return Errorf(EINVALID, "关联请用“重新计入本轮”恢复")
		}
		if err := s.holdRound(ctx, tx, c.Round); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT state FROM carryover WHERE id = ?`+s.dialect.lockRow, id).Scan(&c.State); err != nil {
			return fmt.Errorf("lock carryover %s: %w", id, err)
		}
		if c.State != CarryDropped {
			return Errorf(ECONFLICT, "这一项在 %d年度没有标为本轮不用（%s），无需恢复", c.Round, carryStateWords(c.State))
		}
		now := formatTime(stamp)
		object, err := restoreCopy(ctx, tx, c, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE carryover SET object_id = ?, state = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
			object, CarryToConfirm, by, now, id); err != nil {
			return fmt.Errorf("restore carryover %s: %w", id, err)
		}
		return s.recordEvent(ctx, tx, Event{At: stamp, User: by, Action: "carryover.restored", Object: "carryover:" + id,
			Detail: map[string]any{"kind": c.Kind, "object": object, "source": c.SourceID, "indicator": c.Indicator, "round": c.Round}})
	})
}

// restoreCopy copies the source of the dropped c into its round again,
// after checking it can be, and returns the copy's id.
func restoreCopy(ctx context.Context, tx *sql.Tx, c Carryover, now string) (string, error) {
	switch c.Kind {
	case CarryClaim:
		var status ClaimStatus
		err := tx.QueryRowContext(ctx, `SELECT status FROM claim WHERE id = ?`, c.SourceID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) || status == ClaimWithdrawn {
			return "", Errorf(ECONFLICT, "上一轮的这条定性描述已撤回或删除，不能恢复")
		}
		if err != nil {
			return "", fmt.Errorf("read claim %s: %w", c.SourceID, err)
		}
		return copyClaim(ctx, tx, c.SourceID, c.Round, now)
	default:
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM value WHERE id = ?`, c.SourceID).Scan(&n)
		if err != nil {
			return "", fmt.Errorf("read value %s: %w", c.SourceID, err)
		}
		if n == 0 {
			return "", Errorf(ECONFLICT, "上一轮的这个数值已删除，不能恢复")
		}
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM value WHERE city = ? AND round = ? AND indicator_code = ?`,
			c.City, c.Round, c.Indicator).Scan(&n)
		if err != nil {
			return "", fmt.Errorf("values of %s in round %d: %w", c.Indicator, c.Round, err)
		}
		if n > 0 {
			return "", Errorf(ECONFLICT, "%d年度已另行填报指标 %s 的数值，不能恢复结转的数值；需要更改的，请在数值页修改", c.Round, c.Indicator)
		}
		return copyValue(ctx, tx, c.SourceID, c.Round, now)
	}
}
