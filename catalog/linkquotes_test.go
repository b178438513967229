package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestOldLinkQuoteColumn: a quote column as it was kept before migration
// 030 reads as its first quote and the passages added after it, a passage
// without a page as page 0, a quote of two lines whole.
func TestOldLinkQuoteColumn(t *testing.T) {
	for _, c := range []struct {
		name   string
		stored string
		first  string
		more   []LinkPassage
	}{
		{"one quote", "建立学分银行制度", "建立学分银行制度", nil},
		{"no quote", "", "", nil},
		{"passages added", "建立学分银行制度\n\x1f2\x1f学分银行为学习者建立终身学习档案\n\x1f0\x1f第三条 学分认定",
			"建立学分银行制度", []LinkPassage{{Page: 2, Quote: "学分银行为学习者建立终身学习档案"}, {Page: 0, Quote: "第三条 学分认定"}}},
		{"a quote of two lines", "第一条 为建立学分银行制度\n制定本办法\n\x1f3\x1f附则\n本办法自发布之日起施行",
			"第一条 为建立学分银行制度\n制定本办法", []LinkPassage{{Page: 3, Quote: "附则\n本办法自发布之日起施行"}}},
	} {
		first, more := splitOldLinkQuote(c.stored)
		if first != c.first || !reflect.DeepEqual(more, c.more) {
			t.Errorf("%s: read back %q %v, want %q %v", c.name, first, more, c.first, c.more)
		}
	}
}

