package extract

import (
	"runtime"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestHeadKeepsTheTitleAsWritten: the pages of a DOCX and of a PDF with a
// text layer are stored folded, (试行), and their head keeps the title
// line as the notice writes it, （试行）, for the title read from the
// pages to take its marks back from.
func TestHeadKeepsTheTitleAsWritten(t *testing.T) {
	const written, folded = "关于印发《杭州市学分银行管理办法（试行）》的通知", "关于印发《杭州市学分银行管理办法(试行)》的通知"
	for _, c := range []struct {
		format Format
		name   string
	}{{FormatDOCX, "fullwidth-title.docx"}, {FormatPDF, "fullwidth-title.pdf"}} {
		res := mustExtract(t, c.format, c.name)
		if !strings.Contains(res.Pages[0], folded) {
			t.Errorf("%s: page 1 %q lacks the folded title %q", c.name, res.Pages[0], folded)
		}
		if !strings.Contains(res.Head, written) || !strings.Contains(res.Head, "各区、县（市）教育局") {
			t.Errorf("%s: head %q, want the title and the addressees as written (%q)", c.name, res.Head, written)
		}
	}
}

// TestHeadOf: the embedded title on a line of its own, then the start of
// the first page with text, at most maxHeadLines lines and maxHeadBytes
// bytes, cut at a whole character.
func TestHeadOf(t *testing.T) {
	long := strings.Repeat("学分银行（试行）\n", 100)
	tests := []struct {
		name, title string
		pages       []string
		sources     []string
		want        string
	}{
		{"title and first page", "学分银行管理办法（试行）", []string{" \n\f", "\n杭教职成〔2018〕12号\n管理办法（试行）\n"}, nil,
			"学分银行管理办法（试行）\n杭教职成〔2018〕12号\n管理办法（试行）"},
		{"a title over lines stays on one", "学分银行管理办法\r\n（试行）", []string{"管理办法（试行）"}, nil,
			"学分银行管理办法 （试行）\n管理办法（试行）"},
		{"no title", "", []string{"关于印发《管理办法（试行）》的通知"}, nil, "关于印发《管理办法（试行）》的通知"},
		{"forty lines", "", []string{long}, nil, strings.TrimSpace(strings.Repeat("学分银行（试行）\n", maxHeadLines))},
		{"no text", "", []string{"  "}, nil, ""},
		// OCR's guess at a page's marks is no mark the document wrote.
		{"a page OCR read with low confidence passed over", "",
			[]string{"关于印发《管理办法(试行)》的通知", "管理办法（试行）实施细则"}, []string{SourceOCRLow, SourceOCR},
			"管理办法（试行）实施细则"},
		{"a long title property cut, the page kept", strings.Repeat("学", 1000), []string{"管理办法（试行）"}, nil,
			strings.Repeat("学", maxHeadTitleBytes/3) + "\n管理办法（试行）"},
	}
	for _, tt := range tests {
		if got := headOf(tt.title, tt.pages, tt.sources); got != tt.want {
			t.Errorf("%s: headOf = %q, want %q", tt.name, got, tt.want)
		}
	}
	wide := strings.Repeat("学", maxHeadBytes) // one line of 3-byte characters
	if got := headOf("", []string{wide}, nil); len(got) > maxHeadBytes || len(got) < maxHeadBytes-2 || !strings.HasPrefix(wide, got) {
		t.Errorf("a long line: head of %d bytes, want whole characters up to %d bytes", len(got), maxHeadBytes)
	}
}

// TestHeadOfCutsALongPageFirst: a one-line page of megabytes (a TXT or
// an HTML page without line breaks) is cut to the head's bytes before its
// lines are split and joined, never copied whole.
func TestHeadOfCutsALongPageFirst(t *testing.T) {
	page := strings.Repeat("学分银行管理办法（试行）", 1<<18) // 9 MiB on one line
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	head := headOf("", []string{page}, nil)
	runtime.ReadMemStats(&after)
	if len(head) > maxHeadBytes || !strings.HasPrefix(page, head) {
		t.Errorf("head of %d bytes, want the page's first %d at most", len(head), maxHeadBytes)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("headOf allocated %d bytes for a head of %d: the page was copied", n, len(head))
	}
}

// TestHeadPassesOverWhatTheStatusCallsUnreliable: a mojibake page left as
// it was is passed over by the head reader as a page OCR read with low
// confidence is, by the rule that makes 我的任务 and the board call the
// document unreliable (catalog.Reading.UnreliableSource), where the head
// (and the title, 文号 and issuer read from it) came from the mojibake.
func TestHeadPassesOverWhatTheStatusCallsUnreliable(t *testing.T) {
	const sound = "杭州市教育局关于推进学习型城市建设的通知"
	for source, bad := range map[string]string{
		SourceGarbled: "2018å¹´ç¤¾åŒº?æ•™è‚²å·¥ä½œå°è´¦",
		SourceOCRLow:  "杭卅市教盲局关干推进学习型城币建设的逼知 EEE",
	} {
		sources := []string{source, SourceText}
		head := headOf("", []string{bad, sound}, sources)
		passed := head == sound
		unreliable := catalog.Reading{PageSources: sources}.UnreliableSource() == source
		if !passed || !unreliable {
			t.Errorf("%s page: head %q (passed over: %v), status calls it unreliable: %v; want both", source, head, passed, unreliable)
		}
	}
}
