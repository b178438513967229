package catalog

import (
	"context"
	"testing"
)

// TestFieldEditsNameWhoChangedEachField: the web form posts every field
// of a document with each save, so an edit's entry in the audit log holds
// fields it did not change. 王 gives the title and the 文号 new values;
// 李 then saves the form changing only 类型, then the issuer: the title
// and the 文号 are still 王's, the issuer 李's.
func TestFieldEditsNameWhoChangedEachField(t *testing.T) {
	forEachStore(t, testFieldEditsNameWhoChangedEachField)
}

func testFieldEditsNameWhoChangedEachField(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	form := func(title, docType, issuer, number string) DocumentPatch {
		empty, dept := "", "市教育局"
		return DocumentPatch{Title: &title, DocType: &docType, Department: &dept, Issuer: &issuer,
			IssuedOn: &empty, DocNumber: &number, Round: &empty}
	}
	title, number := "杭州市推进学习型城市建设的实施意见", "杭政办〔2016〕12号"
	for _, e := range []struct {
		by    string
		patch DocumentPatch
	}{
		{"wang", form(title, string(DocPolicy), "", number)},
		{"li", form(title, string(DocMeetingNotice), "", number)},
		{"li", form(title, string(DocMeetingNotice), "杭州市人民政府办公厅", number)},
	} {
		if _, err := s.UpdateDocument(ctx, "D1", e.patch, e.by); err != nil {
			t.Fatalf("edit by %s: %v", e.by, err)
		}
	}
	d, err := s.Document(ctx, "D1")
	if err != nil {
		t.Fatal(err)
	}
	edits, err := s.FieldEdits(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]string{FieldTitle: "wang", FieldDocNumber: "wang", FieldIssuer: "li"} {
		if got := edits[f].By; got != want {
			t.Errorf("%s edited by %q, want %q (edits %+v)", f, got, want, edits)
		}
	}
	if len(edits) != 3 {
		t.Errorf("edits %+v, want title, 文号 and issuer alone", edits)
	}
}
