package framework

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/internal/spreadsheet"
	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

// columns are the table headings understood, by what they fill; Chinese
// headings are accepted too.
var columns = map[string]string{
	"code": "code", "编码": "code", "指标编码": "code", "指标编号": "code", "序号": "code",
	"name": "name", "名称": "name", "指标名称": "name", "关键指标": "name",
	"name_en": "name_en", "英文名称": "name_en",
	"kind": "kind", "类型": "kind", "指标类型": "kind",
	"info": "info", "信息性质说明": "info", "说明": "info",
	"info_en": "info_en", "英文信息性质说明": "info_en", "英文说明": "info_en",
	"unit": "unit", "单位": "unit",
	"keywords": "keywords", "关键词": "keywords",
}

// headingKeys are columns by their words as spreadsheet.FindHeading
// compares them.
var headingKeys = spreadsheet.HeadingKeys(columns)

// tableColumns are written by the exporters, in this order.
var tableColumns = []string{"code", "name", "name_en", "kind", "info", "info_en", "unit", "keywords"}

// maxTableRows bounds what a table import reads.
const maxTableRows = 10000

func parseCSV(data []byte) ([]row, error) {
	records, err := readCSV(data)
	if err != nil {
		return nil, err
	}
	return tableRows(records)
}

// ReadTable reads the records of a CSV (comma- or tab-separated, UTF-8
// with or without a BOM, UTF-16, or GBK/GB18030 as Excel in China saves
// it) or of the first sheet of a workbook (.xlsx, or .xls and .et read by
// xls, out of this process; nil refuses them; an .xls that is really an
// HTML table or text is read as one), chosen by the file name's extension
// and then by the content, with the row limit
// of framework tables. Record i is the spreadsheet's row i+1, merged cells
// filled. Every problem is an error saying what to do, in Chinese.
func ReadTable(ctx context.Context, filename string, data []byte, xls spreadsheet.XLSReader) ([][]string, error) {
	switch ext := strings.ToLower(path.Ext(filename)); ext {
	case ".csv":
		return readCSV(data)
	case ".xlsx", ".xls", ".et":
		return readWorkbook(ctx, data, xls)
	default:
		return nil, catalog.Errorf(catalog.EINVALID, "不支持的表格格式 %q；请使用 .xlsx、.xls、.et 或 .csv", ext)
	}
}

// readCSV reads a table saved as text: comma- or tab-separated, in UTF-8,
// UTF-16 or GBK/GB18030 (spreadsheet.ReadDelimited).
func readCSV(data []byte) ([][]string, error) {
	records, err := spreadsheet.ReadDelimited(data, maxTableRows)
	if errors.Is(err, spreadsheet.ErrTooManyRows) {
		return nil, catalog.Errorf(catalog.EINVALID, "表格超过 %d 行", maxTableRows)
	}
	return records, err
}

func parseWorkbook(ctx context.Context, data []byte, xls spreadsheet.XLSReader) ([]row, error) {
	records, err := readWorkbook(ctx, data, xls)
	if err != nil {
		return nil, err
	}
	return tableRows(records)
}

// readWorkbook reads the first sheet of an XLSX, or of an .xls or .et
// through xls: the content tells them apart, whatever the file's name.
func readWorkbook(ctx context.Context, data []byte, xls spreadsheet.XLSReader) ([][]string, error) {
	sheet, records, err := spreadsheet.ReadWorkbook(ctx, data, maxTableRows, xls)
	switch {
	case errors.Is(err, spreadsheet.ErrNotXLSX):
		return nil, catalog.Errorf(catalog.EINVALID, "不是有效的 Excel 或 WPS 表格文件；请用 Excel 或 WPS 另存为 .xlsx 后再导入")
	case errors.Is(err, spreadsheet.ErrNoSheet):
		return nil, catalog.Errorf(catalog.EINVALID, "表格文件中没有工作表")
	case errors.Is(err, spreadsheet.ErrUnreadable):
		return nil, catalog.Errorf(catalog.EINVALID, "无法读取工作表 %s，文件可能已损坏；请用 Excel 或 WPS 另存为 .xlsx 后再导入", sheet)
	case errors.Is(err, spreadsheet.ErrTooManyRows):
		return nil, catalog.Errorf(catalog.EINVALID, "表格超过 %d 行", maxTableRows)
	}
	return records, err
}

