package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

func TestDocNumberGuessIsKeptUntilCheckedOrReadAsWritten(t *testing.T) {
	forEachStore(t, testDocNumberGuess)
}

// testDocNumberGuess: a 文号 inferred from what OCR read (教发〔2023〕125
// for 教发〔2023〕12号) keeps that reading, said in both languages, and
// extracted_fields still names the fields alone; reading it again as
// written, or a person's edit of the 文号, ends the guess; an edit of
// another field keeps it; a 文号 typed at upload is never a guess.
func testDocNumberGuess(t *testing.T, s *Store) {
	ctx := context.Background()
	guess := FieldFill{Title: "关于推进学习型城市建设的意见", DocNumber: "教发〔2023〕12号", DocNumberRead: "教发〔2023〕125"}
	get := func(id string) *Document {
		t.Helper()
		d, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	create := func(i int, typed string) *Document {
		t.Helper()
		d := newDoc(fmt.Sprintf("G%d", i), fmt.Sprintf("%064x", 100+i))
		d.Title, d.DocNumber = DefaultTitle(d.Filename), typed
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		g := guess
		if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &g}); err != nil {
			t.Fatal(err)
		}
		return get(d.ID)
	}

	d := create(1, "")
	if w := DocNumberGuess(d); w.Chinese != "文号由文中文字推断（原文为“教发〔2023〕125”），请核对" {
		t.Errorf("a guessed 文号 of a text not read by OCR is said %q", w.Chinese)
	}
	d.Reading.PageSources = []string{SourceOCR}
	w := DocNumberGuess(d)
	if d.DocNumber != "教发〔2023〕12号" || d.DocNumberRead != "教发〔2023〕125" || !slices.Equal(d.ExtractedFields, []string{FieldTitle, FieldDocNumber, FieldRound}) ||
		w.Chinese != "文号由扫描件识别推断（原识别为“教发〔2023〕125”），请核对" || w.English == "" {
		t.Fatalf("a guessed 文号: %q read as %q, extracted %v, said %+v", d.DocNumber, d.DocNumberRead, d.ExtractedFields, w)
	}
	dept := "市教育局"
	if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{Department: &dept}, "wang"); err != nil {
		t.Fatal(err)
	}
	if got := get(d.ID); got.DocNumberRead != "教发〔2023〕125" {
		t.Errorf("after an edit of the department: read as %q, want the guess kept", got.DocNumberRead)
	}
	right := "教发〔2023〕125号"
	if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{DocNumber: &right}, "wang"); err != nil {
		t.Fatal(err)
	}
	if got := get(d.ID); got.DocNumber != right || got.DocNumberRead != "" || DocNumberGuess(got).Chinese != "" {
		t.Errorf("after the coordinator corrected the 文号: %q read as %q, want %q and no guess", got.DocNumber, got.DocNumberRead, right)
	}

	d = create(2, "")
	asWritten := guess
	asWritten.DocNumberRead, asWritten.Revision = "", 1
	if _, err := s.RereadFields(ctx, d.ID, asWritten); err != nil {
		t.Fatal(err)
	}
	if got := get(d.ID); got.DocNumberRead != "" || !got.IsExtracted(FieldDocNumber) {
		t.Errorf("read again as written: read as %q, extracted %v; want no guess", got.DocNumberRead, got.ExtractedFields)
	}

	if got := create(3, "教发〔2023〕125号"); got.DocNumberRead != "" || DocNumberGuess(got).Chinese != "" {
		t.Errorf("a 文号 typed at upload: read as %q, want never a guess", got.DocNumberRead)
	}
}

// TestDocNumberShownMarksAGuess: a list shows a guessed 文号 with the
// mark in each language, a typed or edited one as it is, and none empty.
func TestDocNumberShownMarksAGuess(t *testing.T) {
	tests := []struct {
		name string
		d    Document
		want Words
	}{
		{"guessed from what OCR read", Document{DocNumber: "杭教发〔2018〕12号", DocNumberRead: "杭教发(2018]125", ExtractedFields: []string{FieldDocNumber},
			Reading: Reading{PageSources: []string{SourceOCR}}},
			Words{Chinese: "杭教发〔2018〕12号（推断，请核对）", English: "杭教发〔2018〕12号 (inferred; please check)"}},
		{"read as written", Document{DocNumber: "杭教发〔2018〕12号", ExtractedFields: []string{FieldDocNumber}},
			Words{Chinese: "杭教发〔2018〕12号", English: "杭教发〔2018〕12号"}},
		{"typed", Document{DocNumber: "杭教发〔2018〕125号", DocNumberRead: "杭教发(2018]125"},
			Words{Chinese: "杭教发〔2018〕125号", English: "杭教发〔2018〕125号"}},
		{"none", Document{}, Words{}},
	}
	for _, tt := range tests {
		if got := DocNumberShown(&tt.d); got != tt.want {
			t.Errorf("%s: DocNumberShown = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
