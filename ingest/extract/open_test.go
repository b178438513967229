package extract

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestPlainTextIsReadFromTheOpenFile: the pipeline's original, open from
// the blob store, is read as it is open, not opened again by its name
// (bench/README.md, ingest step 31): with its name gone from the folder
// the reading still succeeds, in the server and through the sandbox, and
// reads what Extract reads by name. Another format is still read by name.
func TestPlainTextIsReadFromTheOpenFile(t *testing.T) {
	src := fixture("news.gb18030.txt")
	want, err := Extract(context.Background(), FormatTXT, src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for name, run := range map[string]func(context.Context, Format, *os.File, Limits) (*Result, error){
		"in the server": ExtractOpen,
		"sandbox":       testSandbox(0).ExtractOpen,
	} {
		f := openUnlinked(t, src)
		got, err := run(context.Background(), FormatTXT, f, Limits{})
		if err != nil {
			t.Fatalf("%s: the open 通知.txt whose name is gone: %v", name, err)
		}
		if !reflect.DeepEqual(got.Pages, want.Pages) || got.Encoding != want.Encoding {
			t.Fatalf("%s: read %d pages (%s), by name %d (%s)", name, len(got.Pages), got.Encoding, len(want.Pages), want.Encoding)
		}
	}
	if _, err := ExtractOpen(context.Background(), FormatDOCX, openUnlinked(t, fixture("summary.docx")), Limits{}); err == nil {
		t.Fatal("a DOCX whose name is gone was read: other formats are read by name")
	}
}

// openUnlinked opens a copy of src and removes its name.
func openUnlinked(t *testing.T, src string) *os.File {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "通知"+filepath.Ext(src))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	return f
}
