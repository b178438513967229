package catalog

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestEventsOfADocumentEitherWayLogged: a document's events are logged by
// its bare ID (upload, links, notes), a round's use of its links as
// document:ID, and a claim citing it names it bare (event_about). Asked
// for as document:ID or by its bare ID, the log gives all of them, and
// nothing of another kind logged under the same bare string (an old saved
// search's) nor of another document.
func TestEventsOfADocumentEitherWayLogged(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const doc, other = "01JDOC0000000000000000000A", "01JDOC0000000000000000000B"
		for _, e := range []Event{
			{User: "wang", Action: "document.upload", Object: doc, Detail: map[string]any{"filename": "杭州市社区教育工作总结.pdf"}},
			{User: "wang", Action: "link.create", Object: doc, Detail: map[string]any{"indicator": "2.3.1"}},
			{User: "li", Action: "note.create", Object: doc},
			{User: "wang", Action: "round.use_links", Object: "document:" + doc, Detail: map[string]any{"round": 2019}},
			{User: "wang", Action: "claim.cite", Object: "claim:01JCLAIM000000000000000000", Also: []string{doc}},
			{User: "wang", Action: "search.save", Object: doc, Detail: map[string]any{"name": "同一串字符的旧检索"}},
			{User: "wang", Action: "document.upload", Object: other},
		} {
			if err := s.RecordEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"claim.cite", "document.upload", "link.create", "note.create", "round.use_links"}
		for _, object := range []string{"document:" + doc, doc} {
			events, err := s.FindEvents(ctx, EventFilter{Object: object})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range events {
				got = append(got, e.Action)
			}
			slices.Sort(got)
			if object == doc {
				// A bare string is asked for as written too: the old
				// saved search logged by it.
				want = append(want, "search.save")
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("events of %s: %v, want %v", object, got, want)
			}
		}
	})
}

// TestDocumentsCalledByNumberTitleOrFile: the audit log's 对象 filter
// finds a document by its 文号, its title, part of its title or its file
// name, a deleted one too; named exactly before those whose title only
// holds the words; a % or _ typed is a character, not a wildcard.
func TestDocumentsCalledByNumberTitleOrFile(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		base := time.Date(2018, 5, 1, 9, 0, 0, 0, time.UTC)
		for i, d := range []struct{ id, number, title, file string }{
			{"A", "杭教〔2018〕12号", "关于推进社区教育的通知", "tongzhi.pdf"},
			{"B", "", "社区教育工作总结", "zongjie.docx"},
			{"C", "", "学分银行实施办法", "xuefen_100%.pdf"},
		} {
			doc := newDoc(d.id, "sha-"+d.id)
			doc.DocNumber, doc.Title, doc.Filename, doc.UploadedAt = d.number, d.title, d.file, base.Add(time.Duration(i)*time.Minute)
			if err := s.CreateDocument(ctx, doc, Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DeleteDocument(ctx, "A", "admin"); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			text string
			want []string
		}{
			{"杭教〔2018〕12号", []string{"A"}},
			{"社区教育工作总结", []string{"B"}},
			{"社区教育", []string{"B", "A"}},
			{"xuefen_100%.pdf", []string{"C"}},
			{"%", nil},
			{"没有这份文档", nil},
		} {
			docs, err := s.DocumentsCalled(ctx, tc.text, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range docs {
				got = append(got, d.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("documents called %q: %v, want %v", tc.text, got, tc.want)
			}
		}
		if docs, _ := s.DocumentsCalled(ctx, "杭教〔2018〕12号", 10); len(docs) != 1 || !docs[0].Deleted || docs[0].Title != "关于推进社区教育的通知" {
			t.Errorf("the deleted document by its 文号: %+v, want it named and marked deleted", docs)
		}
	})
}
