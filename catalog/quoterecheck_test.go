package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// undoQuoteRecheck takes away the columns migration 028 adds, for tests
// that wind a catalog back to an older version.
func undoQuoteRecheck(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{`ALTER TABLE citation DROP COLUMN recheck_error`, `ALTER TABLE value DROP COLUMN recheck_error`,
		`ALTER TABLE citation DROP COLUMN recheck_error_en`, `ALTER TABLE value DROP COLUMN recheck_error_en`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

func TestQuotesMarkedToRecheckUntilLookedForAgain(t *testing.T) {
	forEachStore(t, testQuotesMarkedToRecheckUntilLookedForAgain)
}

// testQuotesMarkedToRecheckUntilLookedForAgain: a claim whose quote was
// found in a text, and a value citing the same text; looking for them
// again in the text read anew fails. Both then say why (RecheckError),
// their old marks kept beside it, until a look that succeeds records
// where they are and clears it, even where the mark did not change. The
// migration that adds the column runs again without harm.
func testQuotesMarkedToRecheckUntilLookedForAgain(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	cite := Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "建立学分银行", QuoteFound: true, FoundOnPage: 1}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "杭州市已建立学分银行", CreatedBy: "zhang", Citations: []Citation{cite}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	v := &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 1260, Given: "1260场",
		Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "开展学习活动1260场", QuoteFound: true, FoundOnPage: 1}, ValueFound: true}
	if err := s.SaveValue(ctx, v, "zhang"); err != nil {
		t.Fatal(err)
	}
	reason, reasonEN := "读取新文字失败：存储暂时不可用", "The new text could not be read: the store is unavailable for now"
	marked, err := s.MarkQuotesToRecheck(ctx, "sha-D1", reason, reasonEN)
	if err != nil || marked != 2 {
		t.Fatalf("marking the quotes of sha-D1: %d, %v; want 2", marked, err)
	}
	check := func(when, want, wantEN string) {
		t.Helper()
		got, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cit := got.Citations[0]; cit.RecheckError != want || cit.RecheckErrorEN != wantEN || !cit.QuoteFound {
			t.Errorf("%s: the claim's citation says %q / %q (found %v), want %q / %q with its mark kept", when, cit.RecheckError, cit.RecheckErrorEN, cit.QuoteFound, want, wantEN)
		}
		val, err := s.Value(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := val.Citation; c.RecheckError != want || c.RecheckErrorEN != wantEN || !c.QuoteFound {
			t.Errorf("%s: the value says %q / %q (found %v), want %q / %q with its mark kept", when, c.RecheckError, c.RecheckErrorEN, c.QuoteFound, want, wantEN)
		}
		if got := got.Citations[0].RecheckErrorIn(true); wantEN != "" && got != wantEN {
			t.Errorf("%s: the English reason is %q, want %q", when, got, wantEN)
		}
	}
	check("after a failed look", reason, reasonEN)
	runMigrationAgain(t, s, migrationAt(t, s, "_quote_recheck"+cmp.Or(s.dialect.twin, ".sql")))
	check("after the migration ran again", reason, reasonEN)
	quotes, err := s.QuotesIn(ctx, "sha-D1")
	if err != nil || len(quotes) != 2 {
		t.Fatalf("quotes in sha-D1: %v, %v", quotes, err)
	}
	var found []QuoteFoundAgain
	for _, q := range quotes {
		if q.RecheckError != reason || q.RecheckErrorEN != reasonEN {
			t.Errorf("QuotesIn gives the %s quote's failure as %q / %q, want %q / %q", q.Kind, q.RecheckError, q.RecheckErrorEN, reason, reasonEN)
		}
		f := QuoteFoundAgain{Quote: q, Found: true, FoundOnPage: 1}
		if q.Kind == "value" {
			f.Value = &ValueMarks{Found: true}
		}
		found = append(found, f)
	}
	changed, err := s.RecordQuotesFoundAgain(ctx, found)
	if err != nil || changed != 0 {
		t.Fatalf("recording the quotes found where they were: %d changed, %v; want 0", changed, err)
	}
	check("after a look that succeeded", "", "")
	// A reason without English is shown in Chinese on the English pages.
	if _, err := s.MarkQuotesToRecheck(ctx, "sha-D1", reason, ""); err != nil {
		t.Fatal(err)
	}
	check("after a failed look whose reason has no English", reason, "")
	if got, err := s.Claim(ctx, c.ID); err != nil || got.Citations[0].RecheckErrorIn(true) != reason {
		t.Errorf("the English reason of a reason without English: %v, want the Chinese %q", err, reason)
	}
}

func TestWithdrawnClaimsQuotesAreNotMarkedToRecheck(t *testing.T) {
	forEachStore(t, testWithdrawnClaimsQuotesAreNotMarkedToRecheck)
}

// testWithdrawnClaimsQuotesAreNotMarkedToRecheck: two claims cite the
// same text, one of them withdrawn. Looking again for their quotes fails:
// only the live claim's citation is marked 引文待重新核对 (nothing counts
// on a withdrawn claim), and QuotesIn says which one is withdrawn, so a
// quote marked before its claim was withdrawn is listed nowhere.
func testWithdrawnClaimsQuotesAreNotMarkedToRecheck(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	claim := func(statement, quote string) *Claim {
		c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: statement, CreatedBy: "zhang",
			Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1}}}
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	live, gone := claim("杭州市已建立学分银行", "建立学分银行"), claim("杭州市开展学习活动1260场", "开展学习活动1260场")
	if _, err := s.WithdrawClaim(ctx, gone.ID, "zhang", "重复填报"); err != nil {
		t.Fatal(err)
	}
	marked, err := s.MarkQuotesToRecheck(ctx, "sha-D1", "文字存储暂时无法读取", "")
	if err != nil || marked != 1 {
		t.Fatalf("marking the quotes of sha-D1: %d, %v; want the live claim's 1", marked, err)
	}
	for _, c := range []struct {
		claim *Claim
		want  string
	}{{live, "文字存储暂时无法读取"}, {gone, ""}} {
		got, err := s.Claim(ctx, c.claim.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r := got.Citations[0].RecheckError; r != c.want {
			t.Errorf("claim %q (%s): recheck_error %q, want %q", got.Statement, got.Status, r, c.want)
		}
	}
	quotes, err := s.QuotesIn(ctx, "sha-D1")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range quotes {
		if q.Withdrawn != (q.Owner == gone.ID) {
			t.Errorf("QuotesIn gives the quote of claim %s withdrawn %v", q.Owner, q.Withdrawn)
		}
	}
}
