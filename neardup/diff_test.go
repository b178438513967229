package neardup_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/neardup"
)

// render writes a diff as "=", "-", "+" lines with changed characters in
// [brackets] and skipped runs as "…N".
func render(lines []neardup.Line) string {
	var b strings.Builder
	for _, l := range lines {
		switch l.Op {
		case neardup.Equal:
			b.WriteString("=")
		case neardup.Delete:
			b.WriteString("-")
		case neardup.Insert:
			b.WriteString("+")
		case neardup.Skip:
			b.WriteString("…")
			b.WriteString(strings.Repeat("|", l.Skipped))
		}
		for _, p := range l.Parts {
			if p.Changed {
				b.WriteString("[" + p.Text + "]")
			} else {
				b.WriteString(p.Text)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	tests := []struct{ name, a, b, want string }{
		{"a number changed in place", "一、总体目标。开户人数达到200万人。本意见自印发之日起施行。",
			"一、总体目标。开户人数达到300万人。本意见自印发之日起施行。",
			"=一、总体目标。\n-开户人数达到[2]00万人。\n+开户人数达到[3]00万人。\n=本意见自印发之日起施行。\n"},
		{"layout and punctuation width are not changes", "学分银行。\n社区教育，老年教育。",
			"学分 银行.\n社区\n教育,老年教育.", "=学分银行.\n=社区教育,老年教育.\n"},
		{"a decimal point does not end a sentence", "参与12.3万人次。", "参与12.6万人次。",
			"-参与12.[3]万人次。\n+参与12.[6]万人次。\n"},
		{"a decimal point lost is a change", "参与3.1万人次。", "参与31万人次。",
			"-参与3[.]1万人次。\n+参与31万人次。\n"},
		{"sentence added and removed", "甲乙丙。丁戊己。", "丁戊己。庚辛壬。",
			"-[甲乙丙。]\n=丁戊己。\n+[庚辛壬。]\n"},
		{"HTML stays text", "<b>旧</b>。", "<b>新</b>。", "-<b>[旧]</b>。\n+<b>[新]</b>。\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(neardup.Diff(tt.a, tt.b)); got != tt.want {
				t.Errorf("Diff:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestCollapse(t *testing.T) {
	var a, b strings.Builder
	for i := range 20 {
		s := "第" + string(rune('甲'+i)) + "句话没有变化。"
		a.WriteString(s)
		b.WriteString(s)
		if i == 10 {
			a.WriteString("这句被删除了。")
		}
	}
	got := render(neardup.Collapse(neardup.Diff(a.String(), b.String()), 1))
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "…") || lines[2] != "-[这句被删除了。]" || !strings.HasPrefix(lines[4], "…") {
		t.Errorf("collapsed diff:\n%s\nwant …, one equal line, the deletion, one equal line, …", got)
	}
}