// linkQuoteRows are the rows of link_quote of link id, each as
// "position page quote who".
func linkQuoteRows(t *testing.T, s *Store, id string) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT position, page, quote, created_by FROM link_quote WHERE link_id = ? ORDER BY position`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var pos, page int
		var quote, by string
		if err := rows.Scan(&pos, &page, &quote, &by); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(pos, " ", page, " ", quote, " ", by))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// passagesOf is what Passages reads of link id, each as "page quote who".
func passagesOf(t *testing.T, s *Store, id string) []string {
	t.Helper()
	l, err := s.Link(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range l.Passages() {
		out = append(out, fmt.Sprint(p.Page, " ", p.Quote, " ", p.CreatedBy))
	}
	return out
}

// TestLinkQuotesAreRows: a quote added to a link is a row of link_quote
// with its page, who added it and when, the link's own quote column
// holding its first quote alone; the audit log says which was added and
// where; a link carried into the next round cites the same passages
// there; unlinking deletes the rows. Both dialects.
func TestLinkQuotesAreRows(t *testing.T) { forEachStore(t, testLinkQuotesAreRows) }

func testLinkQuotesAreRows(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	d := newDoc("D1", "D1-sha")
	d.Round = "2017"
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	link := &Link{DocumentID: "D1", IndicatorCode: "1.1.1", CreatedBy: "zhang"}
	if err := s.CreateLinks(ctx, []*Link{link}, false); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		by    string
		page  int
		quote string
		want  LinkQuoted
	}{
		{"zhang", 1, "建立学分银行制度", LinkQuoteSet},
		{"li", 2, "学分银行为学习者建立终身学习档案", LinkQuoteAdded},
		{"wang", 0, "第三条 学分认定", LinkQuoteAdded},
		{"li", 2, "学分银行为学习者建立终身学习档案", LinkQuoteSame},
	} {
		l := &Link{DocumentID: "D1", IndicatorCode: "1.1.1", Page: c.page, Quote: c.quote, CreatedBy: c.by}
		if err := s.AddLinkQuote(ctx, l); err != nil || l.Quoted != c.want {
			t.Fatalf("add %q: %v, quoted %d, want %d", c.quote, err, l.Quoted, c.want)
		}
	}
	want := []string{"1 建立学分银行制度 zhang", "2 学分银行为学习者建立终身学习档案 li", "0 第三条 学分认定 wang"}
	if got := passagesOf(t, s, link.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("passages %q, want %q", got, want)
	}
	if got, want := linkQuoteRows(t, s, link.ID), []string{"1 2 学分银行为学习者建立终身学习档案 li", "2 0 第三条 学分认定 wang"}; !reflect.DeepEqual(got, want) {
		t.Errorf("link_quote rows %q, want %q", got, want)
	}
	var column string
	if err := s.db.QueryRowContext(ctx, `SELECT quote FROM link WHERE id = ?`, link.ID).Scan(&column); err != nil || column != "建立学分银行制度" {
		t.Errorf("the link's quote column: %q %v, want its first quote alone", column, err)
	}
	// Every passage is a use of the link, in order, as a claim's
	// citations are: a passage added later shows where the first does.
	used := []string{"1 建立学分银行制度", "2 学分银行为学习者建立终身学习档案", "0 第三条 学分认定"}
	uses, err := s.EvidenceUses(ctx, EvidenceFilter{Kinds: []string{EvidenceLink}})
	if got := usedPassages(uses, link.ID); err != nil || !reflect.DeepEqual(got, used) {
		t.Errorf("evidence uses of the link: %q %v, want its passages %q, without marks", got, err, used)
	}
	events, err := s.Events(ctx, "D1", 20)
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, e := range events {
		if e.Action == "link.quote" {
			added = append(added, fmt.Sprint(e.User, " ", e.Detail["position"], " ", e.Detail["quote"]))
		}
	}
	slices.Sort(added)
	if want := []string{"li 2 学分银行为学习者建立终身学习档案", "wang 3 第三条 学分认定", "zhang 1 建立学分银行制度"}; !reflect.DeepEqual(added, want) {
		t.Errorf("link.quote events %q, want %q", added, want)
	}

	if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "wang"); err != nil {
		t.Fatal(err)
	}
	uses, err = s.EvidenceUses(ctx, EvidenceFilter{Round: 2018, Kinds: []string{EvidenceLink}})
	if got := usedPassages(uses, link.ID); err != nil || !reflect.DeepEqual(got, used) {
		t.Fatalf("the link carried into 2018 is used with %q %v, want its passages %q", got, err, used)
	}
	if got := passagesOf(t, s, uses[0].SourceID); !reflect.DeepEqual(got, want) {
		t.Errorf("the link carried into 2018 cites %q, want %q", got, want)
	}
	counts, err := s.EvidenceCounts(ctx, EvidenceFilter{Round: 2018})
	if err != nil || len(counts) != 1 || counts[0].Documents != 1 {
		t.Errorf("evidence counted in 2018: %+v %v, want one document however many passages its link cites", counts, err)
	}

	if err := s.DeleteLink(ctx, link.ID, "zhang"); err != nil {
		t.Fatal(err)
	}
	if got := linkQuoteRows(t, s, link.ID); len(got) != 0 {
		t.Errorf("after unlinking, link_quote keeps %q", got)
	}
}

// TestLinkQuotesMigrated: a catalog whose links kept their added passages
// in the quote column after "\n" and U+001F (before migration 030) reads
// back the same passages once migrated, who added each from the audit log
// (the link's maker where the log says nothing), the column holding the
// first quote alone; running the migration again changes nothing. Both
// dialects, the catalog set back to the version before 030 and migrated.
func TestLinkQuotesMigrated(t *testing.T) { forEachStore(t, testLinkQuotesMigrated) }

func testLinkQuotesMigrated(t *testing.T, s *Store) {
	ctx := context.Background()
	at := migrationAt(t, s, "_link_quotes.sql")
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	several := &Link{DocumentID: "D1", IndicatorCode: "1.1.1", Page: 1, Quote: "建立学分银行制度", CreatedBy: "zhang"}
	one := &Link{DocumentID: "D1", IndicatorCode: "1.1.2", Page: 4, Quote: "第一条 为建立学分银行制度\n制定本办法", CreatedBy: "zhang"}
	if err := s.CreateLinks(ctx, []*Link{several, one}, false); err != nil {
		t.Fatal(err)
	}
	old := "建立学分银行制度\n\x1f2\x1f学分银行为学习者建立终身学习档案\n\x1f0\x1f第三条 学分认定"
	// The catalog as it was before 030: no link_quote, the version 029's.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DROP TABLE link_quote`); err != nil {
			return err
		}
		if err := s.dialect.setVersion(ctx, tx, at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE link SET quote = ? WHERE id = ?`, old, several.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO event (at, username, action, object, detail) VALUES (?, 'li', 'link.quote', 'D1', ?)`,
			formatTime(time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)),
			`{"link":"`+several.ID+`","indicator":"1.1.1","page":2,"quote":"学分银行为学习者建立终身学习档案"}`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1 建立学分银行制度 zhang", "2 学分银行为学习者建立终身学习档案 li", "0 第三条 学分认定 zhang"}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate the catalog of version %d: %v", at, err)
	}
	for again := range 2 {
		if again > 0 {
			runMigrationAgain(t, s, at)
		}
		if got := passagesOf(t, s, several.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("migrated passages %q, want %q", got, want)
		}
		if got, want := linkQuoteRows(t, s, several.ID), []string{"1 2 学分银行为学习者建立终身学习档案 li", "2 0 第三条 学分认定 zhang"}; !reflect.DeepEqual(got, want) {
			t.Errorf("link_quote rows %q, want %q", got, want)
		}
		if got, want := passagesOf(t, s, one.ID), []string{"4 第一条 为建立学分银行制度\n制定本办法 zhang"}; !reflect.DeepEqual(got, want) {
			t.Errorf("a link of one quote of two lines reads %q, want %q", got, want)
		}
		var column string
		if err := s.db.QueryRowContext(ctx, `SELECT quote FROM link WHERE id = ?`, several.ID).Scan(&column); err != nil || column != "建立学分银行制度" {
			t.Errorf("the migrated quote column: %q %v, want the first quote alone", column, err)
		}
	}
}

