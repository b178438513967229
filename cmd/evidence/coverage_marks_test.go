package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/report"
)

// TestPrintCoverageMarksInTheHeatMapsOrder: `evidence coverage` marks a
// cell as the heat map, /compare, the xlsx and the report do: 与证据矛盾
// first, then 证据不足, then 待确认 (carried over, not confirmed): a
// reviewer's verdict in the round stays the state, so a cell sent back
// with a carried link is 【证据不足】, not 【待确认】.
func TestPrintCoverageMarksInTheHeatMapsOrder(t *testing.T) {
	m := &coverage.Matrix{Cities: []coverage.CityCoverage{{Code: "330100", Name: "杭州", Total: 5, Cells: []coverage.Cell{
		{Code: "2.3.1", Name: "学分银行", Kind: "qualitative", Documents: 1, Claims: 1, Contradicted: 1, Insufficient: 1},
		{Code: "2.3.2", Name: "社区学校", Kind: "qualitative", Documents: 1, Claims: 2, ToConfirm: 1, Insufficient: 1},
		{Code: "2.3.3", Name: "老年大学", Kind: "qualitative", Documents: 1, Claims: 2, Insufficient: 1, Verified: 1},
		{Code: "2.3.4", Name: "学习型组织", Kind: "qualitative", Documents: 1, Claims: 1, ToConfirm: 1},
		{Code: "3.1.3", Name: "市民年参与学习活动人次", Kind: "quantitative", Documents: 1, Values: 1, ValuesNotFound: 1},
	}}}}
	var b bytes.Buffer
	printCoverage(&b, report.Chinese, m)
	want := map[string]string{"2.3.1": "【与证据矛盾】", "2.3.2": "【证据不足】", "2.3.3": "【证据不足】", "2.3.4": "【待确认】", "3.1.3": "【数值未在引文中找到】"}
	for _, line := range strings.Split(b.String(), "\n") {
		for code, mark := range want {
			if strings.Contains(line, " "+code+" ") {
				if !strings.HasSuffix(line, mark) {
					t.Errorf("%s: %q, want it marked %s", code, line, mark)
				}
				delete(want, code)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("not listed: %v in\n%s", want, b.String())
	}
	b.Reset()
	printCoverage(&b, report.English, m)
	if !strings.Contains(b.String(), "[carried over, to confirm]") || !strings.Contains(b.String(), "[number not found in its quote]") {
		t.Errorf("in English no cell reads [carried over, to confirm]:\n%s", b.String())
	}
}
