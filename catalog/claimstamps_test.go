package catalog

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// The claim changes made inside larger transactions — claims a document's
// delete or move sends back to review, claims a round's carry-over copies
// — are stamped under the claims' lock as reviews are: a stamp follows
// every change committed before it, so a reader going on after its last
// claim (ClaimFilter.After, as the round report does page by page) meets
// every change, and keeps each claim's later version.

func TestReopenedOnDeleteStampedInCommitOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		testStampsFollowCommits(t, s, func(ctx context.Context) error {
			_, err := s.DeleteDocument(ctx, "D1", "admin")
			return err
		})
	})
}

func TestReopenedOnMoveStampedInCommitOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		testStampsFollowCommits(t, s, func(ctx context.Context) error {
			_, err := s.MoveDocument(ctx, "D1", "330200", "admin")
			return err
		})
	})
}

func TestCarriedClaimsStampedInCommitOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		testStampsFollowCommits(t, s, func(ctx context.Context) error {
			_, err := s.CarryOver(ctx, "330100", 2018, 2019, "coord")
			return err
		})
	})
}

// testStampsFollowCommits runs change while a review of another claim (of
// 杭州, 2018) is under way, and checks that whichever commits first has
// the earlier stamp, and that a reader who read the claims in between and
// then went on after its last one has every claim as it is now.
func testStampsFollowCommits(t *testing.T, s *Store, change func(context.Context) error) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	addRounds(t, s, 2019)
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, id+"-sha"), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	cited := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立市级学分银行", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}
	other := &Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "社区教育覆盖全部街道", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D2", SHA256: "D2-sha", Page: 1, Quote: "社区教育", QuoteFound: true, FoundOnPage: 1}}}
	for _, c := range []*Claim{cited, other} {
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatalf("create claim: %v", err)
		}
	}
	if err := s.AddReview(ctx, &Review{ClaimID: cited.ID, Reviewer: "liu", Verdict: ClaimVerified, Comment: "属实"}); err != nil {
		t.Fatal(err)
	}
	r := &claimReader{seen: map[string]Claim{}}
	r.read(t, s)
	before := map[string]time.Time{}
	for id, c := range r.seen {
		before[id] = c.UpdatedAt
	}

	// A review of the other claim, stamped and held open before change.
	held, release, reviewed := make(chan time.Time), make(chan struct{}), make(chan error, 1)
	go func() {
		reviewed <- s.inTx(ctx, func(tx *sql.Tx) error {
			at, err := s.claimStamp(ctx, tx)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE claim SET status = ?, updated_at = ? WHERE id = ?`,
				ClaimVerified, formatTime(at), other.ID); err != nil {
				return err
			}
			held <- at
			<-release
			return nil
		})
	}()
	<-held
	changed := make(chan error, 1)
	go func() { changed <- change(ctx) }()
	changeFirst := false
	select {
	case err := <-changed:
		// It did not wait for the review under way: committed first.
		if err != nil {
			t.Fatalf("change: %v", err)
		}
		changeFirst = true
		r.read(t, s)
		close(release)
		if err := <-reviewed; err != nil {
			t.Fatalf("review: %v", err)
		}
	case <-time.After(300 * time.Millisecond):
		close(release)
		if err := <-reviewed; err != nil {
			t.Fatalf("review: %v", err)
		}
		r.read(t, s)
		if err := <-changed; err != nil {
			t.Fatalf("change: %v", err)
		}
	}
	r.read(t, s)

	now, err := s.FindClaims(ctx, ClaimFilter{City: "330100"})
	if err != nil {
		t.Fatal(err)
	}
	var reviewedAt time.Time
	for _, c := range now {
		if c.ID == other.ID {
			reviewedAt = c.UpdatedAt
		}
	}
	for _, c := range now {
		got, ok := r.seen[c.ID]
		if !ok {
			t.Errorf("claim %s (%s, round %d) never met by a reader going on after its last claim", c.ID, c.Statement, c.Round)
		} else if got.Status != c.Status || !got.UpdatedAt.Equal(c.UpdatedAt) {
			t.Errorf("claim %s (%s): the reader kept it %s of %v, it is %s of %v: the later version lost",
				c.ID, c.Statement, got.Status, got.UpdatedAt, c.Status, c.UpdatedAt)
		}
		if was, ok := before[c.ID]; c.ID == other.ID || (ok && was.Equal(c.UpdatedAt)) {
			continue // not changed by change
		}
		if changeFirst == c.UpdatedAt.After(reviewedAt) {
			t.Errorf("claim %s (%s, round %d) changed and committed %s the review, but stamped %v, the review %v",
				c.ID, c.Statement, c.Round, map[bool]string{true: "before", false: "after"}[changeFirst], c.UpdatedAt, reviewedAt)
		}
	}
}

// claimReader reads a city's claims as the round report does: page by
// page, each after the last claim read, a claim met again kept in its
// later version; each read goes on where the last one stopped.
type claimReader struct {
	after string
	seen  map[string]Claim
}

func (r *claimReader) read(t *testing.T, s *Store) {
	t.Helper()
	for {
		page, err := s.FindClaims(context.Background(), ClaimFilter{City: "330100", Limit: 2, After: r.after})
		if err != nil {
			t.Fatalf("read claims after %q: %v", r.after, err)
		}
		for _, c := range page {
			r.seen[c.ID] = c
		}
		if len(page) == 0 {
			return
		}
		r.after = ClaimCursor(page[len(page)-1])
	}
}
