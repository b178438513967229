package xlsxtest

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// DatedNow fails t unless every zip entry of the workbook data is dated
// within a minute of now (an export dates its entries when it is written;
// excelize alone leaves them 1980-00-00) and the workbook still opens
// with excelize. what names the export in the failure.
func DatedNow(t testing.TB, what string, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: not a zip: %v", what, err)
	}
	if len(zr.File) == 0 {
		t.Fatalf("%s: no entries", what)
	}
	now := time.Now()
	for _, f := range zr.File {
		if d := now.Sub(f.Modified).Abs(); d > time.Minute {
			t.Errorf("%s: entry %s dated %s, want within a minute of now (%s)", what, f.Name, f.Modified, now)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: excelize cannot open it: %v", what, err)
	}
	defer f.Close()
	if len(f.GetSheetList()) == 0 {
		t.Errorf("%s: opens with no sheet", what)
	}
}
