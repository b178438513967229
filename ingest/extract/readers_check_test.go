package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestCheckProgramSaysWhatItFound: an optional program that runs is named
// with the version it gives, once; one that fails to run says why, then
// what it printed, after a full-width colon.
func TestCheckProgramSaysWhatItFound(t *testing.T) {
	for _, tt := range []struct {
		name, script string
		wantOK       bool
		wantChinese  string
		wantEnglish  string
	}{
		{"runs", "echo 'fakeprog version 22.12.0' >&2", true,
			"已安装：{bin}（fakeprog version 22.12.0）", "{bin}: fakeprog version 22.12.0"},
		{"fails with a message", "echo 'error while loading shared libraries: libpoppler.so.126' >&2; exit 127", false,
			"{bin} 无法运行（exit status 127）：error while loading shared libraries: libpoppler.so.126",
			"{bin}: exit status 127: error while loading shared libraries: libpoppler.so.126"},
		{"fails silently", "exit 1", false, "{bin} 无法运行（exit status 1）", "{bin}: exit status 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "fakeprog")
			if err := os.WriteFile(bin, []byte("#!/bin/sh\n"+tt.script+"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			if prl := lookProgram("prlimit"); prl != "" {
				withProgram(t, "prlimit", prl) // found outside the PATH set here
			}
			t.Setenv("PATH", dir)
			ok, got := checkProgram("fakeprog", "-v")(context.Background())
			wantChinese := strings.ReplaceAll(tt.wantChinese, "{bin}", bin)
			wantEnglish := strings.ReplaceAll(tt.wantEnglish, "{bin}", bin)
			if ok != tt.wantOK || got.Chinese != wantChinese || got.English != wantEnglish {
				t.Errorf("got %v %q / %q, want %v %q / %q", ok, got.Chinese, got.English, tt.wantOK, wantChinese, wantEnglish)
			}
		})
	}
}

// TestToolCheckKeepsValuesAsWritten: a missing tool's line makes its own
// punctuation full width, that of what it reads (our words) too, not the
// package name's.
func TestToolCheckKeepsValuesAsWritten(t *testing.T) {
	tool := &externalTool{name: "fakereader", pkg: "fake-reader", purpose: catalog.Words{Chinese: "旧版文件(.doc)", English: "old files (.doc)"}}
	missing := ""
	tool.override.Store(&missing)
	ok, got := tool.check(context.Background())
	want := "未安装：无法读取旧版文件（.doc）；请安装 Debian 软件包 fake-reader（apt-get install fake-reader）"
	if ok || got.Chinese != want {
		t.Errorf("got %v %q, want false %q", ok, got.Chinese, want)
	}
}
