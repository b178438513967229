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
// and English, and after it only what the text has, so that the line asks
// for the check once (it used to add 文号由…推断（原文为“…”），请核对 after
// the mark). The coordinator's form keeps the 文号 alone in its box to
// correct it, with the whole note beside it, as no mark is shown there.
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
		// read is what follows the mark; check the words asking for the
		// check, once on the field's line; note the form's whole note.
		read, check, note string
	}{
		{false, "\uFF08推断\uFF0C请核对\uFF09", "原文为“" + d.DocNumberRead + "”", "请核对",
			"文号由文中文字推断\uFF08原文为“" + d.DocNumberRead + "”\uFF09\uFF0C请核对"},
		{true, "(inferred; please check)", "the text has “" + d.DocNumberRead + "”", "please check",
			"The document number (文号) was inferred from the text (which has “" + d.DocNumberRead + "”); please check it"},
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
		after := html.UnescapeString(textOf(m[1]))
		if !strings.HasPrefix(after, tt.mark) {
			t.Errorf("english %v: the 文号 field reads %s%s, want the mark %s right after it", tt.english, guessed, after, tt.mark)
		}
		if !strings.Contains(after, tt.read) || strings.Count(after, tt.check) != 1 {
			t.Errorf("english %v: the 文号 field reads %s%s, want %q after the mark and %q once", tt.english, guessed, after, tt.read, tt.check)
		}
		_, page = wang.get("/documents/" + d.ID)
		meta := metaSection(t, page)
		if !strings.Contains(meta, `name="doc_number" value="`+guessed+`"`) {
			t.Errorf("english %v: the coordinator's 文号 box does not hold %s alone: %.2000s", tt.english, guessed, meta)
		}
		if note := regexp.MustCompile(`(?s)<span class="muted doc-number-note" id="m-number-note">(.*?)</span>`).FindStringSubmatch(meta); note == nil ||
			html.UnescapeString(note[1]) != tt.note {
			t.Errorf("english %v: the coordinator's form notes %q beside the 文号 box, want %q", tt.english, note, tt.note)
		}
	}
}

// TestDocNumberReadBesideTheMark: beside the mark, a 文号 guessed from a
// scan says what OCR read and one guessed from a text what the text has,
// the words the whole note (catalog.DocNumberGuess) uses for each; a
// 文号 read as written, or typed, has nothing beside it.
func TestDocNumberReadBesideTheMark(t *testing.T) {
	guessed := func(sources ...string) *catalog.Document {
		return &catalog.Document{DocNumber: "教发〔2023〕12号", DocNumberRead: "教发〔2023〕125",
			ExtractedFields: []string{catalog.FieldDocNumber}, Reading: catalog.Reading{PageSources: sources}}
	}
	typed := guessed(catalog.SourceOCR)
	typed.ExtractedFields = nil
	for _, tt := range []struct {
		name   string
		d      *catalog.Document
		zh, en string
	}{
		{"文中文字", guessed(), "原文为“教发〔2023〕125”", "the text has “教发〔2023〕125”"},
		{"扫描件", guessed(catalog.SourceOCR), "原识别为“教发〔2023〕125”", "OCR read “教发〔2023〕125”"},
		{"人工填写", typed, "", ""},
	} {
		if got := docNumberRead(Chinese, tt.d); got != tt.zh {
			t.Errorf("%s: beside the mark %q, want %q", tt.name, got, tt.zh)
		}
		if got := docNumberRead(English, tt.d); got != tt.en {
			t.Errorf("%s (English): beside the mark %q, want %q", tt.name, got, tt.en)
		}
		if whole := catalog.DocNumberGuess(tt.d).Chinese; tt.zh != "" && !strings.Contains(whole, tt.zh) {
			t.Errorf("%s: %q beside the mark is not what the whole note %q says was read", tt.name, tt.zh, whole)
		}
	}
}
