package framework

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// withSheet is the XLSX xlsx with its first sheet's sheetData replaced.
func withSheet(t *testing.T, xlsx []byte, sheetData string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range zr.File {
		w, err := zw.Create(m.Name)
		if err != nil {
			t.Fatal(err)
		}
		if m.Name == "xl/worksheets/sheet1.xml" {
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>`, sheetData)
			continue
		}
		r, err := m.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(r)
		w.Write(b.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A few kilobytes of XLSX must not make an import hold gigabytes: a cell
// in column XFD on every row once made each row 16,384 strings.
func TestReadTableBoundsAHostileSheet(t *testing.T) {
	base := makeXLSX(t, [][]string{{"code"}})
	var wide strings.Builder
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&wide, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>组织保障</t></is></c><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, i, i, i)
	}
	for _, tt := range []struct {
		name, sheet, phrase string
	}{
		{"a cell in the last column of every row", wide.String(), "超过 256 列"},
		{"a row at the sheet's end", `<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>` +
			`<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>`, "表格超过 10000 行"},
	} {
		data := withSheet(t, base, tt.sheet)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ReadTable(context.Background(), "责任分解表.xlsx", data, nil)
		runtime.ReadMemStats(&after)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), tt.phrase) {
			t.Errorf("%s (%d bytes): %v, want EINVALID saying %q", tt.name, len(data), err, tt.phrase)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
			t.Errorf("%s (%d bytes): reading it allocated %d MiB", tt.name, len(data), alloc>>20)
		}
	}
}

// TestReadTableBoundsAHostileCSV: ten MiB of commas were ten million
// cells, 1.6 GB allocated for one import; trailing empty cells, as Excel
// saves a sheet's used range, are still read.
func TestReadTableBoundsAHostileCSV(t *testing.T) {
	for _, tt := range []struct {
		name, csv, phrase string
		rows              int
	}{
		{name: "a row of ten MiB of commas", csv: "code,name,kind\n" + strings.Repeat(",", 10<<20), phrase: "表格第 2 行超过 256 列"},
		{name: "300 named columns", csv: strings.Repeat("备注,", 300) + "\n", phrase: "表格第 1 行超过 256 列"},
		{name: "a used range 300 columns wide", csv: "code,name,kind" + strings.Repeat(",", 300) + "\n1,组织保障,qualitative" + strings.Repeat(",", 300) + "\n", rows: 2},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		records, err := ReadTable(context.Background(), "责任分解表.csv", []byte(tt.csv), nil)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
			t.Errorf("%s: reading it allocated %d MiB", tt.name, alloc>>20)
		}
		if tt.phrase == "" {
			if err != nil || len(records) != tt.rows || len(records[1]) != 3 || records[1][1] != "组织保障" {
				t.Errorf("%s: %v %q, want %d rows of 3 cells", tt.name, err, records, tt.rows)
			}
			continue
		}
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), tt.phrase) {
			t.Errorf("%s: %v, want EINVALID saying %q", tt.name, err, tt.phrase)
		}
	}
}
