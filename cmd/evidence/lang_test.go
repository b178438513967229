package main

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// --lang takes zh or en in their usual spellings and refuses anything else
// (en_US and EN read as English; "fr" or a typo is not quietly Chinese).
func TestCLILanguageFlag(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want report.Lang
		ok   bool
	}{
		{"zh", report.Chinese, true},
		{"zh_CN", report.Chinese, true},
		{"中文", report.Chinese, true},
		{"en", report.English, true},
		{"en_US", report.English, true},
		{"EN", report.English, true},
		{"english", report.English, true},
		{"en-AU", report.English, true},
		{"en_US.UTF-8", report.English, true}, // --lang $LANG
		{"zh_CN.UTF-8", report.Chinese, true},
		{"zh-TW", report.Chinese, true},
		{"fr", report.Chinese, false},
		{"eng", report.Chinese, false},
	} {
		got, err := cliLang(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("cliLang(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && catalog.ErrorCode(err) != catalog.EINVALID {
			t.Errorf("cliLang(%q): %v, want EINVALID", tt.in, err)
		}
	}
}
