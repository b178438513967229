package spreadsheet

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// FuzzReadWorkbook feeds ReadWorkbook what offices send as "Excel" and
// worse: it must never panic, and must either refuse with one of its
// errors or return records within its bounds.
func FuzzReadWorkbook(f *testing.F) {
	for _, dir := range []string{"../../assignments/testdata", "../../values/testdata"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xls"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && !IsOLE(data) {
				f.Add(data)
			}
		}
	}
	const head = `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE W [<!ENTITY a "哈哈"><!ENTITY b "&a;&a;&a;">]>` + head[len(`<?xml version="1.0"?>`):] +
		`<Worksheet><Table><Row><Cell><Data ss:Type="String">&b;</Data></Cell></Row></Table></Worksheet></Workbook>`))
	f.Add([]byte(head + `<Worksheet><Table><Row ss:Index="3"><Cell ss:MergeDown="99" ss:MergeAcross="3"><Data ss:Type="Number">1e308</Data></Cell><Cell ss:Index="2"/></Row></Table></Worksheet></Workbook>`))
	f.Add([]byte("编号\t备注\r\n1\t\"甲\r\n\"\"乙\"\"\"\r\n\"2\t\"丙"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, records, err := ReadWorkbook(context.Background(), data, 50, nil)
		var ce *catalog.Error
		switch {
		case err == nil:
			if len(records) > 50 {
				t.Fatalf("%d records, bound 50", len(records))
			}
			for i, r := range records {
				if len(r) > MaxColumns {
					t.Fatalf("record %d has %d cells", i+1, len(r))
				}
			}
		case errors.Is(err, ErrNotXLSX), errors.Is(err, ErrNoSheet), errors.Is(err, ErrUnreadable), errors.Is(err, ErrTooManyRows), errors.As(err, &ce):
		default:
			t.Fatalf("an error that is none of ReadWorkbook's: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), "panic") {
			t.Fatalf("a panic came back as an error: %v", err)
		}
	})
}
