package testfiles

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// fatalRecorder is a testing.TB whose Fatal and Fatalf record the message
// and end the goroutine, as the real ones do.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *fatalRecorder) Fatal(args ...any) {
	r.msg = fmt.Sprint(args...)
	runtime.Goexit()
}

// TestDamagedXLS: the LABELSST record's length is made 65,535; a workbook
// without one fails the test with a message naming the file.
func TestDamagedXLS(t *testing.T) {
	xls := []byte{0x01, 0x02, 0xFD, 0x00, 0x0A, 0x00, 0x03}
	got := DamagedXLS(t, "台账.xls", xls)
	if want := []byte{0x01, 0x02, 0xFD, 0x00, 0xFF, 0xFF, 0x03}; !bytes.Equal(got, want) || xls[4] != 0x0A {
		t.Errorf("damaged %x (original now %x), want %x and the original untouched", got, xls, want)
	}

	r := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		DamagedXLS(r, "没有文字的表.xls", []byte{0x01, 0x02})
	}()
	<-done
	if !strings.Contains(r.msg, "没有文字的表.xls") {
		t.Errorf("a workbook without a LABELSST record: %q, want the file named", r.msg)
	}
}
