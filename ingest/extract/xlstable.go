package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shakinm/xlsReader/xls"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// An import of a table saved as .xls or .et (a responsibility table, a
// value ledger, a framework) needs the first sheet as rows of cells, not
// as text: the server asks a sandbox child for them (ReadXLS), which
// reads them with the extraction's XLS reader (xls.go, xlsformula.go,
// xlsmerge.go) under the same memory limit and deadline, so a crafted
// file that makes the library panic, loop or eat memory ends the child,
// never the server.

// tableRequest asks a child for the first sheet of the workbook at the
// request's path as records (ReadXLS).
type tableRequest struct {
	MaxRows int `json:"max_rows"`
}

// Bounds of ReadXLS: an import is a person waiting, and a table a person
// imports is read in a second or two.
const (
	tableTimeout = 30 * time.Second
	// maxTableAnswer bounds the records a child sends back, as JSON: a
	// 10 MiB workbook can name one long shared string in every one of
	// its cells.
	maxTableAnswer = 64 << 20
)

// tableSentinels are the errors of spreadsheet a child's answer names.
var tableSentinels = map[string]error{
	"too_many_rows": spreadsheet.ErrTooManyRows,
	"no_sheet":      spreadsheet.ErrNoSheet,
}

var _ spreadsheet.XLSReader = (*Sandbox)(nil)

// ReadXLS reads the first sheet of data, an Excel 97–2003 workbook (.xls)
// or a WPS spreadsheet (.et), in a child (spreadsheet.XLSReader): rows as
// they are, cells as Excel shows them, formula cells by their last
// result, the merged ranges beside them, within maxRows rows,
// spreadsheet.MaxColumns columns, spreadsheet.MaxUnzipped bytes read,
// the sandbox's memory and tableTimeout. At most TableReads tables are
// read at once (tableSlot). The bytes go to the child through a temporary
// file in TempDir (the system's when ""), removed before ReadXLS returns.
//
// A child stopped by a limit (its memory, its time) is ETOOLARGE naming
// the limit, a file the reader finds malformed EINVALID, a child killed by
// the system or no free reader EUNAVAILABLE: each says what to do.
func (s *Sandbox) ReadXLS(ctx context.Context, data []byte, maxRows int) (*spreadsheet.Sheet, error) {
	release, err := s.tableSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	path, err := s.tempCopy(data)
	if err != nil {
		return nil, err
	}
	defer os.Remove(path)
	lim := Limits{Timeout: tableTimeout, MaxTextBytes: maxTableAnswer, MaxUnzipped: spreadsheet.MaxUnzipped}.withDefaults()
	final, err := s.run(ctx, childRequest{Path: path, Limits: lim, Memory: s.memory(), Table: &tableRequest{MaxRows: maxRows}}, lim, 0)
	if err != nil {
		return nil, fmt.Errorf("read xls: %w", s.tableRunError(ctx, err))
	}
	switch {
	case final.Sheet != nil:
		return final.Sheet, nil
	case tableSentinels[final.Refused] != nil:
		return nil, tableSentinels[final.Refused]
	case final.Error != nil:
		return nil, final.Error
	}
	return nil, fmt.Errorf("read xls: sandbox: %s: %w", final.Detail, errXLSTableDamaged())
}

// tableRunError is why a child gave no answer about a table, as the
// person importing it is told.
func (s *Sandbox) tableRunError(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return err
	case errors.Is(err, errChildDeadline):
		return fmt.Errorf("%v: %w", err, errTableTooSlow())
	case errors.Is(err, errChildMemory):
		return fmt.Errorf("%v: %w", err, catalog.Errorf(catalog.ETOOLARGE,
			"表格过大或结构过于复杂，读取时超出内存上限（%s），已停止；请用 Excel 或 WPS 打开，另存为 .xlsx，或把工作表拆成几个较小的文件后再导入", formatBytes(s.lastMemory())))
	case errors.Is(err, errChildKilled):
		return fmt.Errorf("%v: %w", err, catalog.Errorf(catalog.EUNAVAILABLE,
			"读取表格的进程被系统强制结束（多半是服务器内存一时不足），文件本身未必有问题；请稍后重试，若仍不行，请另存为 .xlsx 或把工作表拆小后再导入"))
	case catalog.ErrorCode(err) == catalog.ETOOLARGE:
		return fmt.Errorf("%v: %w", err, catalog.Errorf(catalog.ETOOLARGE,
			"表格内容过多（读出的文字超过 %s）；请只保留需要导入的工作表和列，另存为 .xlsx 后再导入", formatBytes(maxTableAnswer)))
	case catalog.ErrorCode(err) == catalog.EUNAVAILABLE:
		return err
	}
	// A crash that is not a limit: the reader could not read the file,
	// and the server is as it was.
	return fmt.Errorf("%v: %w", err, errXLSTableDamaged())
}

