package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/richardlehane/mscfb"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestReadXLSReadsAsItsXLSXTwin: a workbook saved by LibreOffice as
// Excel 97 (.xls, what WPS writes as .et too) is read in the sandbox as
// the rows its XLSX twin gives the imports: titles merged across the
// table, 区县 merged down over their 街道 (one row empty), numbers as
// their format shows them (123,000, 85.3%), a 合计 row computed by SUM.
func TestReadXLSReadsAsItsXLSXTwin(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	for _, name := range []string{"ledger", "stats"} {
		xlsx, err := os.ReadFile(fixture(name + ".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		xls, err := os.ReadFile(fixture(name + ".xls"))
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := spreadsheet.ReadFirstSheet(xlsx, 100)
		if err != nil {
			t.Fatal(err)
		}
		sheet, got, err := spreadsheet.ReadWorkbook(context.Background(), xls, 100, sb)
		if err != nil {
			t.Fatalf("%s.xls: %v", name, err)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s.xls, sheet %q:\n got %q\nwant %q (as its .xlsx)", name, sheet, got, want)
		}
	}
	_, got, _ := spreadsheet.ReadWorkbook(context.Background(), mustRead(t, fixture("ledger.xls")), 100, sb)
	if len(got) < 9 || strings.Join(got[3], "|") != "海曙区|鼓楼街道|8|8.6万人次" || strings.Join(got[8], "|") != "合计|合计|47" {
		t.Errorf("ledger.xls: rows 4 and 9 are %q, want 海曙区 filled in and the SUM's result", got)
	}
}

// TestReadXLSRefuses: what the sandbox will not read is refused with a
// message saying what to do, and the sandbox reads the next workbook as
// if nothing had happened.
func TestReadXLSRefuses(t *testing.T) {
	ledger := mustRead(t, fixture("ledger.xls"))
	// A LABELSST record (a cell's text) that says it is 64 KiB long:
	// xlsReader slices past its stream and panics.
	panicking := testfiles.DamagedXLS(t, "ledger.xls", ledger)
	sb := testSandbox(0)
	sb.TempDir = t.TempDir()
	defer sb.Close()
	for _, tt := range []struct {
		name    string
		data    []byte
		maxRows int
		code    string
		phrase  string
		is      error
	}{
		{"a cell's record longer than its stream", panicking, 100, catalog.EINVALID, "已损坏或格式不正确", nil},
		{"an OLE file cut short", ledger[:len(ledger)/2], 100, catalog.EINVALID, "已损坏或格式不正确", nil},
		{"an open password", mustRead(t, fixture("encrypted-excel97.xls")), 100, catalog.EINVALID, "打开密码", nil},
		{"a Word document named .xls", mustRead(t, fixture("report.doc")), 100, catalog.EINVALID, "不是 Excel 或 WPS 表格", nil},
		{"a value past the rows allowed", ledger, 5, "", "", spreadsheet.ErrTooManyRows},
	} {
		_, err := sb.ReadXLS(context.Background(), tt.data, tt.maxRows)
		switch {
		case tt.is != nil && !errors.Is(err, tt.is):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.is)
		case tt.is == nil && (catalog.ErrorCode(err) != tt.code || !strings.Contains(catalog.ErrorMessage(err), tt.phrase)):
			t.Errorf("%s: %v, want %s saying %q", tt.name, err, tt.code, tt.phrase)
		}
		if sheet, err := sb.ReadXLS(context.Background(), ledger, 100); err != nil || len(sheet.Records) != 9 {
			t.Fatalf("after %s, ledger.xls: %v", tt.name, err)
		}
	}
	if entries, _ := os.ReadDir(sb.TempDir); len(entries) != 0 {
		t.Errorf("copies of the tables left behind in %s: %d", sb.TempDir, len(entries))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadXLSChineseBuiltinDate: 截止日期 typed as 2018年3月31日, which
// Excel and WPS in China store as the built-in format 31 with no FORMAT
// record, is read as a date, in the imports' rows and in the text, not as
// the serial number 43190.
func TestReadXLSChineseBuiltinDate(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	_, rows, err := spreadsheet.ReadWorkbook(context.Background(), mustRead(t, fixture("date-format31.xls")), 100, sb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 || strings.Join(rows[1], "|") != "1.1.1|市教育局|2018-03-31|张老师" || rows[2][2] != "2018-04-15" {
		t.Errorf("rows = %q, want 截止日期 2018-03-31 and 2018-04-15", rows)
	}
	res, err := Extract(context.Background(), FormatXLS, fixture("date-format31.xls"), Limits{})
	if err != nil || len(res.Pages) != 1 || !strings.Contains(res.Pages[0], "市教育局 | 2018-03-31") {
		t.Errorf("text = %q, %v; want 2018-03-31", res.Pages, err)
	}
	for id, want := range map[int]string{27: "2018-03-31", 31: "2018-03-31", 58: "2018-03-31"} {
		if got := formatNumber(43190, builtinNumFmts[id]); got != want {
			t.Errorf("built-in format %d: 43190 read as %q, want %q", id, got, want)
		}
	}
	if got := formatNumber(0.5, builtinNumFmts[32]); got != "12:00:00" {
		t.Errorf("built-in format 32 (h时mm分): 0.5 read as %q, want 12:00:00", got)
	}
}

// TestReadXLSTempCopyFails: when the server cannot write the table's
// temporary copy the user is told so in Chinese (EUNAVAILABLE), not that
// the file is damaged nor in an internal English error.
func TestReadXLSTempCopyFails(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	// A folder that cannot be made: its parent is a file (the folder is
	// made by the first copy, so one merely missing is no failure).
	parent := filepath.Join(t.TempDir(), "不是文件夹")
	if err := os.WriteFile(parent, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	sb.TempDir = filepath.Join(parent, "tmp")
	_, err := sb.ReadXLS(context.Background(), mustRead(t, fixture("date-format31.xls")), 100)
	var e *catalog.Error
	if !errors.As(err, &e) || e.Code != catalog.EUNAVAILABLE || !strings.Contains(e.Message, "临时副本") {
		t.Fatalf("got %v, want an EUNAVAILABLE error about the temporary copy", err)
	}
}

// hugeWorkbookStream is ledger.xls with its Workbook stream moved out of
// the mini stream into sectors of its own at the end of the file, and its
// size in the OLE directory set near 4 GiB: xlsReader allocates a buffer
// of that size before it reads a byte, past any reader's memory.
func hugeWorkbookStream(t *testing.T) []byte {
	t.Helper()
	data := bytes.Clone(mustRead(t, fixture("ledger.xls")))
	ole, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var stream []byte
	for f, err := ole.Next(); err == nil; f, err = ole.Next() {
		if f.Name == "Workbook" {
			stream, _ = io.ReadAll(f)
		}
	}
	i := bytes.Index(data, []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00\x00\x00"))
	if len(stream) == 0 || i < 0 || (len(data)-512)%512 != 0 {
		t.Fatal("ledger.xls has no Workbook stream")
	}
	first := uint32((len(data) - 512) / 512)
	sectors := uint32(8) // 4096 bytes: past the mini stream's cutoff
	fat := 512 + 512*int(binary.LittleEndian.Uint32(data[0x4C:]))
	for k := first; k < first+sectors; k++ {
		next := k + 1
		if k == first+sectors-1 {
			next = 0xFFFFFFFE // the end of the chain
		}
		binary.LittleEndian.PutUint32(data[fat+4*int(k):], next)
	}
	data = append(data, stream...)
	data = append(data, make([]byte, int(sectors)*512-len(stream))...)
	binary.LittleEndian.PutUint32(data[i+116:], first)
	binary.LittleEndian.PutUint32(data[i+120:], 0xFFFFF000)
	return data
}

// TestReadXLSTellsALimitFromDamage: a table whose reading the sandbox
// stops at its memory limit is too large or complex, said as ETOOLARGE
// with the limit and what to do (save as .xlsx, split the sheet), not
// called damaged; a malformed one is damaged (EINVALID); and the next
// table is read as if nothing had happened.
func TestReadXLSTellsALimitFromDamage(t *testing.T) {
	sb := testSandbox(256 << 20)
	defer sb.Close()
	ledger := mustRead(t, fixture("ledger.xls"))
	_, err := sb.ReadXLS(context.Background(), hugeWorkbookStream(t), 100)
	wantError(t, "a workbook past the memory limit", err, catalog.ETOOLARGE, "超出内存上限(256 MiB)")
	wantError(t, "a workbook past the memory limit", err, catalog.ETOOLARGE, "拆成几个较小的文件")
	wantEnglish(t, "a workbook past the memory limit", err, "memory limit (256 MiB)")
	if strings.Contains(catalog.ErrorMessage(err), "损坏") {
		t.Errorf("a workbook past the memory limit is called damaged: %q", catalog.ErrorMessage(err))
	}
	_, err = sb.ReadXLS(context.Background(), ledger[:len(ledger)/2], 100)
	wantError(t, "a workbook cut short", err, catalog.EINVALID, "已损坏或格式不正确")
	if sheet, err := sb.ReadXLS(context.Background(), ledger, 100); err != nil || len(sheet.Records) != 9 {
		t.Fatalf("after them, ledger.xls: %v", err)
	}
}

// TestReadXLSReadsFewTablesAtOnce: three imports of an .xls at once with
// two readers of tables never run more than two children; an import that
// finds every reader busy past TableWait is told to try again shortly
// (EUNAVAILABLE with a retry time), and one whose request ends while it
// waits stops waiting.
func TestReadXLSReadsFewTablesAtOnce(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "children.log")
	// Every child notes its start and its end, and is slow to start, so
	// that children started together are alive together.
	script := filepath.Join(dir, "child.sh")
	if err := os.WriteFile(script, []byte("echo start >> \"$CHILD_LOG\"\nsleep 0.3\n\"$@\"\necho end >> \"$CHILD_LOG\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	sb := &Sandbox{Command: []string{"/bin/sh", script, os.Args[0]}, Env: []string{"EVIDENCE_EXTRACT_CHILD=1", "CHILD_LOG=" + log},
		TableReads: 2, TableWait: time.Minute}
	defer sb.Close()
	ledger := mustRead(t, fixture("ledger.xls"))
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() { _, errs[i] = sb.ReadXLS(context.Background(), ledger, 100) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("import %d: %v", i+1, err)
		}
	}
	alive, most := 0, 0
	for _, line := range strings.Fields(string(mustRead(t, log))) {
		if line == "start" {
			alive++
		} else {
			alive--
		}
		most = max(most, alive)
	}
	if most > 2 {
		t.Errorf("%d children alive at once for 3 imports with 2 readers, want at most 2", most)
	}

	busy := testSandbox(0)
	busy.TableReads, busy.TableWait = 1, 50*time.Millisecond
	defer busy.Close()
	release, err := busy.tableSlot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, err = busy.ReadXLS(context.Background(), ledger, 100)
	wantError(t, "an import with every reader busy", err, catalog.EUNAVAILABLE, "请稍后重试")
	wantEnglish(t, "an import with every reader busy", err, "try again shortly")
	if d, ok := catalog.RetryAfter(err); !ok || d <= 0 {
		t.Errorf("an import with every reader busy: no retry time (%v)", err)
	}
	busy.TableWait = time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	var ae *catalog.Error
	if _, err := busy.ReadXLS(ctx, ledger, 100); !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ae) {
		t.Errorf("an import whose request ended while it waited: %v, want the request's end", err)
	}
	// Half the reader wait: ended by the request, however loaded the
	// machine, not by the wait.
	if took := time.Since(start); took > busy.TableWait/2 {
		t.Errorf("an import whose request ended waited %s", took)
	}
	release()
	if _, err := busy.ReadXLS(context.Background(), ledger, 100); err != nil {
		t.Errorf("an import once the reader is free: %v", err)
	}
}

// TestReadXLSMakesItsTempFolder: the copy of a table makes the temporary
// folder it goes in, so that whoever sets TempDir need not make it before
// any table is read (a command refused at start leaves none behind).
func TestReadXLSMakesItsTempFolder(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	sb.TempDir = filepath.Join(t.TempDir(), "数据", "tmp")
	res, err := sb.ReadXLS(context.Background(), mustRead(t, fixture("date-format31.xls")), 100)
	if err != nil || res == nil {
		t.Fatalf("read a table into a temporary folder not made yet: %v, %v", res, err)
	}
}
