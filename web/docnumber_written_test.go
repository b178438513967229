package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPagesShowTheDocNumberAsWritten: a notice whose 文号 is written
// 杭教成[2017]15号, linked to 2.3.2 and carried into 2018, is shown with
// those brackets on the list of documents, its own page (header, fields
// and the edit form), the indicator page, /carryovers and a search for it
// by 〔〕 — not with a 〔〕 the paper does not have. The list, which
// shows no text of it, has no 〔〕 form at all.
func TestPagesShowTheDocNumberAsWritten(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const written, stored = "杭教成[2017]15号", "杭教成〔2017〕15号"
	d := uploadPolicyText(t, s, "评选通知.txt", "杭州市教育局文件\n"+written+"\n关于开展社区教育示范街道评选的通知\n"+
		"各区、县（市）教育局：\n现将有关事项通知如下。\n杭州市教育局\n2017年5月8日\n")
	if d.DocNumber != stored || catalog.DocNumberAsWritten(d) != written {
		t.Fatalf("文号 stored %q shown %q; want %s shown %s", d.DocNumber, catalog.DocNumberAsWritten(d), stored, written)
	}
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.2"}, 2018); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	for _, path := range []string{"/documents", "/documents/" + d.ID, "/indicators/2.3.2?city=330100",
		"/carryovers?city=330100&round=2018", "/search?q=" + url.QueryEscape(stored)} {
		_, body := wang.get(path)
		text := html.UnescapeString(body)
		if !strings.Contains(text, written) {
			t.Errorf("%s: the 文号 is not shown as written, %s: %.1500s", path, written, textOf(body))
		}
		if path == "/documents" && strings.Contains(text, stored) {
			t.Errorf("%s: the 文号 is shown as %s, which the notice does not write", path, stored)
		}
	}
	_, body := wang.get("/documents/" + d.ID)
	if !strings.Contains(html.UnescapeString(body), `name="doc_number" value="`+written+`"`) {
		t.Errorf("the edit form's 文号 is not %s as written", written)
	}
}
