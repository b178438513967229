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
