package catalog

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// Deadlocks met now and then over a long log are each retried: the fill
// gives up only after maxFillDeadlocks in a row, not after that many in
// all (a start on a busy shared catalog then stopped at the third).
func TestFillRetriesDeadlocksSpreadOverTheLog(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	mixedIndicatorLog(t, s)
	logToFillAgain(t, s)
	s.indicatorBatch = 1
	calls, deadlocks := 0, 0
	// Every other batch is ended as a deadlock as it is about to commit
	// (the batch writes nothing; run again, it commits).
	s.indicatorBatchFilled = func(int64) error {
		if calls++; calls%2 == 1 {
			deadlocks++
			return &pgconn.PgError{Code: "40P01", Message: "deadlock detected"}
		}
		return nil
	}
	if err := s.fillEventIndicators(ctx); err != nil {
		t.Fatalf("fill meeting %d deadlocks, none twice in a row: %v; want it done", deadlocks, err)
	}
	if deadlocks <= maxFillDeadlocks {
		t.Fatalf("the log gave %d deadlocks; the test needs more than %d", deadlocks, maxFillDeadlocks)
	}
	var left int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_indicator_fill WHERE done < upto`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("fill marks not done: %d, %v", left, err)
	}
}
