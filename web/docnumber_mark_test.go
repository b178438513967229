package web

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestWebSaysTheCatalogsGuessMark: no message of the web's own words a
// guessed 文号's mark; the pages take it from the catalog, as the report
// and the exports do. The web used to keep a copy (search.docnumber.guess)
// that could drift from the catalog's.
func TestWebSaysTheCatalogsGuessMark(t *testing.T) {
	marks := []string{catalog.DocNumberGuessMark.Chinese, strings.TrimSpace(catalog.DocNumberGuessMark.English)}
	for key, m := range messages {
		for _, lang := range []Lang{Chinese, English} {
			for _, mark := range marks {
				if strings.Contains(m[lang], mark) {
					t.Errorf("message %s (%s) %q copies the catalog's mark %q", key, lang, m[lang], mark)
				}
			}
		}
	}
}

// TestDocumentFieldMarksAGuessedDocNumber: on the page of a document whose
// 文号 was guessed from 杭教发（2018] 125, an expert reads the 文号 field as
// 杭教发〔2018〕12号 followed by the same mark every list gives, in Chinese
// and English, while the coordinator's form keeps the 文号 alone in its
// box to correct it. The field used to show the guess plainly, a note
// after it.
func TestDocumentFieldMarksAGuessedDocNumber(t *testing.T) {
	s := newSite(t)
	d := uploadPolicyText(t, s, "评选通知.txt", testenv.GuessedNotice)
	const guessed = "杭教发〔2018〕12号"
	if d.DocNumber != guessed || catalog.DocNumberGuessRead(d) == "" {
		t.Fatalf("文号 %q read as %q; want %s marked a guess", d.DocNumber, d.DocNumberRead, guessed)
	}
	field := regexp.MustCompile(`(?s)<dd>` + regexp.QuoteMeta(guessed) + `(.*?)</dd>`)
	for _, tt := range []struct {
		english bool
		mark    string
	}{
		{false, "\uFF08推断\uFF0C请核对\uFF09"},
		{true, "(inferred; please check)"},
	} {
		zhou, wang := s.login("zhou"), s.login("wang")
		if tt.english {
			zhou.english()
			wang.english()
		}
		_, page := zhou.get("/documents/" + d.ID)
		m := field.FindStringSubmatch(metaSection(t, page))
		if m == nil {
			t.Fatalf("english %v: no 文号 field %s on the expert's page: %.1500s", tt.english, guessed, metaSection(t, page))
		}
		if after := html.UnescapeString(textOf(m[1])); !strings.HasPrefix(after, tt.mark) {
			t.Errorf("english %v: the 文号 field reads %s%s, want the mark %s right after it", tt.english, guessed, after, tt.mark)
		}
		_, page = wang.get("/documents/" + d.ID)
		meta := metaSection(t, page)
		if !strings.Contains(meta, `name="doc_number" value="`+guessed+`"`) {
			t.Errorf("english %v: the coordinator's 文号 box does not hold %s alone: %.2000s", tt.english, guessed, meta)
		}
	}
}
