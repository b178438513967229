package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// linkMarks are the marks of the passages of link id, each as "page
// checked found found_on_page quote".
func linkMarks(t *testing.T, s *Store, id string) []string {
	t.Helper()
	l, err := s.Link(context.Background(), id)
	if err != nil {
		t.Fatalf("read link %s: %v", id, err)
	}
	var out []string
	for _, p := range l.Passages() {
		out = append(out, fmt.Sprintf("%d %t %t %d %s", p.Page, p.Checked, p.QuoteFound, p.FoundOnPage, p.Quote))
	}
	return out
}

// TestLinkQuotesFoundAgain: a link's quotes (its own and one added after
// it) are listed with the quotes cited in their document's text, not
// looked for yet; recording where they are found marks each (not in the
// text; on page 3, not on page 2), and a look that fails marks them not
// looked for again, so that no page shows an old mark. Both dialects.
func TestLinkQuotesFoundAgain(t *testing.T) { forEachStore(t, testLinkQuotesFoundAgain) }

func testLinkQuotesFoundAgain(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("年报", "sha-年报"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	l := &Link{DocumentID: "年报", IndicatorCode: "1.1.1", Page: 1, Quote: "这句话不在文中", CreatedBy: "zhang"}
	if err := s.CreateLinks(ctx, []*Link{l}, false); err != nil {
		t.Fatal(err)
	}
	again := &Link{DocumentID: "年报", IndicatorCode: "1.1.1", Page: 2, Quote: "开展全民终身学习活动月", CreatedBy: "zhang"}
	if err := s.AddLinkQuote(ctx, again); err != nil {
		t.Fatal(err)
	}
	want := []string{"1 false false 0 这句话不在文中", "2 false false 0 开展全民终身学习活动月"}
	if got := linkMarks(t, s, l.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("a new link's passages %q, want %q (not looked for yet)", got, want)
	}
	quotes, err := s.QuotesIn(ctx, "sha-年报")
	if err != nil || len(quotes) != 2 {
		t.Fatalf("quotes in the text: %+v, %v; want the link's two", quotes, err)
	}
	found := make([]QuoteFoundAgain, len(quotes))
	for i, q := range quotes {
		if q.Kind != "link" || q.ID != l.ID || q.Position != i || !q.Unchecked {
			t.Errorf("quote %d: %+v, want link %s's at position %d, not looked for yet", i, q, l.ID, i)
		}
		found[i] = QuoteFoundAgain{Quote: q, FoundOnPage: i * 3}
	}
	changed, err := s.RecordQuotesFoundAgain(ctx, found)
	if err != nil || changed != 2 {
		t.Fatalf("record the link's marks: %d changed, %v; want 2", changed, err)
	}
	want = []string{"1 true false 0 这句话不在文中", "2 true false 3 开展全民终身学习活动月"}
	if got := linkMarks(t, s, l.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("marked passages %q, want %q", got, want)
	}
	if quotes, err = s.QuotesIn(ctx, "sha-年报"); err != nil {
		t.Fatal(err)
	}
	for i := range found {
		found[i].Quote = quotes[i]
	}
	if changed, err := s.RecordQuotesFoundAgain(ctx, found); err != nil || changed != 0 {
		t.Errorf("the same marks recorded again: %d changed, %v; want 0", changed, err)
	}
	if _, err := s.MarkQuotesToRecheck(ctx, "sha-年报", "原文读不出", "the original cannot be read"); err != nil {
		t.Fatal(err)
	}
	want = []string{"1 false false 0 这句话不在文中", "2 false false 0 开展全民终身学习活动月"}
	if got := linkMarks(t, s, l.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after a failed look, passages %q, want %q (not looked for)", got, want)
	}
}

// TestLinkQuoteFoundMigrated: a catalog from before 032, whose links have
// no marks, is migrated with its links' quotes not looked for yet (not
// shown as found), listed to be looked for when the text is read anew;
// running the migration again changes nothing. Both dialects.
func TestLinkQuoteFoundMigrated(t *testing.T) { forEachStore(t, testLinkQuoteFoundMigrated) }

func testLinkQuoteFoundMigrated(t *testing.T, s *Store) {
	ctx := context.Background()
	names, err := s.dialect.migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	at := slices.IndexFunc(names, func(n string) bool { return strings.Contains(n, "_link_quote_found.") })
	if at < 0 {
		t.Fatalf("no migration *_link_quote_found.* among %v", names)
	}
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("年报", "sha-年报"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	l := &Link{DocumentID: "年报", IndicatorCode: "1.1.1", Page: 1, Quote: "这句话不在文中", CreatedBy: "zhang"}
	if err := s.CreateLinks(ctx, []*Link{l}, false); err != nil {
		t.Fatal(err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"link", "link_quote"} {
			for _, col := range []string{"quote_found", "found_on_page"} {
				if _, err := tx.ExecContext(ctx, `ALTER TABLE `+table+` DROP COLUMN `+col); err != nil {
					return err
				}
			}
		}
		return s.dialect.setVersion(ctx, tx, at)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate the catalog of version %d: %v", at, err)
	}
	for again := range 2 {
		if again > 0 {
			runMigrationAgain(t, s, at)
		}
		want := []string{"1 false false 0 这句话不在文中"}
		if got := linkMarks(t, s, l.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("a migrated link's passages %q, want %q (not looked for yet)", got, want)
		}
		quotes, err := s.QuotesIn(ctx, "sha-年报")
		if err != nil || len(quotes) != 1 || !quotes[0].Unchecked {
			t.Errorf("quotes in the migrated text: %+v, %v; want the link's, not looked for yet", quotes, err)
		}
	}
}

// TestLinkQuoteFoundInAReplacedText: a link's quotes are listed
// (LinkQuotes) only in the text its document has; marks looked for in the text a
// document had when its quotes were listed are not recorded once its
// original is replaced meanwhile (its new text's reading looks for
// them): the link's quote stays not looked for, not marked from the old
// text. Both dialects.
func TestLinkQuoteFoundInAReplacedText(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1")
		l := quotedLink(t, s, "社区教育年报")
		quotes, err := s.QuotesIn(ctx, "sha-社区教育年报")
		if err != nil || len(quotes) != 1 {
			t.Fatalf("quotes in the text: %+v, %v; want the link's", quotes, err)
		}
		if own, err := s.LinkQuotes(ctx, "sha-社区教育年报", l.ID); err != nil || !reflect.DeepEqual(own, quotes) {
			t.Errorf("the link's quotes: %+v, %v; want %+v, as QuotesIn lists them", own, err, quotes)
		}
		if err := s.SetStatus(ctx, StatusChange{ID: l.DocumentID, Status: StatusFailed, Error: "读取超时"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReplaceOriginal(ctx, l.DocumentID, Replacement{SHA256: "sha-社区教育年报（重新扫描）", Format: "pdf",
			Filename: "社区教育年报.pdf", Size: 10, By: "wang"}); err != nil {
			t.Fatal(err)
		}
		if own, err := s.LinkQuotes(ctx, "sha-社区教育年报", l.ID); err != nil || len(own) != 0 {
			t.Errorf("the link's quotes in the text its document no longer has: %+v, %v; want none", own, err)
		}
		changed, err := s.RecordQuotesFoundAgain(ctx, []QuoteFoundAgain{{Quote: quotes[0], Found: true, FoundOnPage: 1}})
		if err != nil || changed != 0 {
			t.Errorf("marks of the old text recorded: %d changed, %v; want none", changed, err)
		}
		want := []string{"1 false false 0 建成社区学习共同体 120 个"}
		if got := linkMarks(t, s, l.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("the link's passages after its original was replaced: %q, want %q (not looked for yet)", got, want)
		}
	})
}

// TestUncheckedLinkTexts: the texts with a link quote not looked for yet
// are listed in order, a page at a time, those of documents read only:
// not one whose quotes were looked for, nor one not read yet (its
// reading looks for them). Both dialects.
func TestUncheckedLinkTexts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1")
		for _, id := range []string{"甲年报", "乙年报", "丙年报", "丁年报"} {
			quotedLink(t, s, id)
			if id != "丁年报" {
				if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusIndexed, Pages: 1}); err != nil {
					t.Fatal(err)
				}
			}
		}
		quotes, err := s.QuotesIn(ctx, "sha-乙年报")
		if err != nil || len(quotes) != 1 {
			t.Fatalf("quotes in 乙年报: %+v, %v", quotes, err)
		}
		if _, err := s.RecordQuotesFoundAgain(ctx, []QuoteFoundAgain{{Quote: quotes[0]}}); err != nil {
			t.Fatal(err)
		}
		want := []string{"sha-丙年报", "sha-甲年报"}
		slices.Sort(want)
		first, err := s.UncheckedLinkTexts(ctx, "", 1)
		if err != nil || !slices.Equal(first, want[:1]) {
			t.Errorf("first page of one: %q, %v; want %q", first, err, want[:1])
		}
		rest, err := s.UncheckedLinkTexts(ctx, want[0], 10)
		if err != nil || !slices.Equal(rest, want[1:]) {
			t.Errorf("the page after %s: %q, %v; want %q", want[0], rest, err, want[1:])
		}
	})
}
