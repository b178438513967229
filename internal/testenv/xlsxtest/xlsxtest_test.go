package xlsxtest

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fatalTB records a test's failure and stops it, as testing.T does, so
// that a failure the helper must report can be checked.
type fatalTB struct {
	testing.TB
	failed string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatal(args ...any) {
	f.failed = fmt.Sprint(args...)
	runtime.Goexit()
}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// run calls Book with tb in a goroutine of its own, as Fatal stops it.
func run(tb *fatalTB, sheets ...Sheet) []byte {
	var b []byte
	done := make(chan struct{})
	go func() {
		defer close(done)
		b = Book(tb, sheets...)
	}()
	<-done
	return b
}

func TestBookWritesTheSheets(t *testing.T) {
	tb := &fatalTB{TB: t}
	b := run(tb, Sheet{Rows: CreditBankLedger}, Sheet{Name: "说明", Rows: [][]any{{"全市学分银行共3200人次存入学分"}}})
	if tb.failed != "" {
		t.Fatal(tb.failed)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct{ sheet, cell, want string }{
		{"Sheet1", "A2", "上城区"}, {"Sheet1", "D4", "12000"}, {"说明", "A1", "全市学分银行共3200人次存入学分"},
	} {
		if got, err := f.GetCellValue(c.sheet, c.cell); err != nil || got != c.want {
			t.Errorf("%s!%s = %q, %v; want %q", c.sheet, c.cell, got, err, c.want)
		}
	}
}

func TestBookFailsOnASheetItCannotWrite(t *testing.T) {
	// A sheet name may not hold ':' nor be longer than 31 characters:
	// the workbook would lack the rows the test means to upload.
	for _, name := range []string{"学分:台账", "学分银行台账学分银行台账学分银行台账学分银行台账学分银行台账学分银行台账"} {
		for _, sheets := range [][]Sheet{{{Name: name, Rows: CreditBankLedger}}, {{Rows: CreditBankLedger}, {Name: name, Rows: CreditBankLedger}}} {
			tb := &fatalTB{TB: t}
			if run(tb, sheets...); tb.failed == "" {
				t.Errorf("sheets %q: no failure, want one", name)
			}
		}
	}
}
