package web

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestPageReadingAsksForABetterPhoto: a page OCR read with low confidence
// tells the coordinator what to do about it, in both languages, without
// a confidence it does not have per page.
func TestPageReadingAsksForABetterPhoto(t *testing.T) {
	conf := 0.41
	d := &catalog.Document{MIME: "image/jpeg", Pages: 2, Reading: catalog.Reading{
		PageSources: []string{catalog.SourceOCR, catalog.SourceOCRLow}, OCRConfidence: &conf}}
	for _, tc := range []struct {
		lang Lang
		page int
		want []string
	}{
		{Chinese, 1, []string{"第 1 页", "置信度 41%"}},
		{Chinese, 2, []string{"第 2 页", "置信度低", "重新拍摄", "上传原件"}},
		{English, 2, []string{"Page 2", "low confidence", "retake the photo", "original file"}},
	} {
		got := pageReading(tc.lang, d, tc.page, false)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s page %d: %q lacks %q", tc.lang, tc.page, got, w)
			}
		}
		if strings.Contains(got, "%!") {
			t.Errorf("%s page %d: bad format: %q", tc.lang, tc.page, got)
		}
	}
}

// TestOCRPageAsksToCheckItsNumbers: a page OCR read, well or badly, asks
// the reader to check its numbers against the original (tesseract read
// 4.5万人 as 45万人, which no rule can tell from the text), in both
// languages; a page read from its text layer and a blank page do not.
func TestOCRPageAsksToCheckItsNumbers(t *testing.T) {
	conf := 0.91
	d := &catalog.Document{MIME: "application/pdf", Pages: 4, Reading: catalog.Reading{
		PageSources: []string{catalog.SourceOCR, catalog.SourceOCRLow, catalog.SourceText, catalog.SourceOCR}, OCRConfidence: &conf}}
	for _, tc := range []struct {
		lang  Lang
		page  int
		blank bool
		want  string
	}{
		{Chinese, 1, false, "扫描件经文字识别（OCR），数字请与原件核对"},
		{Chinese, 2, false, "扫描件经文字识别（OCR），数字请与原件核对"},
		{English, 1, false, "This scan was read by OCR: check its numbers against the original"},
		{Chinese, 3, false, ""},
		{Chinese, 4, true, ""},
		{Chinese, 5, false, ""},
	} {
		if got := ocrNumbersNote(tc.lang, d, tc.page, tc.blank); got != tc.want {
			t.Errorf("%s page %d: %q, want %q", tc.lang, tc.page, got, tc.want)
		}
	}
}
