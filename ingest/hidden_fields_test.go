package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestFieldsRefuseHiddenCharacters: a title or 文号 holding a control
// character or a bidi override is refused, at upload and at an edit,
// naming the field, as a saved search's name is (probe s48 #5): U+202E
// in a title showed the report's words after it backwards, and NUL came
// out as U+FFFD in the XLSX.
func TestFieldsRefuseHiddenCharacters(t *testing.T) {
	for _, tt := range []struct {
		name, field string
		meta        Meta
	}{
		{"标题含 U+202E", "title", Meta{Title: "\u202e关于推进学习型城市建设的意见", DocType: string(catalog.DocOther)}},
		{"标题含 NUL", "title", Meta{Title: "关于推进学习型城市\x00建设的意见", DocType: string(catalog.DocOther)}},
		{"标题含换行", "title", Meta{Title: "关于推进学习型\n城市建设的意见", DocType: string(catalog.DocOther)}},
		{"文号含 U+2066", "doc_number", Meta{Title: "意见", DocType: string(catalog.DocOther), DocNumber: "杭教\u2066职成〔2017〕9号"}},
	} {
		m := tt.meta
		wantRefused(t, "upload "+tt.name, tt.field, checkFields(&m))
	}
	pasted := Meta{Title: "关于推进学习型城市建设的意见\r\n", DocType: string(catalog.DocOther), DocNumber: "\t杭教职成〔2017〕9号"}
	if err := checkFields(&pasted); err != nil || pasted.Title != "关于推进学习型城市建设的意见" || pasted.DocNumber != "杭教职成〔2017〕9号" {
		t.Errorf("a title and 文号 pasted with a line break or tab around them: %v, %q, %q; want them trimmed", err, pasted.Title, pasted.DocNumber)
	}
	title, number := "推进社区教育\u202e发展的实施意见", "杭教职成〔2017〕\x079号"
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
