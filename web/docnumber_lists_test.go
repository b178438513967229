package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestEveryPageMarksAGuessedDocNumber: a 文号 guessed from 杭教发（2018]
// 125, its document linked to 2.3.2 and carried into 2018, is marked a
// guess on every page that shows it — the indicator page, /carryovers,
// the list of documents and the document's own header — in Chinese and
// English, while a typed 文号 beside it is not. The indicator page and
// /carryovers used to state the guess as fact; /carryovers, where the 文号
// is in brackets after the file name, then put the mark in a second pair
// after them (…12号）（推断，请核对）) and now puts it inside.
func TestEveryPageMarksAGuessedDocNumber(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := uploadPolicyText(t, s, "评选通知.txt", testenv.GuessedNotice)
	const guessed, typed = "杭教发〔2018〕12号", "杭政办发〔2017〕12号"
	if d.DocNumber != guessed || catalog.DocNumberGuessRead(d) == "" {
		t.Fatalf("文号 %q read as %q; want %s marked a guess", d.DocNumber, d.DocNumberRead, guessed)
	}
	var err error
	other := s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡，建立个人学习档案。")
	number := typed
	if _, err = s.env.Documents.Edit(ctx, testenv.Admin, other.ID, catalog.DocumentPatch{DocNumber: &number}); err != nil {
		t.Fatal(err)
	}
	// Its 2018 puts it in 2018; carried from 2017 it must be of 2017.
	round := "2017"
	if d, err = s.env.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Round: &round}); err != nil || catalog.DocNumberGuessRead(d) == "" {
		t.Fatalf("move %s to 2017: %v, or its 文号 is no longer a guess (%q)", d.Filename, err, d.DocNumberRead)
	}
	for _, doc := range []*catalog.Document{d, other} {
		if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2"}); err != nil {
			t.Fatalf("link %s to 2.3.2: %v", doc.Filename, err)
		}
		if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2"}, 2018); err != nil {
			t.Fatalf("carry %s's link to 2.3.2 into 2018: %v", doc.Filename, err)
		}
	}
	wang := s.login("wang")
	for _, tt := range []struct {
		lang string
		mark string
		// inside is the mark inside the brackets of a 文号 after a name.
		inside string
	}{
		{"zh", "\uFF08推断\uFF0C请核对\uFF09", "\uFF0C推断\uFF0C请核对\uFF09"},
		{"en", "(inferred; please check)", ", inferred; please check)"},
	} {
		if tt.lang == "en" {
			wang.english()
		}
		for _, path := range []string{"/indicators/2.3.2?city=330100", "/indicators/2.3.2?city=330100&round=2018",
			"/carryovers?city=330100&round=2018", "/documents", "/documents/" + d.ID} {
			_, body := wang.get(path)
			// textOf sets a space between elements; the mark is a span.
			text := strings.ReplaceAll(html.UnescapeString(textOf(body)), " ", "")
			mark := strings.ReplaceAll(tt.mark, " ", "")
			if strings.HasPrefix(path, "/carryovers") {
				// /carryovers shows the 文号 in brackets after the file name.
				mark = strings.ReplaceAll(tt.inside, " ", "")
			}
			if !strings.Contains(text, guessed+mark) {
				t.Errorf("%s %s: the guessed 文号 %s is not marked %s: %.1500s", tt.lang, path, guessed, mark, text)
			}
			if strings.Contains(text, typed+mark) || strings.Contains(text, typed+strings.ReplaceAll(tt.mark, " ", "")) {
				t.Errorf("%s %s: the typed 文号 %s is marked a guess", tt.lang, path, typed)
			}
			for _, twice := range []string{"\uFF09\uFF08推断", ")(inferred"} {
				if strings.Contains(text, twice) {
					t.Errorf("%s %s: a bracket follows a bracket (%s): %.1500s", tt.lang, path, twice, text)
				}
			}
		}
	}
}
