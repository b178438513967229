package ingest_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestDocNumberShownAsTheDocumentWritesIt uploads three notices, one
// writing its 文号 杭教成[2017]15号, one 杭教成（2017）16号, one
// 杭教成〔2017〕17号: each is stored with its year in 〔〕, shown as its
// document writes it (in a search hit too), and a search by the 文号 in
// any brackets finds it. A notice read by the field reader before it kept
// the written form shows it once its fields are read again.
func TestDocNumberShownAsTheDocumentWritesIt(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	notice := func(number string) string {
		return "杭州市教育局文件\n" + number + "\n关于开展社区教育示范街道评选的通知\n各区、县（市）教育局：\n现将有关事项通知如下。\n杭州市教育局\n2017年5月8日\n"
	}
	docs := []struct {
		file, written, stored string
	}{
		{"方括号.txt", "杭教成[2017]15号", "杭教成〔2017〕15号"},
		{"全角括号.txt", "杭教成（2017）16号", "杭教成〔2017〕16号"},
		{"六角括号.txt", "杭教成〔2017〕17号", "杭教成〔2017〕17号"},
	}
	for _, tt := range docs {
		d := e.Upload(hangzhou, tt.file, notice(tt.written))
		if d.DocNumber != tt.stored || catalog.DocNumberAsWritten(d) != tt.written || catalog.DocNumberShown(d).Chinese != tt.written {
			t.Errorf("%s: stored %q shown %q (%q), want %q shown %q", tt.file, d.DocNumber, catalog.DocNumberAsWritten(d),
				catalog.DocNumberShown(d).Chinese, tt.stored, tt.written)
		}
		for _, q := range []string{tt.stored, tt.written, "杭教成[2017]" + tt.stored[len(tt.stored)-len("15号"):],
			"杭教成(2017)" + tt.stored[len(tt.stored)-len("15号"):]} {
			res, err := e.Search.Search(ctx, search.Request{Query: q, User: testenv.Admin})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			i := slices.IndexFunc(res.Hits, func(h search.Hit) bool { return h.ID == d.ID })
			if i < 0 {
				t.Errorf("search %q: %s not found", q, tt.file)
				continue
			}
			if got := res.Hits[i].DocNumber; got != tt.written {
				t.Errorf("search %q: %s's hit shows 文号 %q, want %q", q, tt.file, got, tt.written)
			}
		}
	}

	// As the field reader of revision 9 left it: no written form.
	d := e.Upload(hangzhou, "旧通知.txt", notice("杭教成[2017]18号"))
	old := catalog.FieldFill{Title: d.Title, DocNumber: d.DocNumber, Issuer: d.Issuer, IssuedOn: d.IssuedOn, Revision: 9}
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed, Fill: &old}); err != nil {
		t.Fatal(err)
	}
	if got, err := e.Catalog.Document(ctx, d.ID); err != nil || catalog.DocNumberAsWritten(got) != "杭教成〔2017〕18号" {
		t.Fatalf("read by revision 9: shown %q (%v)", catalog.DocNumberAsWritten(got), err)
	}
	if _, err := e.Ingest.RereadFields(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got, err := e.Catalog.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DocNumber != "杭教成〔2017〕18号" || catalog.DocNumberAsWritten(got) != "杭教成[2017]18号" {
		t.Errorf("read again: stored %q shown %q, want 杭教成〔2017〕18号 shown 杭教成[2017]18号", got.DocNumber, catalog.DocNumberAsWritten(got))
	}
}
