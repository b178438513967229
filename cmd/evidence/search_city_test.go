package main

import (
	"testing"

	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/search"
)

// TestHitCityIsTheCitysName: a hit's city is printed by its name in the
// output's language; its code only when the archive has no name for it.
func TestHitCityIsTheCitysName(t *testing.T) {
	tests := []struct {
		code, name string
		lang       report.Lang
		want       string
	}{
		{"330100", "杭州", report.Chinese, "杭州"},
		{"330100", "杭州", report.English, "Hangzhou"},
		{"999999", "", report.Chinese, "999999"},
		{"999999", " ", report.English, "999999"},
	}
	for _, tt := range tests {
		if got := hitCity(search.Hit{City: tt.code, CityName: tt.name}, tt.lang); got != tt.want {
			t.Errorf("hit in %s (%q), %v: %q, want %q", tt.code, tt.name, tt.lang, got, tt.want)
		}
	}
}
