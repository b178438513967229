package values

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSeveralSourcesMarkAGuessedDocNumber: when a ledger's title names
// two documents, the message listing them marks a 文号 guessed from what
// was read as a guess, in Chinese and English, so the coordinator does
// not copy it into the ledger as fact; a typed 文号 stays as typed. The
// mark follows the 文号 inside the document's one bracket after a comma
// (文号 …，推断，请核对，文件 …), never as a bracket of its own within it.
func TestSeveralSourcesMarkAGuessedDocNumber(t *testing.T) {
	docs := []*catalog.Document{
		{ID: "D1", Title: "评选通知", Filename: "评选通知.pdf", DocNumber: "杭教发〔2018〕12号",
			ExtractedFields: []string{catalog.FieldDocNumber}, DocNumberRead: "杭教发（2018] 125"},
		{ID: "D2", Title: "评选通知", Filename: "评选通知.docx", DocNumber: "杭教发〔2018〕13号"},
	}
	src := &sources{docs: docs, keys: []docKeys{keysOf(docs[0]), keysOf(docs[1])}}
	_, err := src.resolve(map[string]string{byTitle: "评选通知"})
	for _, tt := range []struct {
		english      bool
		guess, typed string
	}{
		{false, "（文号 杭教发〔2018〕12号，推断，请核对，文件 评选通知.pdf，", "（文号 杭教发〔2018〕13号，文件 评选通知.docx，"},
		{true, "(file No. 杭教发〔2018〕12号, inferred; please check, file 评选通知.pdf,", "(file No. 杭教发〔2018〕13号, file 评选通知.docx,"},
	} {
		msg := catalog.MessageIn(err, tt.english)
		if !strings.Contains(msg, tt.guess) || !strings.Contains(msg, tt.typed) {
			t.Errorf("English %v: %q, want %q and %q", tt.english, msg, tt.guess, tt.typed)
		}
	}
}
