package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/report"
)

// TestIngestWithoutTypeListsTheTypes: `ingest DIR --server` without
// --type names every type's code with its Chinese name (probe s27
// finding 17), before anything is sent.
func TestIngestWithoutTypeListsTheTypes(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "工作总结.txt"), []byte("杭州市社区教育工作总结"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := runCLI(t, "ingest", dir, "--city", "330100", "--server", "http://127.0.0.1:1")
	msg := describe(err)
	for _, want := range []string{"缺少文件类型 --type，可选：", "policy 政策文件", "work_summary 工作总结", "statistics 统计数据", "other 其他"} {
		if !strings.Contains(msg, want) {
			t.Errorf("ingest without --type: %q lacks %q", msg, want)
		}
	}
}

// TestPackMakerIsAPerson: a pack made on the command line names the
// system account that made it, or 命令行, never the audit actor “cli”.
func TestPackMakerIsAPerson(t *testing.T) {
	tests := []struct {
		user string
		lang report.Lang
		want string
	}{
		{"zhang", report.Chinese, "zhang（命令行）"},
		{"zhang", report.English, "zhang (command line)"},
	}
	for _, tt := range tests {
		t.Setenv("USER", tt.user)
		if got := packMaker(tt.lang); got != tt.want {
			t.Errorf("pack maker for USER=%s in %s: %q, want %q", tt.user, tt.lang, got, tt.want)
		}
	}
}

// TestCheckHelpSaysServeStopped: `evidence check -h` and `repair -h` say
// they need evidence serve stopped, in Chinese and with --lang en.
func TestCheckHelpSaysServeStopped(t *testing.T) {
	t.Setenv("EVIDENCE_LANG", "")
	for _, cmd := range []string{"check", "repair"} {
		for _, tt := range []struct {
			args []string
			want string
		}{
			{[]string{cmd, "-h"}, "请在 evidence serve 停止时运行"},
			{[]string{cmd, "-h", "--lang", "en"}, "with evidence serve stopped"},
		} {
			var out, errOut bytes.Buffer
			run(t.Context(), tt.args, &out, &errOut)
			if !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("evidence %s: %q, want it to say serve must be stopped (%q)", strings.Join(tt.args, " "), errOut.String(), tt.want)
			}
		}
	}
}
