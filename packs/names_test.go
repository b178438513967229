package packs

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// TestChinesePackIsCalledItsMaterials: a Chinese pack is a 佐证材料包,
// the word the rest of the archive uses for evidence, in its file name
// (by the city's name, as the report's) and in its README's title and
// command (probe s36 #16 called it 证据包).
func TestChinesePackIsCalledItsMaterials(t *testing.T) {
	tests := []struct {
		indicator, name string
	}{
		{"", "佐证材料包-杭州-2018.zip"},
		{"2.3.1", "佐证材料包-杭州-2018-2.3.1.zip"},
	}
	for _, tt := range tests {
		p := &Pack{Report: &report.Report{City: catalog.City{Code: "330100", Name: "杭州"}, Round: 2018}, By: "wang", Indicator: tt.indicator}
		if got := p.Filename(); got != tt.name {
			t.Errorf("pack of %q: file name %q, want %q", tt.indicator, got, tt.name)
		}
		var buf bytes.Buffer
		if err := writeReadme(&buf, p); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		if !strings.Contains(text, "学习型城市建设监测佐证材料包\r\n") || !strings.Contains(text, "evidence verify-pack 佐证材料包.zip") || strings.Contains(text, "证据包") {
			t.Errorf("pack of %q: README does not call it 佐证材料包 throughout:\n%.300s", tt.indicator, text)
		}
	}
}
