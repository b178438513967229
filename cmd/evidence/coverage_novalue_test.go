package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/report"
)

// TestCoverageLinesSayEvidenceWithoutValue: `evidence coverage` marks a
// quantitative indicator with evidence and no value 【有佐证，缺数值】, the
// status the report, the heat map and /compare give it
// (coverage.StatusNoValue): the probe found it listed with its count and
// no word that its number is missing. One with its value, or a
// qualitative one, has no such mark.
func TestCoverageLinesSayEvidenceWithoutValue(t *testing.T) {
	m := &coverage.Matrix{Round: 2018, Cities: []coverage.CityCoverage{{Code: "330100", Name: "杭州", Total: 3, Cells: []coverage.Cell{
		{Code: "2.1.1", Name: "四级社区教育网络建成率", Kind: "quantitative", Documents: 1},
		{Code: "2.2.1", Name: "市民终身学习基地数", Kind: "quantitative", Documents: 2, Values: 1},
		{Code: "1.1.1", Name: "出台推进学习型城市建设的决定", Kind: "qualitative", Documents: 4},
	}}}}
	for _, tt := range []struct {
		lang report.Lang
		mark string
	}{{report.Chinese, "【有佐证\uFF0C缺数值】"}, {report.English, "[evidence, value not reported]"}} {
		var out bytes.Buffer
		printCoverage(&out, tt.lang, m)
		for _, line := range strings.Split(out.String(), "\n") {
			want := strings.Contains(line, "2.1.1")
			if got := strings.Contains(line, tt.mark); got != want {
				t.Errorf("%s line %q: marked %s %v, want %v", tt.lang, line, tt.mark, got, want)
			}
		}
	}
}
