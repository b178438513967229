package api

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestRereadChangedFieldsSayAGuess: a document whose 文号 a run guessed
// from what was read (杭教发（2018] 125 as 杭教发〔2018〕12号) is listed
// in fields_changed with doc_number_read, as its document JSON has it; a
// 文号 read as written has none.
func TestRereadChangedFieldsSayAGuess(t *testing.T) {
	run := &ingest.RereadRun{Fields: ingest.FieldsReread{Read: 2, Changed: []*catalog.Document{
		{ID: "D1", DocNumber: "杭教发〔2018〕12号", ExtractedFields: []string{catalog.FieldDocNumber}, DocNumberRead: "杭教发（2018] 125"},
		{ID: "D2", DocNumber: "杭教职成〔2018〕7号", ExtractedFields: []string{catalog.FieldDocNumber}},
	}}}
	j := rereadRunJSON(run)
	if got := j.Changed[0].DocNumberRead; got != "杭教发（2018] 125" {
		t.Errorf("guessed 文号's doc_number_read %q, want what the text has", got)
	}
	if got := j.Changed[1].DocNumberRead; got != "" {
		t.Errorf("文号 read as written has doc_number_read %q", got)
	}
}
