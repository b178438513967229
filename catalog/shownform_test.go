package catalog

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// ocrScanPage is the stored text of a real OCR'd scan (tesseract, chi_sim)
// of a policy's second page, as the archive stores it: punctuation folded
// to ASCII, with the spaces OCR sets beside it (probe s27 §11).
func ocrScanPage(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/ocr-scan-text.json")
	if err != nil {
		t.Fatal(err)
	}
	var text struct{ Pages []string }
	if err := json.Unmarshal(b, &text); err != nil || len(text.Pages) != 1 {
		t.Fatalf("testdata/ocr-scan-text.json: %v", err)
	}
	return text.Pages[0]
}

// TestShownFormOfOCRText: OCR's ASCII marks with a space between them and
// the Chinese are shown full-width, and a 文号's [ ] as 〔 〕, rune for rune.
func TestShownFormOfOCRText(t *testing.T) {
	page := ocrScanPage(t)
	shown := ShownForm(page)
	if utf8.RuneCountInString(shown) != utf8.RuneCountInString(page) {
		t.Fatalf("the shown form has %d runes, the stored text %d: offsets would not map", utf8.RuneCountInString(shown), utf8.RuneCountInString(page))
	}
	for stored, want := range map[string]string{
		"覆盖率达到85%, 建成":       "覆盖率达到85%\uFF0C 建成",
		"各直属单位 :":            "各直属单位 \uFF1A",
		"(教职成 [2014] 10号 ),": "\uFF08教职成 \u30142014\u3015 10号 \uFF09\uFF0C",
		"杭政办 [2018] 12号":     "杭政办 \u30142018\u3015 12号",
	} {
		if !strings.Contains(page, stored) {
			t.Fatalf("the fixture lacks %q", stored)
		}
		if !strings.Contains(shown, want) {
			t.Errorf("OCR's %q: shown form lacks %q", stored, want)
		}
	}
	// A fragment cut out of the page shows the same.
	at := strings.Index(page, "85%, 建成")
	if got := NewShownText(page, at, at+len("85%, 建成")).Next(at + len("85%, 建成")); got != "85%\uFF0C 建成" {
		t.Errorf("fragment of the OCR text: %q, want 85%%， 建成", got)
	}
}

// TestShownFormLeavesWhatIsNotChinese: marks between Latin letters or
// digits, across a line break, and brackets of no Chinese stay as they
// are; Fullwidth (messages) does not look past spaces.
func TestShownFormLeavesWhatIsNotChinese(t *testing.T) {
	for _, s := range []string{"会议 10:30 开始", "见 a(1).pdf 文件", "Version 2, build 3", "数组 x[1] 的值", "Note:\n人", "[2014]"} {
		if got := ShownForm(s); got != s {
			t.Errorf("ShownForm(%q) = %q, want it unchanged", s, got)
		}
	}
	if got := Fullwidth("单位 :"); got != "单位 :" {
		t.Errorf("Fullwidth(%q) = %q: messages keep their spacing rule", "单位 :", got)
	}
	if got := ShownForm("[学分银行]"); got != "\uFF3B学分银行\uFF3D" {
		t.Errorf("brackets around Chinese: %q", got)
	}
}