// tableRows maps a header row and data rows to indicators; blank rows are
// skipped, row numbers are those a spreadsheet shows.
func tableRows(records [][]string) ([]row, error) {
	if len(records) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "表格为空")
	}
	heading, _ := spreadsheet.FindHeading(records, headingKeys, []string{"code", "name", "kind"}, "序号")
	index := heading.Columns
	for _, need := range []struct{ col, zh string }{{"code", "指标编码"}, {"name", "指标名称"}, {"kind", "指标类型"}} {
		if _, ok := index[need.col]; !ok {
			// Either heading will do: the English names the Chinese one
			// as the Chinese names the English one.
			return nil, catalog.Errorf(catalog.EINVALID, "前 %d 行中没有含 %s（%s）列的表头；表头应为：指标编码、指标名称、指标类型、信息性质说明、单位、关键词（也可用英文表头）",
				spreadsheet.MaxHeadingRow, catalog.Words{Chinese: need.zh, English: need.col}, catalog.Words{Chinese: need.col, English: need.zh})
		}
	}
	cell := func(rec []string, col string) string {
		i, ok := index[col]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(spreadsheet.Restore(strings.TrimSpace(rec[i])))
	}
	var rows []row
	for n, rec := range records[heading.Rows:] {
		if strings.TrimSpace(strings.Join(rec, "")) == "" || spreadsheet.IsAside(rec) {
			continue
		}
		line := heading.Rows + n + 1
		rows = append(rows, row{where: catalog.Words{Chinese: fmt.Sprintf("第 %d 行", line), English: fmt.Sprintf("Row %d", line)}, ind: catalog.Indicator{
			Code: cell(rec, "code"), Name: cell(rec, "name"), NameEN: cell(rec, "name_en"), Kind: catalog.Kind(cell(rec, "kind")),
			Info: cell(rec, "info"), InfoEN: cell(rec, "info_en"), Unit: cell(rec, "unit"), Keywords: splitKeywords(cell(rec, "keywords")),
		}})
	}
	return rows, nil
}

// tableRecord is an indicator's row as an export writes it: no cell a
// spreadsheet would run as a formula.
func tableRecord(ind catalog.Indicator) []string {
	rec := []string{ind.Code, ind.Name, ind.NameEN, string(ind.Kind), ind.Info, ind.InfoEN, ind.Unit, strings.Join(ind.Keywords, "、")}
	for i := range rec {
		rec[i] = spreadsheet.Neutralize(rec[i])
	}
	return rec
}

// ExportXLSX writes a framework as a one-sheet table it can be imported from.
func ExportXLSX(fw catalog.Framework, inds []catalog.Indicator) ([]byte, error) {
	f := spreadsheet.NewFile(time.Now())
	defer f.Close()
	sheet := "指标体系"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	write := func(rowNum int, values []string) error {
		cellRef, err := excelize.CoordinatesToCellName(1, rowNum)
		if err != nil {
			return err
		}
		vals := make([]any, len(values))
		for i, v := range values {
			vals[i] = v
		}
		return f.SetSheetRow(sheet, cellRef, &vals)
	}
	if err := write(1, tableColumns); err != nil {
		return nil, err
	}
	for i, ind := range inds {
		if err := write(i+2, tableRecord(ind)); err != nil {
			return nil, fmt.Errorf("write row %d: %w", i+2, err)
		}
	}
	f.SetDocProps(&excelize.DocProperties{Title: fw.Name, Version: fw.Version, Identifier: fw.ID})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("encode xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// ExportCSV writes a framework as a UTF-8 CSV table (with a BOM so that
// Excel opens it as UTF-8).
func ExportCSV(inds []catalog.Indicator) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\xef\xbb\xbf")
	w := csv.NewWriter(&buf)
	w.Write(tableColumns)
	for _, ind := range inds {
		w.Write(tableRecord(ind))
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
