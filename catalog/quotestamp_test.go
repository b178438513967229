package catalog

import (
	"context"
	"testing"
)

func TestQuoteRechecksThatChangeNothingKeepTheVersion(t *testing.T) {
	forEachStore(t, testQuoteRechecksThatChangeNothingKeepTheVersion)
}

// testQuoteRechecksThatChangeNothingKeepTheVersion: rechecks stamped a
// claim's and value's updated_at, their version, with nothing a reader
// sees changed, and reviewers with the page open were refused (412
// 定性描述在您打开页面后已被修改; review s43 finding 12). A failed look
// marked again with the same reason, and marks recorded again from a
// QuotesIn read before the first record, now leave the version as it is;
// a look that does change something still moves it.
func testQuoteRechecksThatChangeNothingKeepTheVersion(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "杭州市已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "建立学分银行", QuoteFound: true, FoundOnPage: 1}}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	v := &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 1260, Given: "1260场",
		Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "开展学习活动1260场", QuoteFound: true, FoundOnPage: 1}, ValueFound: true}
	if err := s.SaveValue(ctx, v, "zhang"); err != nil {
		t.Fatal(err)
	}
	versions := func() (string, string) {
		t.Helper()
		gc, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		gv, err := s.Value(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		return gc.Version(), gv.Version()
	}
	reason, reasonEN := "读取新文字失败：存储暂时不可用", "The new text could not be read: the store is unavailable for now"
	if _, err := s.MarkQuotesToRecheck(ctx, "sha-D1", reason, reasonEN); err != nil {
		t.Fatal(err)
	}
	claimAt, valueAt := versions()
	if _, err := s.MarkQuotesToRecheck(ctx, "sha-D1", reason, reasonEN); err != nil {
		t.Fatal(err)
	}
	if c2, v2 := versions(); c2 != claimAt || v2 != valueAt {
		t.Errorf("marked again with the same reason: versions %s, %s; want %s, %s kept", c2, v2, claimAt, valueAt)
	}

	quotes, err := s.QuotesIn(ctx, "sha-D1")
	if err != nil || len(quotes) != 2 {
		t.Fatalf("quotes in sha-D1: %v, %v", quotes, err)
	}
	var found []QuoteFoundAgain
	for _, q := range quotes {
		f := QuoteFoundAgain{Quote: q, Found: true, FoundOnPage: 1, Read: "建立学分银衍"}
		if q.Kind == "value" {
			f.Read, f.Value = "开展学习活动1260场", &ValueMarks{Found: true}
		}
		found = append(found, f)
	}
	if _, err := s.RecordQuotesFoundAgain(ctx, found); err != nil {
		t.Fatal(err)
	}
	claimAt2, valueAt2 := versions()
	if claimAt2 == claimAt || valueAt2 == valueAt {
		t.Fatalf("a look that changed the marks: versions %s, %s; want both moved from %s, %s", claimAt2, valueAt2, claimAt, valueAt)
	}
	// The same marks recorded again, from the QuotesIn read before the
	// first record (a second look that ran meanwhile): nothing changes.
	if _, err := s.RecordQuotesFoundAgain(ctx, found); err != nil {
		t.Fatal(err)
	}
	if c3, v3 := versions(); c3 != claimAt2 || v3 != valueAt2 {
		t.Errorf("the same marks recorded again: versions %s, %s; want %s, %s kept", c3, v3, claimAt2, valueAt2)
	}
}
