package claims_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestInvisibleCharactersAreOneList: text copied from a web page carries
// characters that show nothing (a direction mark, a word joiner, an
// isolate, a zero-width space) inside its words. Wherever they are — in
// the uploaded text, in its title line, in a search, in a claim's quote —
// the archive reads the words a person sees: the stored title and text
// hold none, the words are found by a search holding others, and a quote
// holding others is found on its page.
func TestInvisibleCharactersAreOneList(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "zongjie.txt",
		"杭州市学习型\u200e城市建设工作总结\n全市\u2066学分\u2069银行累计\u200f开户十二万人，社区\u2060教育覆盖全部街道。")
	if d.Title != "杭州市学习型城市建设工作总结" {
		t.Errorf("title %q, want it without the direction mark", d.Title)
	}
	_, text, err := e.Documents.Text(ctx, testenv.Admin, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range text.Pages {
		for _, r := range p {
			if catalog.IsInvisible(r) {
				t.Errorf("stored page %q holds the invisible %U", p, r)
			}
		}
	}
	for _, q := range []string{"学分\u202a银行", "累计\u200b开户", "社区\u00ad教育", "\ufeff学习型城市"} {
		res, err := e.Search.Search(ctx, search.Request{Query: q, User: testenv.Admin})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].ID != d.ID {
			t.Errorf("search %q: %d hits, want the document", q, len(res.Hits))
		}
	}
	c, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "学分\u2067银行累计\u200d开户十二万人"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Citations[0].QuoteFound {
		t.Errorf("a quote with invisible characters: not found on its page (%+v)", c.Citations[0])
	}
}
