package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocStatusNamesPagesLeftOutOfOCR: a scan whose pages past the OCR cap
// were left out (ocr-skipped) was plain 可检索 in 我的任务 and on the
// board, only its document page saying so; its status now names the
// pages, in both languages, and after the unreliable mark when it has
// both, and the board marks it (readWarning).
func TestDocStatusNamesPagesLeftOutOfOCR(t *testing.T) {
	low := 0.19
	skipped := []string{catalog.SourceOCR, catalog.SourceOCR, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped}
	scan := &catalog.Document{Status: catalog.StatusIndexed, Pages: 5, Reading: catalog.Reading{PageSources: skipped}}
	one := &catalog.Document{Status: catalog.StatusIndexed, Pages: 3, Reading: catalog.Reading{
		PageSources: []string{catalog.SourceOCR, catalog.SourceOCR, catalog.SourceOCRSkipped}}}
	blurred := &catalog.Document{Status: catalog.StatusIndexed, Pages: 5, Reading: catalog.Reading{
		PageSources: append([]string{catalog.SourceOCRLow}, skipped[1:]...), OCRConfidence: &low}}
	tests := []struct {
		name string
		lang Lang
		doc  *catalog.Document
		want string
	}{
		{"长扫描件", Chinese, scan, "可检索，但有 3 页未识别文字（第 3–5 页，超过每份文件识别页数上限）：检索不到这些页图片中的文字；如需检索，请把这些页拆分出来另行上传"},
		{"long scan", English, scan, "Searchable, but 3 pages were not read by OCR (3–5; over the limit of pages OCR reads per file): search does not find the words in the pictures; to search them, split these pages off and upload them as a file of their own"},
		{"one page left out", English, one, "Searchable, but 1 page was not read by OCR (3; over the limit of pages OCR reads per file)"},
		{"模糊的长扫描件", Chinese, blurred, "可检索，但文字识别不可靠（置信度 19%）：请重新拍照或上传原件；另有 3 页未识别文字（第 3–5 页，超过每份文件识别页数上限）"},
	}
	for _, tt := range tests {
		if got := docStatus(tt.lang, tt.doc); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: docStatus = %q, want %q…", tt.name, got, tt.want)
		}
		if !readWarning(tt.doc) {
			t.Errorf("%s: the board does not mark it", tt.name)
		}
	}
	if waiting := (&catalog.Document{Status: catalog.StatusStored, Reading: scan.Reading}); readWarning(waiting) || docStatus(Chinese, waiting) != "已保存，等待提取文字" {
		t.Errorf("a document not yet searchable: %q, marked %v", docStatus(Chinese, waiting), readWarning(waiting))
	}
}

// TestBoardMarksPagesLeftOutOfOCRAndAsksAgain: jiaoyu hands in 市人社局's
// 2017 ledger for a 2018 task and wang's board asks before 确认. Read
// again, pages 3–5 of it are left out of OCR: the board and 我的任务 say
// so beside the file, the board's tick box carries a new token, and the
// tick wang gave the board as first shown is refused as stale, the task
// still 已提交; ticked anew, it is accepted. Before, the board said
// nothing and the old tick accepted the file.
func TestBoardMarksPagesLeftOutOfOCRAndAsksAgain(t *testing.T) {
	s := newSite(t)
	task := boardTask(t, s)
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。\f第2页\f第3页\f第4页\f第5页"
	archive2017(t, s, "企业职工教育经费台账.txt", ledger)
	jiaoyu := s.login("jiaoyu")
	if resp, page := jiaoyu.handIn(task, "台账.txt", ledger); resp.StatusCode != 200 {
		t.Fatalf("handing in the ledger: %d %.1500s", resp.StatusCode, textOf(page))
	}
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	_, page := wang.get(board)
	checked := boardToken(t, page)
	const mark = "可检索，但有 3 页未识别文字（第 3–5 页，超过每份文件识别页数上限）"
	if strings.Contains(html.UnescapeString(page), "未识别文字") {
		t.Fatalf("the board marks a file read in full:\n%.3000s", textOf(page))
	}

	ctx := context.Background()
	a, err := s.env.Assignments.Get(ctx, testenv.Admin, task)
	if err != nil || len(a.HandedIn()) != 1 {
		t.Fatalf("the task's files: %v %v", a, err)
	}
	sources := []string{catalog.SourceOCR, catalog.SourceOCR, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped}
	if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: a.HandedIn()[0], Status: catalog.StatusIndexed,
		Reading: &catalog.Reading{PageSources: sources}}); err != nil {
		t.Fatal(err)
	}
	_, page = wang.get(board)
	if !strings.Contains(html.UnescapeString(page), mark) {
		t.Errorf("the board does not say %q beside the ledger:\n%.3000s", mark, textOf(page))
	}
	if again := boardToken(t, page); again == checked {
		t.Errorf("the board's token %s is the one shown before pages were left out of OCR", again)
	}
	if _, tasks := jiaoyu.get("/tasks"); !strings.Contains(html.UnescapeString(tasks), mark) {
		t.Errorf("我的任务 does not say %q of the ledger:\n%.3000s", mark, textOf(tasks))
	}
	resp, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {checked}})
	if text := html.UnescapeString(body); resp.StatusCode != 409 || !strings.Contains(text, "勾选的核对与任务现在提交的材料不符") {
		t.Errorf("确认 ticked on the board shown before pages were left out of OCR: %d, want 409 (stale):\n%.2000s", resp.StatusCode, textOf(body))
	}
	if a, err := s.env.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refused 确认: %v %v, want submitted", a, err)
	}
	_, page = wang.get(board)
	if _, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {boardToken(t, page)}}); !strings.Contains(body, "已确认") {
		t.Errorf("确认 ticked on the board as it is now:\n%.2000s", textOf(body))
	}
}
