package catalog_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestParseVerdict: a verdict left out is asked for, not called unknown
// (未知的审核结论“”), in both languages; the review form's words (属实,
// 证据不足, 与证据矛盾), which the refusal of an unknown verdict tells the
// reviewer to choose, are verdicts as the API's codes are.
func TestParseVerdict(t *testing.T) {
	tests := []struct {
		in, want, zh, en string
	}{
		{"verified", "verified", "", ""},
		{" contradicted ", "contradicted", "", ""},
		{"", "", "请选择审核结论", "Choose a verdict"},
		{"  ", "", "请选择审核结论", "Choose a verdict"},
		// The form's words, which the refusal of an unknown one names.
		{"属实", "verified", "", ""},
		{"证据不足", "insufficient", "", ""},
		{" 与证据矛盾", "contradicted", "", ""},
		{"通过", "", "未知的审核结论“通过”", "Unknown verdict"},
	}
	for _, tt := range tests {
		got, err := catalog.ParseVerdict(tt.in)
		if string(got) != tt.want || (err == nil) != (tt.zh == "") {
			t.Errorf("ParseVerdict(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			continue
		}
		if err == nil {
			continue
		}
		if zh, en := catalog.MessageIn(err, false), catalog.MessageIn(err, true); !strings.Contains(zh, tt.zh) || !strings.Contains(en, tt.en) {
			t.Errorf("ParseVerdict(%q): %q / %q, want %q / %q", tt.in, zh, en, tt.zh, tt.en)
		}
	}
}
