package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// withMember is the XLSX data with the member name added (or replaced).
func withMember(t *testing.T, data []byte, name, body string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range zr.File {
		if m.Name == name {
			continue
		}
		rc, _ := m.Open()
		w, _ := zw.Create(m.Name)
		io.Copy(w, rc)
		rc.Close()
	}
	w, _ := zw.Create(name)
	w.Write([]byte(body))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Small XLSX files that would make excelize hold gigabytes or spend
// minutes are refused from their XML before excelize reads them, each
// with what to do; a sheet with a few stray styled cells far right still
// reads.
func TestPrescanRefusesWhatExcelizeWouldBlowUp(t *testing.T) {
	header := cell("A1", "指标编码") + cell("B1", "责任单位")
	plain := buildXLSX(t, `<row r="1">`+header+`</row>`)
	for _, tt := range []struct {
		name string
		data []byte
		code string
		err  error
	}{
		{"a style sheet past 8 MiB (two million <xf/>)", withMember(t, plain, "xl/styles.xml",
			`<styleSheet><cellXfs>`+strings.Repeat("<xf/>", 2_000_000)+`</cellXfs></styleSheet>`), catalog.ETOOLARGE, nil},
		{"a shared-string table of empty strings", withMember(t, plain, "xl/sharedStrings.xml",
			`<sst>`+strings.Repeat("<si/>", maxStrings+1)+`</sst>`), catalog.ETOOLARGE, nil},
		{"an empty formula in column XFD on 20,000 rows", buildXLSX(t,
			rowsOf(20_000, func(i int) string { return fmt.Sprintf(`<c r="XFD%d"><f>""</f></c>`, i) })), catalog.EINVALID, nil},
		{"styled empty cells in column XFD on 20,000 rows", buildXLSX(t,
			rowsOf(20_000, func(i int) string { return fmt.Sprintf(`<c r="XFD%d" s="1"/>`, i) })), catalog.EINVALID, nil},
		{"one row of 300 cells without references", buildXLSX(t, `<row r="1">`+strings.Repeat(`<c><v>1</v></c>`, 300)+`</row>`), catalog.EINVALID, nil},
		{"a value past the last row", buildXLSX(t, `<row r="1">`+header+`</row><row r="20001"><c r="A20001"><v>1</v></c></row>`), "", ErrTooManyRows},
	} {
		start := time.Now()
		_, _, err := ReadFirstSheet(tt.data, 10_000)
		switch {
		case tt.err != nil && !errors.Is(err, tt.err):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
		case tt.code != "" && catalog.ErrorCode(err) != tt.code:
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Logf("%s: refused after %v", tt.name, d) // the bound is memory and work, not this
		}
	}

	// A conditional format's formula after the rows is no cell, however
	// far the last (empty) row stands.
	formats := withMember(t, buildXLSX(t, `<row r="1">`+cell("A1", "2.3.1")+`</row><row r="20001" s="1"/>`), "xl/worksheets/sheet1.xml",
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData>`+
			`<row r="1">`+cell("A1", "2.3.1")+`</row><row r="20001"><c r="A20001" s="1"/></row></sheetData>`+
			`<extLst><ext><conditionalFormattings><conditionalFormatting><cfRule><formula><xm:f>$A$1&gt;0</xm:f></formula></cfRule></conditionalFormatting></conditionalFormattings></ext></extLst></worksheet>`)
	if _, rows, err := ReadFirstSheet(formats, 10_000); err != nil || len(rows) != 1 {
		t.Errorf("a sheet with a conditional format after an empty row far down: %v %v", rows, err)
	}

	stray := buildXLSX(t, rowsOf(3, func(i int) string {
		return cell(fmt.Sprintf("A%d", i), "2.3.1") + fmt.Sprintf(`<c r="XFD%d" s="1"/>`, i)
	}))
	_, rows, err := ReadFirstSheet(stray, 10_000)
	if err != nil || len(rows) != 3 || rows[2][0] != "2.3.1" {
		t.Errorf("a sheet with a few styled cells far right: %v %v", rows, err)
	}
}
