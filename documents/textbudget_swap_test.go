package documents_test

import (
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
)

// TestReleaseGivesBackToTheBudgetItBorrowedFrom: a load that borrowed
// before SetTextBudget gives back to the budget it borrowed from, so the
// new budget still lends no more than its size (the near-duplicate
// comparison borrows in the background while settings change).
func TestReleaseGivesBackToTheBudgetItBorrowedFrom(t *testing.T) {
	s := documents.NewService(nil, nil, nil, nil)
	s.SetTextBudget(1000)
	release, err := s.LendText(1000, 1000) // 一页很长的工作总结
	if err != nil {
		t.Fatal(err)
	}
	s.SetTextBudget(1000)
	release()
	again, err := s.LendText(1000, 1000)
	if err != nil {
		t.Fatalf("the new budget does not lend its whole size: %v", err)
	}
	defer again()
	if more, err := s.LendText(1, 1); err == nil {
		more()
		t.Fatal("the new budget lent past its size: the old load gave back to it")
	} else if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Fatalf("past the budget: %v, want EUNAVAILABLE", err)
	}
}

// TestSetTextBudgetWhileLending: changing the budget while loads borrow
// is safe (run with -race).
func TestSetTextBudgetWhileLending(t *testing.T) {
	s := documents.NewService(nil, nil, nil, nil)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				if release, err := s.LendText(10, 10); err == nil {
					release()
				}
			}
		})
	}
	for i := range 200 {
		s.SetTextBudget(int64(100 + i))
	}
	wg.Wait()
}
