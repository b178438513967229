package packs

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// TestChinesePackIsCalledItsMaterials: a Chinese pack is a 佐证材料包,
// the word the rest of the archive uses for evidence, in its file name
// (by the city's name, as the report's) and in its README's title and
// command (probe s36 #16 called it 证据包).
func TestChinesePackIsCalledItsMaterials(t *testing.T) {
	tests := []struct {
		indicator, name string
	}{
		{"", "佐证材料包-杭州-2018.zip"},
		{"2.3.1", "佐证材料包-杭州-2018-2.3.1.zip"},
	}
	for _, tt := range tests {
		p := &Pack{Report: &report.Report{City: catalog.City{Code: "330100", Name: "杭州"}, Round: 2018}, By: "wang", Indicator: tt.indicator}
		if got := p.Filename(); got != tt.name {
			t.Errorf("pack of %q: file name %q, want %q", tt.indicator, got, tt.name)
		}
		var buf bytes.Buffer
		if err := writeReadme(&buf, p); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		if !strings.Contains(text, "学习型城市建设监测佐证材料包\r\n") || !strings.Contains(text, "evidence verify-pack 佐证材料包.zip") || strings.Contains(text, "证据包") {
			t.Errorf("pack of %q: README does not call it 佐证材料包 throughout:\n%.300s", tt.indicator, text)
		}
	}
}

func TestSafeTitleKeepsChineseNumbers(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"二〇一八年度杭州市社区教育发展报告", "二〇一八年度杭州市社区教育发展报告"},
		{"关于开展二〇一八年全民终身学习活动周的通知", "关于开展二〇一八年全民终身学习活动周的通知"},
		{"《关于印发〈学习型城市建设方案〉的通知》", "《关于印发〈学习型城市建设方案〉的通知》"},
		{"杭教发〔2018〕125号", "杭教发〔2018〕125号"},
		{"第Ⅲ部分：①社区教育", "第Ⅲ部分：①社区教育"},
		{"第Ⅲ部分:①社区教育", "第Ⅲ部分_①社区教育"},
		{"../../etc/passwd", "etc_passwd"},
		{"社区教育、老年教育，职业教育", "社区教育、老年教育，职业教育"},
	} {
		if got := safeTitle(tc.title); got != tc.want {
			t.Errorf("safeTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

// TestSafeTitleCutsOutsideBrackets: a long title is cut at a character
// boundary without leaving a bracket open (the probe's pack named a file
// …三年行动计划（2017_2019.doc), and keeps what Windows allows in a name
// (—, full-width punctuation), replacing only what it refuses and control
// characters.
func TestSafeTitleCutsOutsideBrackets(t *testing.T) {
	for _, tc := range []struct{ name, title, want string }{
		{"cut inside its bracket", "杭州市人民政府办公厅关于印发杭州市推进学习型城市建设三年行动计划（2017—2019年）的通知",
			"杭州市人民政府办公厅关于印发杭州市推进学习型城市建设三年行动计划"},
		{"short, with a dash", "三年行动计划（2017—2019年）", "三年行动计划（2017—2019年）"},
		{"brackets closed before the cut", "关于印发《杭州市社区教育工作要点》的通知（杭教成〔2018〕21号）及其附件一至附件五的说明材料",
			"关于印发《杭州市社区教育工作要点》的通知（杭教成〔2018〕21号）及其附件一至"},
		{"nested, cut inside the inner one", "关于转发《杭州市终身学习促进条例（草案征求意见稿第二次修订版本全文及起草说明和附件）》的通知",
			"关于转发"},
		{"refused characters and a line break", "工作总结*最终版?\n2018/12", "工作总结_最终版_2018_12"},
		{"a right-to-left override", "通知\u202Ecod.exe", "通知_cod_exe"},
	} {
		got := safeTitle(tc.title)
		if got != tc.want {
			t.Errorf("%s: safeTitle(%q) = %q, want %q", tc.name, tc.title, got, tc.want)
		}
		if n := len([]rune(got)); n > maxTitleRunes {
			t.Errorf("%s: %d characters, more than %d", tc.name, n, maxTitleRunes)
		}
	}
}

// TestOriginalPathHasNoComma: README.txt tells an assessor without the
// archive to check a pack with cut -d, -f1,2 on manifest.csv, which
// splits a quoted path at its comma; a title such as
// “2017,2018年度工作总结” made that line unreadable to sha256sum -c
// (probe s48), so a comma in a title becomes _ as the characters
// Windows refuses do.
func TestOriginalPathHasNoComma(t *testing.T) {
	d := &catalog.Document{ID: "01M955HC1TS5FVEPG3G4XST4BH", Title: "杭州市2017,2018年度学习型城市建设工作总结", Filename: "总结.pdf"}
	got := originalPath(d)
	if want := "originals/01M955HC1TS5FVEPG3G4XST4BH-杭州市2017_2018年度学习型城市建设工作总结.pdf"; got != want {
		t.Errorf("originalPath(%q) = %q, want %q", d.Title, got, want)
	}
	line := got + "," + strings.Repeat("a", 64) + "," + d.ID
	if fields := strings.Split(line, ","); fields[0] != got {
		t.Errorf("cut -d, -f1 of the manifest line gives %q, want the path %q", fields[0], got)
	}
}
