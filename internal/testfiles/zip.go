package testfiles

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// ZipFile is a file to put in an archive built by Zip.
type ZipFile struct {
	// Name is the file's path in the archive; one ending in "/" is a
	// folder, and its Data is not written.
	Name string
	// Data is the file's bytes; with Raw, its bytes as stored.
	Data string
	// GBK writes Name in GBK without the UTF-8 flag, as the archivers of
	// Chinese Windows do.
	GBK bool
	// Stored keeps Data as it is instead of deflating it.
	Stored bool
	// Raw, when set, is the header written as it is (zip.Writer.CreateRaw,
	// Name unused), with Data as the stored bytes: for what a zip writer
	// would not make (an encrypted file, sizes that lie, an unknown
	// method).
	Raw *zip.FileHeader
}

// Zip returns a ZIP archive of files, in their order. It fails the test
// on any error of the writer.
func Zip(t testing.TB, files ...ZipFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		if err := addZipFile(zw, f); err != nil {
			name := f.Name
			if f.Raw != nil {
				name = f.Raw.Name
			}
			t.Fatalf("zip %s: %v", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatalf("zip: %v", err)
	}
	return buf.Bytes()
}

// ZipTexts returns a ZIP archive of the files named, deflated, each
// name followed by its text: ZipTexts(t, "通知.txt", "……", "总结.txt", "……").
func ZipTexts(t testing.TB, nameText ...string) []byte {
	t.Helper()
	if len(nameText)%2 != 0 {
		t.Fatalf("ZipTexts: %d arguments, want names and texts in pairs", len(nameText))
	}
	files := make([]ZipFile, 0, len(nameText)/2)
	for i := 0; i < len(nameText); i += 2 {
		files = append(files, ZipFile{Name: nameText[i], Data: nameText[i+1]})
	}
	return Zip(t, files...)
}

func addZipFile(zw *zip.Writer, f ZipFile) error {
	var w io.Writer
	var err error
	if f.Raw != nil {
		w, err = zw.CreateRaw(f.Raw)
	} else {
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate}
		if f.Stored {
			h.Method = zip.Store
		}
		if f.GBK {
			if h.Name, err = simplifiedchinese.GBK.NewEncoder().String(f.Name); err != nil {
				return err
			}
			h.NonUTF8 = true
		}
		w, err = zw.CreateHeader(h)
	}
	if err != nil || (f.Raw == nil && strings.HasSuffix(f.Name, "/")) {
		return err
	}
	_, err = io.WriteString(w, f.Data)
	return err
}
