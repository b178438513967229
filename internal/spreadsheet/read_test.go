package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// buildXLSX is an XLSX whose first sheet holds the rows XML given (the
// inside of sheetData), its cells inline strings, and the XML afterData
// after them (<mergeCells>).
func buildXLSX(t testing.TB, sheetData string, afterData ...string) []byte {
	t.Helper()
	members := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="责任分解" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			sheetData + `</sheetData>` + strings.Join(afterData, "") + `</worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func cell(ref, text string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
}

// rowsOf is n rows, row i holding the cells cells(i) gives.
func rowsOf(n int, cells func(i int) string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<row r="%d">%s</row>`, i, cells(i))
	}
	return b.String()
}

// bombXLSX is a zip whose one member declares size bytes of XML.
func bombXLSX(t testing.TB, size int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/sharedStrings.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("<si><t>学</t></si>"), 1<<16)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	zw.Close()
	return buf.Bytes()
}

func TestReadFirstSheet(t *testing.T) {
	for _, tt := range []struct {
		name    string
		data    []byte
		maxRows int
		want    [][]string
		wantErr error
		code    string // the *catalog.Error's code, when that is the error
	}{
		{name: "a table with an empty row", maxRows: 10, data: buildXLSX(t,
			`<row r="1">`+cell("A1", "指标编码")+cell("B1", "责任单位")+`</row><row r="3">`+cell("A3", "2.3.1")+cell("B3", "市教育局")+`</row>`),
			want: [][]string{{"指标编码", "责任单位"}, nil, {"2.3.1", "市教育局"}}},
		{name: "a cell in the last column of every row", maxRows: 10000, data: buildXLSX(t,
			rowsOf(3000, func(i int) string {
				return cell(fmt.Sprintf("A%d", i), "责任单位") + cell(fmt.Sprintf("XFD%d", i), "x")
			})),
			code: catalog.EINVALID},
		{name: "one row at the sheet's end", maxRows: 10000, data: buildXLSX(t,
			`<row r="1">`+cell("A1", "指标编码")+`</row><row r="1048576">`+cell("A1048576", "x")+`</row>`),
			wantErr: ErrTooManyRows},
		{name: "a member inflating past the bound", maxRows: 10, data: bombXLSX(t, MaxUnzipped+1<<20), code: catalog.ETOOLARGE},
		{name: "not a zip", maxRows: 10, data: []byte("指标编码,责任单位\n"), wantErr: ErrNotXLSX},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, got, err := ReadFirstSheet(tt.data, tt.maxRows)
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("read allocated %d MiB", alloc>>20)
			}
			switch {
			case tt.code != "":
				var e *catalog.Error
				if !errors.As(err, &e) || e.Code != tt.code {
					t.Fatalf("got %v, want a %s error", err, tt.code)
				}
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case fmt.Sprint(got) != fmt.Sprint(tt.want):
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