// Defaults of Sandbox.TableReads and Sandbox.TableWait. Each table is
// read in a child that may take the sandbox's Memory; a person waits for
// an import, so a table waits only a few seconds for a free reader.
const (
	DefaultTableReads = 2
	DefaultTableWait  = 5 * time.Second
)

// tableSlot waits for one of the TableReads readers of tables to be free
// and returns the call that frees it: at most TableWait, then
// EUNAVAILABLE saying to try again shortly, or until ctx ends.
func (s *Sandbox) tableSlot(ctx context.Context) (func(), error) {
	n, wait := s.TableReads, s.TableWait
	if n <= 0 {
		n = DefaultTableReads
	}
	if wait <= 0 {
		wait = DefaultTableWait
	}
	slots := s.slots(&s.tables, n)
	return waitSlot(ctx, slots, wait, "a reader of tables", func() error {
		e := catalog.Errorf(catalog.EUNAVAILABLE, "服务器正在读取其他 .xls/.et 表格（同时最多 %d 个），请稍后重试；另存为 .xlsx 的表格无需等待", cap(slots))
		e.RetryAfter = wait
		return e
	})
}

// tempCopy writes data to a new temporary file and returns its absolute
// path.
func (s *Sandbox) tempCopy(data []byte) (string, error) {
	if s.TempDir != "" {
		// Made by the first copy, not by whoever set TempDir, so that a
		// command that writes none leaves no folder.
		if err := os.MkdirAll(s.TempDir, 0o755); err != nil {
			return "", fmt.Errorf("temporary copy of a table: %v: %w", err, errTableTempCopy())
		}
	}
	f, err := os.CreateTemp(s.TempDir, "import-*.xls")
	if err != nil {
		return "", fmt.Errorf("temporary copy of a table: %v: %w", err, errTableTempCopy())
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("temporary copy of a table: %v: %w", err, errTableTempCopy())
	}
	return filepath.Abs(f.Name())
}

// errTableTooSlow is a table not read within tableTimeout, whichever
// clock stopped it: the child's own or its parent's.
func errTableTooSlow() *catalog.Error {
	return catalog.Errorf(catalog.ETOOLARGE,
		"表格过大或结构过于复杂，读取超过时间上限（%s）仍未完成，已停止；请用 Excel 或 WPS 打开，另存为 .xlsx，或把工作表拆成几个较小的文件后再导入", formatSeconds(tableTimeout))
}

// tableAnswer reads the sheet a child was asked for, in what is left of
// the request's time (arrive counted the child's start in it).
func tableAnswer(req childRequest) childMessage {
	ctx, cancel := context.WithTimeout(context.Background(), req.Limits.left())
	defer cancel()
	sheet, err := readXLSTable(ctx, req.Path, req.Table.MaxRows, req.Limits)
	var ae *catalog.Error
	switch {
	case err == nil:
		return childMessage{Sheet: sheet}
	case ctx.Err() != nil:
		// Its time ran out, which the reader tells as a file it could
		// not read.
		return childMessage{Error: errTableTooSlow()}
	case errors.As(err, &ae):
		return childMessage{Error: ae, Detail: err.Error()}
	}
	for name, sentinel := range tableSentinels {
		if errors.Is(err, sentinel) {
			return childMessage{Refused: name}
		}
	}
	return childMessage{Detail: err.Error()}
}

