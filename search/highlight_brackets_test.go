package search

import (
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestHighlightClosesItsBrackets: a mark that opens a bracket the query
// wrote takes the closing bracket right after it, and one that closes a
// bracket takes the opener right before it, for either form of the query
// ((试行) or （试行）): 《…管理办法（试行）》, not …（试行</mark>）》; so
// does a hit's fragment.
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

func TestFragmentsCloseTheirBrackets(t *testing.T) {
	pages := []string{"前言。", "关于印发《杭州市学分银行管理办法(试行)》的通知"}
	at := len("关于印发《杭州市")
	frags := buildFragments(pages, []index.Span{{Page: 2, Start: at, End: at + len("学分银行管理办法(试行")}})
	if want := "关于印发《杭州市<mark>学分银行管理办法（试行）</mark>》的通知"; len(frags) != 1 || frags[0].HTML != want {
		t.Errorf("fragments %+v, want %q", frags, want)
	}
}
