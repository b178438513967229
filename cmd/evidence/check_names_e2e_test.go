package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// hasLineWith says whether a line of out holds id (any line when id is
// "") and want.
func hasLineWith(out, id, want string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, id) && strings.Contains(l, want) {
			return true
		}
	}
	return false
}

// TestCheckAndRepairNameDocumentsInTheUsersWords: check names a
// problem's document by its ID, title and file, as backup does
// (ID  《标题》（file）), and repair says what became of each document in
// the words the web pages use (→ 可检索), never the status code
// (→ indexed, probe s39 #3); in English with --lang en.
func TestCheckAndRepairNameDocumentsInTheUsersWords(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	wuhan := ids["wuhan-case.html"]
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Document(context.Background(), wuhan)
	cat.Close()
	if err != nil || d.Title == "" {
		t.Fatalf("the document of wuhan-case.html: %+v, %v; want one with a title", d, err)
	}
	for _, tt := range []struct {
		lang                  []string
		wantCheck, wantRepair string
		notRepair             string
	}{
		{nil, wuhan + "  《" + d.Title + "》（wuhan-case.html）  [提取文字] 提取文字缺失", wuhan + "  wuhan-case.html  → 可检索", "indexed"},
		{[]string{"--lang", "en"}, wuhan + "  “" + d.Title + "” (wuhan-case.html)  [text] ", wuhan + "  wuhan-case.html  → searchable", "indexed"},
	} {
		if err := os.Remove(textBlob(t, data, "wuhan-case.html")); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err := run(t.Context(), append([]string{"check", "--data", data}, tt.lang...), &out, &bytes.Buffer{})
		if err == nil || !strings.Contains(out.String(), tt.wantCheck) {
			t.Errorf("check %v: %v, want exit 1 and %q:\n%s", tt.lang, err, tt.wantCheck, out.String())
		}
		out.Reset()
		if err := run(t.Context(), append([]string{"repair", "--data", data}, tt.lang...), &out, &bytes.Buffer{}); err != nil {
			t.Fatalf("repair %v: %v\n%s", tt.lang, err, out.String())
		}
		if !strings.Contains(out.String(), tt.wantRepair+"\n") || strings.Contains(out.String(), tt.notRepair) {
			t.Errorf("repair %v says:\n%s\nwant %q, and no %q", tt.lang, out.String(), tt.wantRepair, tt.notRepair)
		}
	}
}
