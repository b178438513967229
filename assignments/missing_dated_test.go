package assignments_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// TestMissingXLSXIsDatedWhenWritten: the list of materials still owed
// had its zip entries dated 1980-00-00 (probe s41 #8); they are dated when
// it is written, and it still opens.
func TestMissingXLSXIsDatedWhenWritten(t *testing.T) {
	ctx := context.Background()
	_, s := newService(t)
	if _, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv", Data: []byte(missingTable)}); err != nil {
		t.Fatal(err)
	}
	tasks, err := s.Missing(ctx, coordA, "", 2018)
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) == 0 {
		t.Fatal("no task owed to list")
	}
	data, err := assignments.MissingXLSX(tasks, false)
	if err != nil {
		t.Fatal(err)
	}
	xlsxtest.DatedNow(t, "未交材料 XLSX", data)
}
