package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestAcceptQuestionNamesFilesReadUnreliablyOrInPart: 市教育局 hands in
// a phone photo of its summary that OCR read with low confidence and a
// long scan of its list whose pages 3–5 were left out of OCR past the
// cap; the board marks both beside their names. 确认 without confirm is
// asked first, naming each file and what is wrong with its text, in
// Chinese and in English; with the question's token the task is
// accepted. Before, the question named neither: 确认 accepted both
// unasked.
func TestAcceptQuestionNamesFilesReadUnreliablyOrInPart(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	photo := archived(t, e, "工作总结照片.txt", "杭州市2018年社区教育工作总结：全年开展社区教育培训420场。", "2018", "市教育局")
	scan := archived(t, e, "社区学校挂牌名单.txt", "杭州市社区学校挂牌名单：上城区社区学校等56所。\f第2页\f第3页\f第4页\f第5页", "2018", "市教育局")
	low, sound := 0.19, 0.86
	for _, c := range []struct {
		d *catalog.Document
		r catalog.Reading
	}{
		{photo, catalog.Reading{PageSources: []string{catalog.SourceOCRLow}, OCRConfidence: &low}},
		{scan, catalog.Reading{PageSources: []string{catalog.SourceOCR, catalog.SourceOCR, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped}, OCRConfidence: &sound}},
	} {
		if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: c.d.ID, Status: catalog.StatusIndexed, Pages: len(c.r.PageSources), Reading: &c.r}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Submitted(ctx, coordA, task, []string{photo.ID, scan.ID}); err != nil {
		t.Fatalf("handing in: %v", err)
	}
	_, err := s.Accept(ctx, coordA, task, "")
	q := assignments.AsQuestion(err)
	if q == nil {
		t.Fatalf("确认 of a photo read unreliably and a scan read in part, without confirm: %v, want the question naming both", err)
	}
	for _, want := range []string{"“工作总结照片.txt”文字识别不可靠", "“社区学校挂牌名单.txt”有 3 页未识别文字（超过每份文件识别页数上限）"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the question %q does not say %q", err.Error(), want)
		}
	}
	a, err := e.Catalog.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := e.Catalog.DocumentsByID(ctx, a.HandedIn())
	if err != nil {
		t.Fatal(err)
	}
	asked := false
	for _, tk := range tasks {
		if tk.ID != task {
			continue
		}
		asked = true
		words, ask := tk.AcceptQuestion(docs)
		for _, want := range []string{"“工作总结照片.txt” was read with unreliable text recognition", "“社区学校挂牌名单.txt” has 3 pages not read by OCR"} {
			if !ask || !strings.Contains(words.English, want) {
				t.Errorf("the question in English %q does not say %q", words.English, want)
			}
		}
	}
	if !asked {
		t.Errorf("the task %s is not among wang's", task)
	}
	if _, err := s.Accept(ctx, coordA, task, q.Token); err != nil {
		t.Errorf("确认 answering the question asked: %v", err)
	}
}
