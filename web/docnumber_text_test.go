package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestDocumentTextShowsTheDocNumberAsItsField: a notice that writes its
// 文号 杭教成[2017]15号 and one that writes 杭教成〔2017〕16号 each show
// their 文号 one way on their page: its text (read plain, and opened
// from a search for the 文号, which marks it) writes it as the 文号
// field does, as the document writes it, and nowhere in the other form;
// so do the passages of its search hit, marked where the search found it.
func TestDocumentTextShowsTheDocNumberAsItsField(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	for _, tc := range []struct{ written, other string }{
		{"杭教成[2017]15号", "杭教成〔2017〕15号"},
		{"杭教成〔2017〕16号", "杭教成[2017]16号"},
	} {
		d := uploadPolicyText(t, s, "评选通知"+tc.written+".txt", "杭州市教育局文件\n"+tc.written+"\n关于开展社区教育示范街道评选的通知\n"+
			"各区、县（市）教育局：\n现将有关事项通知如下。\n杭州市教育局\n2017年5月8日\n")
		if got := catalog.DocNumberAsWritten(d); got != tc.written {
			t.Fatalf("the 文号 field of the notice writing %s shows %s", tc.written, got)
		}
		res, err := s.env.Search.Search(context.Background(), search.Request{Query: tc.other, User: testenv.Admin})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if h.ID != d.ID {
				continue
			}
			for _, f := range h.Fragments {
				text := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(f.HTML, ""))
				if h.DocNumber != tc.written || !strings.Contains(text, tc.written) || strings.Contains(text, tc.other) {
					t.Errorf("search %s: the hit's 文号 %s, its passage %q; want %s in both", tc.other, h.DocNumber, text, tc.written)
				}
			}
		}
		for _, path := range []string{"/documents/" + d.ID, "/documents/" + d.ID + "?q=" + url.QueryEscape(tc.other)} {
			_, page := wang.get(path)
			text := strings.ReplaceAll(html.UnescapeString(textOf(textSection(t, page))), " ", "")
			// The coordinator's page has the field as the edit form's value.
			field := html.UnescapeString(metaSection(t, page))
			if !strings.Contains(field, `name="doc_number" value="`+tc.written+`"`) {
				t.Errorf("%s: the 文号 field does not show %s: %.600s", path, tc.written, textOf(field))
			}
			if !strings.Contains(text, tc.written) || strings.Contains(text, tc.other) {
				t.Errorf("%s: the text shows the 文号 otherwise than its field, %s: %.300s", path, tc.written, text)
			}
		}
	}
}

// textSection is the document page's text section.
func textSection(t *testing.T, page string) string {
	t.Helper()
	start := strings.Index(page, `<section id="text"`)
	if start < 0 {
		t.Fatalf("no text section on the page: %.500s", textOf(page))
	}
	end := strings.Index(page[start:], "</section>")
	if end < 0 {
		t.Fatalf("the text section has no end")
	}
	return page[start : start+end]
}
