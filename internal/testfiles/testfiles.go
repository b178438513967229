// Package testfiles hands tests of several packages the same real files
// and the same damaged copies of them, so that a fixture and the way it is
// broken are written once, the ZIP archives their upload tests send
// (Zip), the programs they need (Program: skipped without, failed
// under CI=true), and a wait for goroutines to reach a function
// (WaitInside). It imports nothing of the archive's
// own, so any package's tests may use it.
package testfiles

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// ResponsibilityTableXLS is the name, under the module's
// assignments/testdata, of a responsibility table (责任分解表) that
// LibreOffice saved as .xls from the .html beside it: a title row, merged
// cells, four tasks, 市教育局 written once beside three indicators.
const ResponsibilityTableXLS = "带标题和合并单元格的责任分解表.xls"

// ResponsibilityXLS returns the bytes of ResponsibilityTableXLS, sound,
// and damaged as DamagedXLS breaks it.
func ResponsibilityXLS(t testing.TB) (sound, damaged []byte) {
	t.Helper()
	sound, err := os.ReadFile(filepath.Join(moduleRoot(t), "assignments", "testdata", ResponsibilityTableXLS))
	if err != nil {
		t.Fatal(err)
	}
	return sound, DamagedXLS(t, ResponsibilityTableXLS, sound)
}

// DamagedXLS is a copy of the .xls workbook xls (the file name, for the
// failure message) with its first LABELSST record (a cell's text) made to
// claim 65,535 bytes, past the end of its stream, so that the .xls reader
// slices past it and panics (in the extraction sandbox's child, where
// tables saved as .xls are read). It fails the test, naming the file,
// when xls has no such record.
func DamagedXLS(t testing.TB, name string, xls []byte) []byte {
	t.Helper()
	i := bytes.Index(xls, []byte{0xFD, 0x00, 0x0A, 0x00})
	if i < 0 {
		t.Fatalf("%s has no LABELSST record (a cell's text) to damage", name)
	}
	damaged := bytes.Clone(xls)
	damaged[i+2], damaged[i+3] = 0xFF, 0xFF
	return damaged
}

// moduleRoot is the folder of the module's go.mod, found from this
// file's own place, wherever the test that calls runs.
func moduleRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testfiles: cannot tell where its source is")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}
