package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestDocStatusSaysTheTextIsUnreliable: 我的任务 and the board said 可检索
// of a blurred photo (confidence 19%) and of a mojibake ledger, and the
// task was accepted on them; they now say the text is unreliable and what
// to do, in both languages, while a sound document stays 可检索.
func TestDocStatusSaysTheTextIsUnreliable(t *testing.T) {
	low, good := 0.19, 0.93
	blurred := &catalog.Document{Status: catalog.StatusIndexed, Pages: 1, Reading: catalog.Reading{
		PageSources: []string{catalog.SourceOCRLow}, OCRConfidence: &low}}
	ledger := &catalog.Document{Status: catalog.StatusIndexed, Pages: 1, Reading: catalog.Reading{
		PageSources: []string{catalog.SourceGarbled}}}
	scan := &catalog.Document{Status: catalog.StatusIndexed, Pages: 1, Reading: catalog.Reading{
		PageSources: []string{catalog.SourceOCR}, OCRConfidence: &good}}
	waiting := &catalog.Document{Status: catalog.StatusStored, Reading: blurred.Reading}
	tests := []struct {
		name string
		lang Lang
		doc  *catalog.Document
		want string
	}{
		{"模糊照片", Chinese, blurred, "可检索，但文字识别不可靠（置信度 19%）：请重新拍照或上传原件"},
		{"blurred photo", English, blurred, "Searchable, but its text recognition is unreliable (confidence 19%): please retake the photo or upload the original file"},
		{"乱码台账", Chinese, ledger, "可检索，但文字是乱码（文件编码有误）：请上传原件，或另存为 UTF-8 后重新上传"},
		{"清晰扫描件", Chinese, scan, "可检索"},
		{"尚未读完", Chinese, waiting, "已保存，等待提取文字"},
	}
	for _, tt := range tests {
		if got := docStatus(tt.lang, tt.doc); got != tt.want {
			t.Errorf("%s: docStatus = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := pageReading(Chinese, ledger, 1, false); !strings.Contains(got, "乱码") || !strings.Contains(got, "UTF-8") {
		t.Errorf("the ledger's page reading %q does not say its text is garbled", got)
	}
}

// TestDocStatusAgreesWithTrustedPages: 我的任务 and the board call a
// document unreliable exactly when the fields' reader leaves a page of it
// out (catalog.Reading.TrustedPages), and the document page says so of
// the page shown. A scan read before pages were marked ocr-low, its mean
// confidence low (45%) but no page marked, is unreliable by the same rule
// (catalog.Reading.PageSource): it was called 可检索 while the same scan
// read today is not; one read well before the marks (88%) stays 可检索.
func TestDocStatusAgreesWithTrustedPages(t *testing.T) {
	old, oldGood, low := 0.45, 0.88, 0.31
	pages := []string{"杭州市教育局关于推进学习型城市建设的通知", "二〇一八年三月十二日"}
	const unreliable = "可检索，但文字识别不可靠（置信度 %d%%）：请重新拍照或上传原件"
	tests := []struct {
		name    string
		reading catalog.Reading
		want    string
		page2   string // what the document page says of page 2
	}{
		{"旧版扫描件（置信度低）", catalog.Reading{PageSources: []string{catalog.SourceOCR, catalog.SourceOCR}, OCRConfidence: &old},
			fmt.Sprintf(unreliable, 45), "第 2 页：识别文字（OCR）置信度低"},
		{"旧版扫描件（清晰）", catalog.Reading{PageSources: []string{catalog.SourceOCR, catalog.SourceOCR}, OCRConfidence: &oldGood},
			"可检索", "第 2 页：识别文字（OCR，置信度 88%）"},
		{"一页模糊", catalog.Reading{PageSources: []string{catalog.SourceOCR, catalog.SourceOCRLow}, OCRConfidence: &low},
			fmt.Sprintf(unreliable, 31), "第 2 页：识别文字（OCR）置信度低"},
		{"一页乱码", catalog.Reading{PageSources: []string{catalog.SourceText, catalog.SourceGarbled}},
			"可检索，但文字是乱码（文件编码有误）：请上传原件，或另存为 UTF-8 后重新上传", "第 2 页：文字是乱码"},
	}
	isUnreliable := funcs["readWarning"].(func(*catalog.Document) bool)
	for _, tt := range tests {
		d := &catalog.Document{Status: catalog.StatusIndexed, Pages: 2, MIME: "application/pdf", Reading: tt.reading}
		got := docStatus(Chinese, d)
		trusted := tt.reading.TrustedPages(pages)
		leftOut := trusted[0] != pages[0] || trusted[1] != pages[1]
		if got != tt.want || (got != "可检索") != leftOut || isUnreliable(d) != leftOut {
			t.Errorf("%s: docStatus %q (want %q), the board marks it %v, the fields' reader leaves a page out: %v", tt.name, got, tt.want, isUnreliable(d), leftOut)
		}
		if line := pageReading(Chinese, d, 2, false); !strings.HasPrefix(line, tt.page2) {
			t.Errorf("%s: the document page says of page 2 %q, want %q…", tt.name, line, tt.page2)
		}
	}
}
