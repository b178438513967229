package framework

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// TestFrameworkXLSXIsDatedWhenWritten: the framework's XLSX export had
// its zip entries dated 1980-00-00 (probe s41 #8); they are dated when
// it is written, and it still opens and reads back.
func TestFrameworkXLSXIsDatedWhenWritten(t *testing.T) {
	p, err := Parse("demo.yaml", Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := ExportXLSX(p.Framework, p.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	xlsxtest.DatedNow(t, "指标体系 XLSX", data)
	if q, err := Parse("指标体系.xlsx", data, p.Framework); err != nil || len(q.Indicators) != len(p.Indicators) {
		t.Errorf("the dated export reads back as %v, %v; want %d indicators", q, err, len(p.Indicators))
	}
}
