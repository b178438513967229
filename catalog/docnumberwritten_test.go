package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

func TestDocNumberWrittenIsShownAndKeptUntilEdited(t *testing.T) {
	forEachStore(t, testDocNumberWritten)
}

// testDocNumberWritten: a 文号 the text writes in square brackets or
// （） is stored with its year in 〔〕, what matching uses, and shown as
// written (DocNumberAsWritten, DocNumberShown), extracted_fields still
// naming the fields alone; an edit of another field, or one that gives
// the 文号 the value it has, keeps it; an edit of the 文号 ends it; a
// reading that finds it in 〔〕 ends it; a written form that is not the
// 文号's (another year), or a 文号 typed at upload, is never kept.
func testDocNumberWritten(t *testing.T, s *Store) {
	ctx := context.Background()
	get := func(id string) *Document {
		t.Helper()
		d, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	create := func(i int, typed string, fill FieldFill) *Document {
		t.Helper()
		d := newDoc(fmt.Sprintf("W%d", i), fmt.Sprintf("%064x", 200+i))
		d.Title, d.DocNumber = DefaultTitle(d.Filename), typed
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &fill}); err != nil {
			t.Fatal(err)
		}
		return get(d.ID)
	}
	square := FieldFill{Title: "关于开展社区教育示范街道评选的通知", DocNumber: "杭教成〔2017〕15号", DocNumberWritten: "杭教成[2017]15号", Revision: 10}

	d := create(1, "", square)
	if d.DocNumber != "杭教成〔2017〕15号" || d.DocNumberWritten != "杭教成[2017]15号" || DocNumberAsWritten(d) != "杭教成[2017]15号" ||
		DocNumberShown(d) != (Words{Chinese: "杭教成[2017]15号", English: "杭教成[2017]15号"}) ||
		!slices.Equal(d.ExtractedFields, []string{FieldTitle, FieldDocNumber, FieldRound}) {
		t.Fatalf("a 文号 written in [ ]: stored %q written %q, shown %q %+v, extracted %v; want 杭教成〔2017〕15号 shown 杭教成[2017]15号",
			d.DocNumber, d.DocNumberWritten, DocNumberAsWritten(d), DocNumberShown(d), d.ExtractedFields)
	}
	dept, same := "市教育局", "杭教成〔2017〕15号"
	if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{Department: &dept, DocNumber: &same}, "wang"); err != nil {
		t.Fatal(err)
	}
	if got := get(d.ID); DocNumberAsWritten(got) != "杭教成[2017]15号" {
		t.Errorf("after an edit of the department, the 文号 saved as it was: shown %q, want 杭教成[2017]15号", DocNumberAsWritten(got))
	}
	other := "杭教成〔2017〕16号"
	if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{DocNumber: &other}, "wang"); err != nil {
		t.Fatal(err)
	}
	if got := get(d.ID); got.DocNumberWritten != "" || DocNumberAsWritten(got) != other {
		t.Errorf("after the coordinator corrected the 文号: written %q shown %q, want %q as typed", got.DocNumberWritten, DocNumberAsWritten(got), other)
	}

	// Read by revision 9, which kept no written form, then again.
	before := square
	before.DocNumberWritten, before.Revision = "", 9
	d = create(2, "", before)
	if DocNumberAsWritten(d) != "杭教成〔2017〕15号" {
		t.Fatalf("read by revision 9: shown %q", DocNumberAsWritten(d))
	}
	paren := square
	paren.DocNumberWritten = "杭教成（2017）15号"
	if _, err := s.RereadFields(ctx, d.ID, paren); err != nil {
		t.Fatal(err)
	}
	if got := get(d.ID); DocNumberAsWritten(got) != "杭教成（2017）15号" || got.DocNumber != "杭教成〔2017〕15号" {
		t.Errorf("a 文号 written in （） read again: stored %q shown %q", got.DocNumber, DocNumberAsWritten(got))
	}
	inBrackets := square
	inBrackets.DocNumberWritten, inBrackets.Revision = "", 11
	if _, err := s.RereadFields(ctx, d.ID, inBrackets); err != nil {
		t.Fatal(err)
	}
	if got := get(d.ID); got.DocNumberWritten != "" || DocNumberAsWritten(got) != "杭教成〔2017〕15号" {
		t.Errorf("read again in 〔〕: written %q shown %q", got.DocNumberWritten, DocNumberAsWritten(got))
	}

	wrong := square
	wrong.DocNumberWritten = "杭教成[2018]15号"
	if got := create(3, "", wrong); got.DocNumberWritten != "" || DocNumberAsWritten(got) != "杭教成〔2017〕15号" {
		t.Errorf("a written form of another 文号: written %q shown %q, want none kept", got.DocNumberWritten, DocNumberAsWritten(got))
	}
	if got := create(4, "杭政办〔2018〕12号", square); got.DocNumberWritten != "" || DocNumberAsWritten(got) != "杭政办〔2018〕12号" {
		t.Errorf("a 文号 typed at upload: written %q shown %q, want the typed one", got.DocNumberWritten, DocNumberAsWritten(got))
	}
}

// TestDocNumberAsWrittenOnlyWhileItFolds: the form written, read from
// the text or typed (杭教成[2017]15号 typed stays so), is shown only while
// it folds to the stored one; otherwise the stored one, its year in 〔〕.
func TestDocNumberAsWrittenOnlyWhileItFolds(t *testing.T) {
	tests := []struct {
		name string
		d    Document
		want string
	}{
		{"read, written in [ ]", Document{DocNumber: "杭教成〔2017〕15号", DocNumberWritten: "杭教成[2017]15号", ExtractedFields: []string{FieldDocNumber}}, "杭教成[2017]15号"},
		{"typed in [ ]", Document{DocNumber: "杭教成〔2017〕15号", DocNumberWritten: "杭教成[2017]15号"}, "杭教成[2017]15号"},
		{"another 文号 since", Document{DocNumber: "杭教成〔2017〕16号", DocNumberWritten: "杭教成[2017]15号", ExtractedFields: []string{FieldDocNumber}}, "杭教成〔2017〕16号"},
		{"typed before typed ones were stored in 〔〕", Document{DocNumber: "杭教成[2017]15号"}, "杭教成〔2017〕15号"},
	}
	for _, tt := range tests {
		if got := DocNumberAsWritten(&tt.d); got != tt.want {
			t.Errorf("%s: DocNumberAsWritten = %q, want %q", tt.name, got, tt.want)
		}
	}
}
