package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// No table refers to round by a foreign key (a round's rows name it by
// year), so nothing in the schema stops DeleteRound from removing a round
// while another transaction writes into it. DeleteRound locks the round
// row to delete it (dialect.lockToDelete) before it counts what the round
// holds; every transaction that writes rows belonging to a round holds
// the row first (holdRound) and keeps it to commit. The two then meet on
// the row: the writer commits first and DeleteRound counts what it wrote
// and refuses, or DeleteRound commits first and the writer finds the
// round gone, before it has written anything.
//
// A writer that knows the round only through another row (a hand-in
// through its task, an upload through the task it is for) reads that
// row's round without a lock and holds the round: the row goes only with
// the round, so once the round is held the row stays.
//
// Lock order: the round is held before any document, link, claim or
// task row (as LinkInRound does; DeleteRound deletes the round's open
// tasks, so a hand-in that locked its task first would wait on it in a
// circle), and after only the claims' stamp lock (claimStamp), which
// DeleteRound never takes; so a writer and DeleteRound never wait on each
// other in a circle. Two writers take the document first: a reading of
// the text (holdFilled) and an edit moving a document (holdNewRound),
// which must lock the document to know whether it moves; holdFilled says
// why that is safe.

// holdRound keeps round from being deleted until tx ends: FOR KEY SHARE
// on PostgreSQL, which many writers hold at once and which holds up only
// the deletion; on SQLite the immediate transaction already excludes
// DeleteRound, and the read is the check that the round is still there.
// ENOTFOUND when it is not.
func (s *Store) holdRound(ctx context.Context, tx *sql.Tx, round int) error {
	if round == 0 {
		// A blank round taken for the current one of an archive with none.
		return NoRoundYet("round")
	}
	err := tx.QueryRowContext(ctx, `SELECT year FROM round WHERE year = ?`+s.dialect.keyShare, round).Scan(new(int))
	if errors.Is(err, sql.ErrNoRows) {
		return Errorf(ENOTFOUND, "监测轮次 %d 不存在（可能刚被删除）；请刷新页面，选择现有的轮次后重试", round)
	}
	if err != nil {
		return fmt.Errorf("hold round %d: %w", round, err)
	}
	return nil
}

// holdRounds holds each of rounds once, in ascending order, so that two
// transactions holding the same rounds take them in the same order.
func (s *Store) holdRounds(ctx context.Context, tx *sql.Tx, rounds []int) error {
	rounds = slices.Compact(slices.Sorted(slices.Values(rounds)))
	for _, r := range rounds {
		if err := s.holdRound(ctx, tx, r); err != nil {
			return err
		}
	}
	return nil
}
