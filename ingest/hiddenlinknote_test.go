package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLinkNoteRefusesHiddenCharacters: a link's note holding U+202E or
// NUL is refused on the note (probe s48 #5); a note of two lines is kept.
func TestLinkNoteRefusesHiddenCharacters(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	d := e.Upload("330100", "学分银行.txt", "杭州市建立了学分银行，累计开户学习者12000人。")
	for _, note := range []string{"见\u202e附件二", "见附件\x00二"} {
		err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Note: note})
		if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "note" || !strings.Contains(err.Error(), "看不见的字符") {
			t.Errorf("link note %q: %v, want EINVALID on note", note, err)
		}
	}
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Note: "见附件：\n第二页"}); err != nil {
		t.Fatalf("a note of two lines: %v", err)
	}
}
