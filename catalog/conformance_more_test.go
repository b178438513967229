package catalog

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestSessions(t *testing.T) { forEachStore(t, testSessions) }

func testSessions(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateUser(ctx, &User{Username: "wang", Role: RoleCoordinator, City: "330100"}, "hash", "cli"); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	if err := s.CreateSession(ctx, "h1", "wang", "csrf1", now.Add(time.Hour), Event{User: "wang", Action: "user.login"}); err != nil {
		t.Fatalf("create session: %v", err)
	}
	got, err := s.SessionByHash(ctx, "h1", now)
	if err != nil || got.User.Username != "wang" || got.User.City != "330100" || got.User.Cities != nil || got.CSRF != "csrf1" ||
		!got.ExpiresAt.Equal(now.Add(time.Hour).Truncate(time.Microsecond)) {
		t.Fatalf("session: %+v, %v", got, err)
	}
	// A reviewer's session brings the cities they are limited to.
	if err := s.CreateUser(ctx, &User{Username: "li", Role: RoleReviewer, Cities: []string{"510100", "330100"}}, "hash", "cli"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "h2", "li", "csrf2", now.Add(time.Hour), Event{User: "li", Action: "user.login"}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.SessionByHash(ctx, "h2", now); err != nil || fmt.Sprint(got.User.Cities) != "[330100 510100]" || got.CSRF != "csrf2" {
		t.Errorf("reviewer's session: %+v, %v", got, err)
	}
	if err := s.SetDisabled(ctx, "li", true, "cli"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByHash(ctx, "h2", now); ErrorCode(err) != EUNAUTHORIZED {
		t.Errorf("session of a disabled account: %v", err)
	}
	if _, err := s.SessionByHash(ctx, "h1", now.Add(2*time.Hour)); err == nil {
		t.Errorf("an expired session was accepted")
	}
	if err := s.DeleteSession(ctx, "h1"); err != nil {
		t.Fatalf("delete session: %v", err)
	}
	if _, err := s.SessionByHash(ctx, "h1", now); err == nil {
		t.Errorf("a deleted session was accepted")
	}
	events, err := s.FindEvents(ctx, EventFilter{User: "wang", Action: "user."})
	if err != nil || len(events) == 0 || events[0].Action != "user.login" {
		t.Errorf("login events: %+v, %v", events, err)
	}
}

func TestClaimsAndReviews(t *testing.T) { forEachStore(t, testClaimsAndReviews) }

func testClaimsAndReviews(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D1", SHA256: "aa", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatalf("create claim: %v", err)
	}
	if err := s.AddReview(ctx, &Review{ClaimID: c.ID, Reviewer: "liu", Verdict: ClaimVerified, Comment: "属实"}); err != nil {
		t.Fatalf("review: %v", err)
	}
	got, err := s.Claim(ctx, c.ID)
	if err != nil || got.Status != ClaimVerified || len(got.Citations) != 1 || !got.Citations[0].QuoteFound {
		t.Fatalf("claim after review: %+v, %v", got, err)
	}
	found, err := s.FindClaims(ctx, ClaimFilter{City: "330100", Status: ClaimVerified, Round: 2018})
	if err != nil || len(found) != 1 || found[0].ID != c.ID {
		t.Errorf("find verified claims: %+v, %v", found, err)
	}
	if _, err := s.Claim(ctx, "nope"); !IsNotFound(err) {
		t.Errorf("unknown claim: %v", err)
	}
	// A citation whose quote was not found leaves no passage a new reading
	// of the text could move.
	if err := s.CreateDocument(ctx, newDoc("D2", "bb"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	notFound := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学习型社区", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D2", SHA256: "bb", Page: 1, Quote: "学习型社区"}}}
	if err := s.CreateClaim(ctx, notFound); err != nil {
		t.Fatal(err)
	}
	if cited, err := s.FoundCitations(ctx); err != nil || len(cited) != 1 || cited["aa"] != 1 {
		t.Errorf("found citations: %v, %v; want one of D1's bytes (aa)", cited, err)
	}
}

func TestFindAndDeleteDocuments(t *testing.T) { forEachStore(t, testFindAndDeleteDocuments) }

func testFindAndDeleteDocuments(t *testing.T, s *Store) {
	ctx := context.Background()
	for i, city := range []string{"330100", "330100", "510100"} {
		d := newDoc(fmt.Sprintf("D%d", i), fmt.Sprintf("sha%d", i))
		d.City = city
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	docs, total, err := s.FindDocuments(ctx, DocumentFilter{City: "330100"})
	if err != nil || total != 2 || len(docs) != 2 {
		t.Fatalf("杭州's documents: %d of %d, %v", len(docs), total, err)
	}
	before, _ := s.Document(ctx, "D0")
	if _, err := s.DeleteDocument(ctx, "D0", "admin"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := s.Document(ctx, "D0"); !IsNotFound(err) {
		t.Errorf("deleted document still found: %v", err)
	}
	if _, err := s.DeleteDocument(ctx, "D0", "admin"); !IsNotFound(err) {
		t.Errorf("deleting twice: %v", err)
	}
	again := newDoc("D9", "sha0")
	if err := s.CreateDocument(ctx, again, Submission{User: "zhang"}); err != nil {
		t.Errorf("the same bytes after a delete: %v", err)
	}
	if again.Seq <= before.Seq {
		t.Errorf("seq did not grow: %d after %d", again.Seq, before.Seq)
	}
}

// Writers on several connections (on PostgreSQL: several nodes) get
// distinct, increasing change numbers.
func TestConcurrentWritersGetDistinctSeqs(t *testing.T) {
	forEachStore(t, testConcurrentWritersGetDistinctSeqs)
}

func testConcurrentWritersGetDistinctSeqs(t *testing.T, s *Store) {
	ctx := context.Background()
	const n = 24
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.CreateDocument(ctx, newDoc(fmt.Sprintf("C%02d", i), fmt.Sprintf("c%02d", i)), Submission{User: "zhang"})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent create: %v", err)
		}
	}
	seen := map[int64]bool{}
	for i := range n {
		d, err := s.Document(ctx, fmt.Sprintf("C%02d", i))
		if err != nil {
			t.Fatal(err)
		}
		if seen[d.Seq] {
			t.Errorf("seq %d handed out twice", d.Seq)
		}
		seen[d.Seq] = true
	}
}
