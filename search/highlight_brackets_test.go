package search

import "testing"

// TestHighlightClosesItsBrackets: a mark that opens a bracket the query
// wrote takes the closing bracket right after it, and one that closes a
// bracket takes the opener right before it, for either form of the query
// ((试行) or （试行）): 《…管理办法（试行）》, not …（试行</mark>）》.
func TestHighlightClosesItsBrackets(t *testing.T) {
	const page = "关于印发《杭州市学分银行管理办法(试行)》的通知"
	for _, tt := range []struct{ query, want string }{
		{"学分银行管理办法（试行）", "关于印发《杭州市<mark>学分银行管理办法（试行）</mark>》的通知"},
		{"学分银行管理办法(试行)", "关于印发《杭州市<mark>学分银行管理办法（试行）</mark>》的通知"},
		{"试行)》的通知", "关于印发《杭州市学分银行管理办法<mark>（试行）》的通知</mark>"},
		{"学分银行", "关于印发《杭州市<mark>学分银行</mark>管理办法（试行）》的通知"},
	} {
		got, err := HighlightPage(tt.query, page)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("HighlightPage(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}
