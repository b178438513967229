package web

import (
	"strings"
	"testing"
)

// TestUploadAcceptOffersWhatIngestReads holds the file picker to the names a
// department's files really carry: a picker hides any name it does not list.
func TestUploadAcceptOffersWhatIngestReads(t *testing.T) {
	offered := map[string]bool{}
	for _, ext := range strings.Split(uploadAccept, ",") {
		offered[ext] = true
	}
	for _, tc := range []struct{ file, ext string }{
		{"甬教终2024-7号通知.doc", ".doc"},
		{"通知.wps", ".wps"},
		{"2024年学习活动台账.xls", ".xls"},
		{"学习活动台账.et", ".et"},
		{"通知.ofd", ".ofd"},
		{"人社局材料.zip", ".zip"},
	} {
		if !offered[tc.ext] {
			t.Errorf("upload picker %q: %s is not offered, so %s cannot be chosen", uploadAccept, tc.ext, tc.file)
		}
	}
	// The sentence beside the picker names WPS's spreadsheets too, so a
	// department holding an .et ledger knows it need not convert it first.
	for lang, want := range map[Lang]string{Chinese: "WPS 表格（XLSX/XLS/ET）", English: "WPS spreadsheets (XLSX/XLS/ET)"} {
		if got := tr(lang, "upload.formats"); !strings.Contains(got, want) {
			t.Errorf("upload.formats in %v: %q, want it to name %s", lang, got, want)
		}
	}
}
