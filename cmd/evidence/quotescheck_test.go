package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestQuotesCheckLooksForLinkQuotesNotLookedFor: links whose quotes were
// never looked for (made as before migration 032) are looked for by
// evidence quotes check in their document's text, one found on page 1
// and one not in the text, and the count is printed; a second run has
// nothing left to look for.
func TestQuotesCheckLooksForLinkQuotesNotLookedFor(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	ctx := context.Background()
	cat := openDataCatalog(t, data)
	found := &catalog.Link{DocumentID: ids["wuhan-case.html"], IndicatorCode: "1.1.1", Page: 1, Quote: "江汉区培育社区学习共同体120个", CreatedBy: "admin"}
	missing := &catalog.Link{DocumentID: ids["wuhan-case.html"], IndicatorCode: "2.2.1", Page: 1, Quote: "这句话不在文中", CreatedBy: "admin"}
	err := cat.CreateLinks(ctx, []*catalog.Link{found, missing}, false)
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "quotes", "check", "--data", data)
	if err != nil || !strings.Contains(out, "已核对 1 份文本中尚未核对的 2 段关联引文") {
		t.Fatalf("quotes check: %v\n%s", err, out)
	}
	cat = openDataCatalog(t, data)
	for _, c := range []struct {
		link *catalog.Link
		want catalog.QuoteMark
	}{
		{found, catalog.QuoteMark{Checked: true, QuoteFound: true, FoundOnPage: 1}},
		{missing, catalog.QuoteMark{Checked: true}},
	} {
		l, err := cat.Link(ctx, c.link.ID)
		if err != nil || l.Passages()[0].QuoteMark != c.want {
			t.Errorf("link quoting %s after quotes check: %+v, %v; want %+v", c.link.Quote, l, err, c.want)
		}
	}
	cat.Close()
	if out, err := runCLI(t, "quotes", "check", "--data", data, "--lang", "en"); err != nil ||
		!strings.Contains(out, "In 0 texts, looked for 0 link quotes not looked for yet") {
		t.Errorf("quotes check again: %v\n%s", err, out)
	}
}

// openDataCatalog opens the SQLite catalog of the data folder data; the
// caller closes it before a command opens it.
func openDataCatalog(t *testing.T, data string) *catalog.Store {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}
