package values

import (
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestNameKeyFoldsEveryBracketOfAYear: a 文号 names its document whatever
// brackets hold its year, full-width square ones included.
func TestNameKeyFoldsEveryBracketOfAYear(t *testing.T) {
	want := nameKey("杭政办发〔2017〕12号")
	for _, typed := range []string{"杭政办发[2017]12号", "杭政办发［2017］12号", "杭政办发【2017】12号", "杭政办发(2017)12号",
		"杭政办发（2017）12号", "杭政办发〔２０１７〕１２号", "杭政办发 〔2017〕 12号"} {
		if got := nameKey(typed); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", typed, got, want)
		}
	}
}

// TestNameKeyFoldsTraditionalCharacters: a ledger row naming
// 杭州市2018年学习型城市建设工作总结 names the document titled in
// traditional characters 杭州市2018年學習型城市建設工作總結, as search
// and quotes fold them; another year's title stays another.
func TestNameKeyFoldsTraditionalCharacters(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"杭州市2018年学习型城市建设工作总结", "杭州市2018年學習型城市建設工作總結", true},
		{"《杭州市2018年学习型城市建设工作总结》.docx", "杭州市2018年學習型城市建設工作總結.DOCX", true},
		{"杭州市2018年学习型城市建设工作总结", "杭州市2017年學習型城市建設工作總結", false},
	} {
		if got := nameKey(tt.a) == nameKey(tt.b); got != tt.same {
			t.Errorf("nameKey(%q) == nameKey(%q): %t, want %t (%q, %q)", tt.a, tt.b, got, tt.same, nameKey(tt.a), nameKey(tt.b))
		}
	}
}

// BenchmarkResolve resolves one ledger row's 文号 and 标题 among 3,000
// documents: each document's names are folded once (sources), not for
// every row, so a row costs the comparisons only.
func BenchmarkResolve(b *testing.B) {
	src := &sources{}
	for i := range 3000 {
		d := &catalog.Document{ID: fmt.Sprintf("D%04d", i), DocNumber: fmt.Sprintf("杭政办發〔2017〕%d号", i),
			Title: fmt.Sprintf("關於推進學習型城市建設的實施意見（第%d號）", i), Filename: fmt.Sprintf("學習型城市%d.pdf", i)}
		src.docs = append(src.docs, d)
		src.keys = append(src.keys, keysOf(d))
	}
	refs := map[string]string{byNumber: "杭政办发[2017]2999号", byTitle: "关于推进学习型城市建设的实施意见(第2999号)"}
	b.ResetTimer()
	for b.Loop() {
		if id, err := src.resolve(refs); err != nil || id != "D2999" {
			b.Fatalf("resolve = %q, %v; want D2999", id, err)
		}
	}
}