// readXLSTable reads the first sheet of the workbook at path as records
// (spreadsheet.Sheet), in process: only a sandbox child calls it.
func readXLSTable(ctx context.Context, path string, maxRows int, lim Limits) (sheet *spreadsheet.Sheet, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > lim.MaxUnzipped {
		return nil, catalog.Errorf(catalog.ETOOLARGE, "表格文件超过 %s；请只保留需要导入的工作表和列，另存为 .xlsx 后再导入", formatBytes(lim.MaxUnzipped))
	}
	switch kind, err := inspectOLE(path); {
	case err != nil:
		return nil, fmt.Errorf("%v: %w", err, errXLSTableDamaged())
	case kind == oleEncrypted:
		return nil, catalog.Errorf(catalog.EINVALID, "表格设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码，保存后再导入")
	case kind != oleExcel:
		return nil, catalog.Errorf(catalog.EINVALID, "这个文件不是 Excel 或 WPS 表格（可能是改了扩展名的 Word 文档）；请上传表格文件（.xlsx、.xls、.et 或 .csv）")
	}
	defer func() {
		if r := recover(); r != nil {
			sheet, err = nil, fmt.Errorf("xls reader panic: %v: %w", r, errXLSTableDamaged())
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	wb, err := xls.OpenReader(&boundedReader{ctx: ctx, r: f, left: xlsReadBudget(fi.Size())})
	if err != nil {
		return nil, fmt.Errorf("open xls: %v: %w", err, errXLSTableDamaged())
	}
	if wb.GetNumberSheets() == 0 {
		return nil, spreadsheet.ErrNoSheet
	}
	ws, err := wb.GetSheet(0)
	if err != nil {
		return nil, fmt.Errorf("sheet 1: %v: %w", err, errXLSTableDamaged())
	}
	all, err := readXLSFormulas(path, lim.MaxUnzipped)
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, errXLSTableDamaged())
	}
	var recs xlsSheetRecords
	if len(all) > 0 {
		recs = all[0]
	}
	records, err := xlsRecords(ctx, &wb, ws, recs.formulas, maxRows)
	if err != nil {
		return nil, err
	}
	sheet = &spreadsheet.Sheet{Name: ws.GetName(), Records: records}
	for _, m := range recs.merges {
		sheet.Merges = append(sheet.Merges, spreadsheet.Merge{Top: m.firstRow, Left: m.firstCol, Bottom: m.lastRow, Right: m.lastCol})
	}
	return sheet, nil
}

// xlsRecords reads a sheet's rows as ReadFirstSheet reads an XLSX's: the
// cells xlsReader read and the formula results it skipped, each row cut
// after its last value, empty rows kept before a row with one. Only the
// first spreadsheet.MaxColumns columns are read, which is all that an
// Excel 97–2003 sheet has; a value on a row past maxRows is
// spreadsheet.ErrTooManyRows.
func xlsRecords(ctx context.Context, wb *xls.Workbook, ws *xls.Sheet, formulas map[xlsCell]xlsFormulaValue, maxRows int) ([][]string, error) {
	rows := ws.GetNumberRows()
	for c := range formulas {
		rows = max(rows, c.row+1)
	}
	var records [][]string
	cells := make([]string, spreadsheet.MaxColumns)
	for r := 0; r < rows; r++ {
		if r%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := ws.GetRow(r)
		if err != nil {
			continue
		}
		last := 0
		for c := range cells {
			cells[c] = ""
			if cell, err := row.GetCol(c); err == nil {
				cells[c] = xlsCellText(wb, cell)
			}
			if v, ok := formulas[xlsCell{r, c}]; ok {
				cells[c] = v.text
				if v.isNum {
					cells[c] = formatNumber(v.num, xlsFormatCode(wb, v.xf))
				}
			}
			if cells[c] != "" {
				last = c + 1
			}
		}
		if last == 0 {
			continue
		}
		if r >= maxRows {
			return nil, spreadsheet.ErrTooManyRows
		}
		for len(records) < r {
			records = append(records, nil)
		}
		records = append(records, append([]string(nil), cells[:last]...))
	}
	return records, nil
}

func errXLSTableDamaged() error {
	return catalog.Errorf(catalog.EINVALID, "表格文件（.xls/.et）已损坏或格式不正确，无法读取；请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入")
}

// errTableTempCopy is what the user sees when the server cannot write the
// temporary copy a table is read from (a full disk, a folder it may not
// write): nothing is wrong with the file.
func errTableTempCopy() error {
	return catalog.Errorf(catalog.EUNAVAILABLE, "服务器暂时无法写入表格的临时副本，请稍后再试；若仍不行，请管理员检查数据文件夹中 tmp 的磁盘空间和写入权限")
}
