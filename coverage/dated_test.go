package coverage

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// TestCoverageXLSXIsDatedWhenWritten: the heat map's XLSX had its zip
// entries dated 1980-00-00 (probe s41 #8); they are dated when it is
// written, in Chinese and English, and it still opens.
func TestCoverageXLSXIsDatedWhenWritten(t *testing.T) {
	m := Build(2017, []catalog.City{{Code: "330100", Name: "杭州"}}, inds,
		[]catalog.LinkCount{{City: "330100", Indicator: "2.3.1", Documents: 1}}, nil)
	m.Finish()
	for _, english := range []bool{false, true} {
		data, err := m.XLSX(english)
		if err != nil {
			t.Fatal(err)
		}
		xlsxtest.DatedNow(t, "覆盖情况 XLSX", data)
	}
}
