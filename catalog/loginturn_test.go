package catalog

import (
	"context"
	"testing"
	"time"
)

// An address's login turn is one holder's until it gives it back or its
// lease ends by the database's clock; another holder cannot give it back;
// a turn whose lease ended long ago is swept.
func TestLoginTurns(t *testing.T) { forEachStore(t, testLoginTurns) }

func testLoginTurns(t *testing.T, s *Store) {
	ctx := context.Background()
	take := func(holder string, lease time.Duration) bool {
		t.Helper()
		ok, err := s.TakeLoginTurn(ctx, "10.0.0.9", holder, lease)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !take("a", time.Minute) {
		t.Fatal("a free turn was not given")
	}
	if take("b", time.Minute) {
		t.Error("a turn held by a was given to b")
	}
	if err := s.GiveLoginTurn(ctx, "10.0.0.9", "b"); err != nil {
		t.Fatal(err)
	}
	if take("c", time.Minute) {
		t.Error("b gave back a's turn")
	}
	if err := s.GiveLoginTurn(ctx, "10.0.0.9", "a"); err != nil {
		t.Fatal(err)
	}
	if !take("d", 20*time.Millisecond) {
		t.Fatal("the turn a gave back was not given")
	}
	time.Sleep(50 * time.Millisecond)
	if !take("e", 20*time.Millisecond) {
		t.Fatal("a turn whose lease ended was not given")
	}
	time.Sleep(50 * time.Millisecond)
	if err := s.SweepLoginTurns(ctx, 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_turn`).Scan(&n); err != nil || n != 0 {
		t.Errorf("after the sweep: %d turns (%v), want none", n, err)
	}
}
