package web

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"testing"
)

// TestTableTooLargeIsSaidBesideTheImport: a responsibility table too
// large to read within the limits comes back on the board beside the
// import form (413, saying the limit and what to do), as a table with
// mistakes does, not on the dead-end error page.
func TestTableTooLargeIsSaidBesideTheImport(t *testing.T) {
	s := newSite(t)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	body := []byte("<x/>")
	// A member that says it inflates to 200 MiB.
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(len(body)), UncompressedSize64: 200 << 20})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	const board = "/assignments?city=330100&round=2018"
	r := s.login("wang").postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": board},
		map[string][]byte{"责任分解表.xlsx": buf.Bytes()})
	beside(t, "a table past the unzipped limit", r.resp, r.body, 413, "import-error", "解压后超过 128 MiB")
}
