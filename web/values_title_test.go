package web

import (
	"regexp"
	"testing"
)

var h1 = regexp.MustCompile(`<h1>([^<]*)</h1>`)
var valuesLink = regexp.MustCompile(`id="review-values">([^<]*) →`)

// TestValuesPageTitleFitsWhoLooks: /values is the reviewer's queue to
// check, titled 审核定量指标数值; the coordinator who records values and
// imports the 数值台账 there reviews none, and sees 定量指标数值, as the
// link from /review names it (probe s36 #16). English pages likewise.
func TestValuesPageTitleFitsWhoLooks(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		who     string
		english bool
		title   string
	}{
		{"li", false, "审核定量指标数值"},
		{"admin", false, "审核定量指标数值"},
		{"wang", false, "定量指标数值"},
		{"zhou", false, "定量指标数值"},
		{"li", true, "Review values"},
		{"wang", true, "Quantitative values"},
	}
	for _, tt := range tests {
		b := s.login(tt.who)
		if tt.english {
			b.english()
		}
		_, body := b.get("/values")
		if m := h1.FindStringSubmatch(body); m == nil || m[1] != tt.title {
			t.Errorf("%s (english %v): /values titled %v, want %q", tt.who, tt.english, m, tt.title)
		}
		_, body = b.get("/review")
		if m := valuesLink.FindStringSubmatch(body); m == nil || m[1] != tt.title {
			t.Errorf("%s (english %v): /review links /values as %v, want %q", tt.who, tt.english, m, tt.title)
		}
	}
}
