package spreadsheet

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// sheetReader is an XLSReader that returns a sheet it was given: the
// sandbox's own reading is tested in ingest/extract, and here what the
// server does with what comes back.
type sheetReader struct {
	sheet *Sheet
	calls int
}

func (r *sheetReader) ReadXLS(_ context.Context, _ []byte, _ int) (*Sheet, error) {
	r.calls++
	return r.sheet, nil
}

// ole is the head of an OLE compound file, as .xls and .et files start.
var ole = append(slices.Clone(oleMagic), make([]byte, 504)...)

// TestReadWorkbookTellsFormatsByContent: an OLE workbook goes to the
// XLSReader whatever its name, an XLSX is read here, and what the reader
// returns has its merged ranges filled and is held to the bounds of an
// XLSX sheet.
func TestReadWorkbookTellsFormatsByContent(t *testing.T) {
	ctx := context.Background()
	r := &sheetReader{sheet: &Sheet{Name: "责任分解", Records: [][]string{
		{"杭州市责任分解表"},
		{"指标编码", "责任单位", "截止日期"},
		{"1.1.1", "市教育局", "2018-03-31"},
		{"1.1.2", "", "2018-04-15"},
	}, Merges: []Merge{{Top: 0, Left: 0, Bottom: 0, Right: 2}, {Top: 2, Left: 1, Bottom: 3, Right: 1}}}}
	name, records, err := ReadWorkbook(ctx, ole, 100, r)
	want := [][]string{{"杭州市责任分解表", "杭州市责任分解表", "杭州市责任分解表"}, {"指标编码", "责任单位", "截止日期"},
		{"1.1.1", "市教育局", "2018-03-31"}, {"1.1.2", "市教育局", "2018-04-15"}}
	if err != nil || name != "责任分解" || !slices.EqualFunc(records, want, slices.Equal) {
		t.Errorf("an OLE workbook: %q %q, %v; want %q", name, records, err, want)
	}
	xlsx := buildXLSX(t, `<row r="1">`+cell("A1", "指标编码")+`</row>`)
	if _, records, err := ReadWorkbook(ctx, xlsx, 100, r); err != nil || r.calls != 1 || len(records) != 1 || records[0][0] != "指标编码" {
		t.Errorf("an XLSX: %q, %v, the XLS reader called %d times; want it read here", records, err, r.calls)
	}
	if _, _, err := ReadWorkbook(ctx, ole, 100, nil); catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "另存为 .xlsx") {
		t.Errorf("an OLE workbook and no XLS reader: %v, want EINVALID saying to save it as .xlsx", err)
	}
	if _, _, err := ReadWorkbook(ctx, []byte("这不是表格，只是一段文字。\n"), 100, r); !errors.Is(err, ErrNotXLSX) {
		t.Errorf("text with no separator: %v, want ErrNotXLSX", err)
	}
	if _, _, err := ReadWorkbook(ctx, []byte("\x00\x01\x02二进制"), 100, r); !errors.Is(err, ErrNotXLSX) {
		t.Errorf("bytes of no table: %v, want ErrNotXLSX", err)
	}
}

// TestReadWorkbookHoldsTheReaderToBounds: a reader in another process is
// trusted no further than the file it read.
func TestReadWorkbookHoldsTheReaderToBounds(t *testing.T) {
	wide := make([]string, MaxColumns+1)
	wide[MaxColumns] = "x"
	many := make([]Merge, maxMerges+1)
	for _, tt := range []struct {
		name  string
		sheet Sheet
		code  string
		is    error
	}{
		{"more rows than asked for", Sheet{Records: make([][]string, 11)}, "", ErrTooManyRows},
		{"a row past the columns", Sheet{Records: [][]string{{"指标编码"}, wide}}, catalog.EINVALID, nil},
		{"too many merged ranges", Sheet{Records: [][]string{{"指标编码"}}, Merges: many}, catalog.EINVALID, nil},
		{"ranges laid over one another", Sheet{Records: [][]string{{"指标编码"}, {"责任单位"}},
			Merges: slices.Repeat([]Merge{{Top: 0, Left: 0, Bottom: 1, Right: 255}}, 10000)}, catalog.EINVALID, nil},
	} {
		_, _, err := ReadWorkbook(context.Background(), ole, 10, &sheetReader{sheet: &tt.sheet})
		if tt.is != nil && !errors.Is(err, tt.is) || tt.is == nil && catalog.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
