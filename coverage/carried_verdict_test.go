package coverage_test

import (
	"testing"

	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestVerdictOfTheRoundOutranksACarriedLink: 杭州's 2018 claim of 2.3.1
// is judged 证据不足 and then a 2017 link to 2.3.1 is carried into 2018
// (待确认). The reviewer's verdict stays the state on /compare and in the
// spreadsheet, as coverage counts it, with the carried link still counted
// to confirm (the probe saw 待确认 with insufficient:1); a verified claim
// of 2.3.2 beside a carried link likewise stays 已核实.
func TestVerdictOfTheRoundOutranksACarriedLink(t *testing.T) {
	e := testenv.New(t)
	verdicts := map[string]string{"2.3.1": "insufficient", "2.3.2": "verified"}
	e.JudgedBesideACarriedLink(t, hangzhou, hangzhouCoordinator(), hangzhouReviewer(), verdicts)
	v := roundView(t, e, testenv.Admin, 2018)
	marks := map[string]string{}
	_, rows := coverageRowsOf(t, v.matrix, false)
	for _, r := range rows[1:] {
		marks[r[0]] = r[3]
	}
	// The spreadsheet says the carried link waits beside the verdict, as
	// the heat map does (review pfix #4).
	want := map[string][2]string{"2.3.1": {coverage.StatusInsufficient, "证据不足 \u00B7 待确认"}, "2.3.2": {coverage.StatusVerified, "已核实 \u00B7 待确认"}}
	for code, w := range want {
		cell, cmp := v.cells[code], v.compared[code]
		if cell.ToConfirm != 1 || cmp.ToConfirm != 1 {
			t.Fatalf("%s: to confirm %d on the heat map, %d on /compare; want the carried link counted, 1", code, cell.ToConfirm, cmp.ToConfirm)
		}
		if cmp.Status != w[0] || marks[code] != w[1]+"\uFF082 份\uFF09" {
			t.Errorf("%s judged %s with a carried link: /compare %s, spreadsheet %q; want %s, %s（2 份: the linked and the cited document）", code, verdicts[code], cmp.Status, marks[code], w[0], w[1])
		}
	}
}
