package report_test

import (
	"testing"

	"github.com/lcmonitor/evidence/report"
)

// TestEvidenceLineLeavesOutWhatADocumentLacks: a work summary with no 文号
// and no date is listed by its title and page alone, never followed by
// empty cells; one with both keeps every part in order.
func TestEvidenceLineLeavesOutWhatADocumentLacks(t *testing.T) {
	for _, tt := range []struct {
		e    report.Evidence
		want string
	}{
		{report.Evidence{Title: "杭州市2023年度学习型城市建设工作总结", Page: 3}, "《杭州市2023年度学习型城市建设工作总结》 | 第3页"},
		{report.Evidence{Title: "杭州市2023年度学习型城市建设工作总结"}, "《杭州市2023年度学习型城市建设工作总结》"},
		{report.Evidence{Title: "关于推进学分银行建设的实施意见", DocNumber: "杭教成〔2017〕15号", IssuedOn: "2017-05-02", Page: 1},
			"《关于推进学分银行建设的实施意见》 | 杭教成〔2017〕15号 | 2017-05-02 | 第1页"},
	} {
		if got := report.EvidenceLine(tt.e); got != tt.want {
			t.Errorf("EvidenceLine(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}
