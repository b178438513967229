package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestFieldsRefuseHiddenCharacters: a title or 文号 holding a control
// character is refused, at upload and at an edit, naming the field, as a
// saved search's name is (probe s48 #5): NUL came out as U+FFFD in the
// XLSX. A bidi mark (U+202E, U+2066), which showed the report's words
// after a title backwards, is a format character and dropped quietly
// with the others a web page pastes (TestFieldsDropInvisibleCharacters).
func TestFieldsRefuseHiddenCharacters(t *testing.T) {
	for _, tt := range []struct {
		name, field string
		meta        Meta
	}{
		{"标题含 NUL", "title", Meta{Title: "关于推进学习型城市\x00建设的意见", DocType: string(catalog.DocOther)}},
		{"标题含换行", "title", Meta{Title: "关于推进学习型\n城市建设的意见", DocType: string(catalog.DocOther)}},
		{"文号含响铃", "doc_number", Meta{Title: "意见", DocType: string(catalog.DocOther), DocNumber: "杭教\x07职成〔2017〕9号"}},
	} {
		m := tt.meta
		wantRefused(t, "upload "+tt.name, tt.field, checkFields(&m))
	}
	bidi := Meta{Title: "\u202e关于推进学习型城市建设的意见", DocType: string(catalog.DocOther), DocNumber: "杭教\u2066职成〔2017〕9号"}
	if err := checkFields(&bidi); err != nil || bidi.Title != "关于推进学习型城市建设的意见" || bidi.DocNumber != "杭教职成〔2017〕9号" {
		t.Errorf("a title and 文号 with bidi marks: %v, %q, %q; want the marks dropped", err, bidi.Title, bidi.DocNumber)
	}
	pasted := Meta{Title: "关于推进学习型城市建设的意见\r\n", DocType: string(catalog.DocOther), DocNumber: "\t杭教职成〔2017〕9号"}
	if err := checkFields(&pasted); err != nil || pasted.Title != "关于推进学习型城市建设的意见" || pasted.DocNumber != "杭教职成〔2017〕9号" {
		t.Errorf("a title and 文号 pasted with a line break or tab around them: %v, %q, %q; want them trimmed", err, pasted.Title, pasted.DocNumber)
	}
	title, number := "推进社区教育\x00发展的实施意见", "杭教职成〔2017〕\x079号"
	wantRefused(t, "edit title", "title", (&Service{}).CheckPatch(context.Background(), &catalog.DocumentPatch{Title: &title}))
	wantRefused(t, "edit 文号", "doc_number", (&Service{}).CheckPatch(context.Background(), &catalog.DocumentPatch{DocNumber: &number}))
}

func wantRefused(t *testing.T, what, field string, err error) {
	t.Helper()
	var e *catalog.Error
	if !errors.As(err, &e) || e.Code != catalog.EINVALID || !strings.Contains(e.Message, "看不见的字符") || catalog.ErrorField(err) != field {
		t.Errorf("%s: %v, want EINVALID on %s saying it holds a character that cannot be seen", what, err, field)
	}
}
