package values

import "testing"

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