// TestLinkQuotesAddedAtOnce: passages added to one link at once are all
// kept, each at a position of its own. Both dialects.
func TestLinkQuotesAddedAtOnce(t *testing.T) { forEachStore(t, testLinkQuotesAddedAtOnce) }

func testLinkQuotesAddedAtOnce(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	link := &Link{DocumentID: "D1", IndicatorCode: "1.1.1", Page: 1, Quote: "建立学分银行制度", CreatedBy: "zhang"}
	if err := s.CreateLinks(ctx, []*Link{link}, false); err != nil {
		t.Fatal(err)
	}
	quotes := []string{"学分银行为学习者建立终身学习档案", "第三条 学分认定", "全年共举办342场市民大讲堂", "参与市民达3.2万人次"}
	errs := make(chan error, len(quotes))
	for _, q := range quotes {
		go func() {
			errs <- s.AddLinkQuote(ctx, &Link{DocumentID: "D1", IndicatorCode: "1.1.1", Page: 2, Quote: q, CreatedBy: "li"})
		}()
	}
	for range quotes {
		if err := <-errs; err != nil {
			t.Errorf("a passage added at once with others: %v", err)
		}
	}
	l, err := s.Link(ctx, link.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range l.Passages()[1:] {
		got = append(got, p.Quote)
	}
	slices.Sort(got)
	slices.Sort(quotes)
	if !reflect.DeepEqual(got, quotes) {
		t.Errorf("passages added at once %q, want %q", got, quotes)
	}
	if rows := linkQuoteRows(t, s, link.ID); len(rows) != len(quotes) {
		t.Errorf("link_quote rows %q, want %d", rows, len(quotes))
	}
}

// usedPassages are the uses of link id, each as its page and quote.
func usedPassages(uses []EvidenceUse, id string) []string {
	var out []string
	for _, u := range uses {
		if u.Kind == EvidenceLink && u.SourceID == id {
			out = append(out, fmt.Sprint(u.Page, " ", u.Quote))
		}
	}
	return out
}
