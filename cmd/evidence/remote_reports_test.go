package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportPackAndCoverageThroughAServer: a coordinator at their desk
// makes the city's report and evidence pack, and reads the coverage,
// through a running archive (--server, --token), with what the same
// commands make from the data folder: the coverage printed alike, the
// report under the name the server gives it, a pack that verify-pack
// passes. A city the token may not see is refused in the words of the
// server, in the language asked for.
func TestReportPackAndCoverageThroughAServer(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := runCLI(t, "ingest", filepath.Join("testdata", "wuhan-case.html"), "--data", data, "--city", "420100",
		"--type", "case", "--round", "2017", "--indicator", "2.3.1"); err != nil {
		t.Fatal(err)
	}
	local, err := runCLI(t, "coverage", "--data", data, "--city", "420100", "--round", "2017")
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, data)
	wuhan := addUser(t, data, "--name", "liu", "--role", "coordinator", "--city", "420100")
	at := []string{"--server", s.base, "--token", wuhan}

	remote, err := runCLI(t, append([]string{"coverage", "--city", "420100", "--round", "2017"}, at...)...)
	if err != nil || remote != local || !strings.Contains(remote, "个关键指标已有佐证") {
		t.Fatalf("coverage through the server: %v\n%s\nwant as from the data folder:\n%s", err, remote, local)
	}

	dir := t.TempDir()
	t.Chdir(dir)
	out, err := runCLI(t, append([]string{"report", "--city", "420100", "--round", "2017", "--format", "docx"}, at...)...)
	if err != nil || !strings.Contains(out, "已生成 监测报告-武汉-2017.docx") {
		t.Fatalf("report through the server: %q, %v; want it saved under the server's name", out, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "监测报告-武汉-2017.docx")); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Fatalf("the report saved is no DOCX: %v, %.20q", err, b)
	}

	pack := filepath.Join(dir, "武汉证据包.zip")
	out, err = runCLI(t, append([]string{"pack", "--city", "420100", "--round", "2017", "--out", pack}, at...)...)
	if err != nil || !strings.Contains(out, "原件 1 份") {
		t.Fatalf("pack through the server: %q, %v; want one original", out, err)
	}
	if out, err := runCLI(t, "verify-pack", pack); err != nil || !strings.Contains(out, "核验通过") {
		t.Fatalf("verify-pack of the pack from the server: %q, %v", out, err)
	}

	for _, tt := range []struct {
		lang, want string
	}{
		{"zh", "不在您的账号可查看的城市范围内"},
		{"en", "not among the cities your account may see"},
	} {
		for _, cmd := range []string{"report", "pack"} {
			out, err := runCLI(t, append([]string{cmd, "--city", "330100", "--round", "2017", "--lang", tt.lang}, at...)...)
			if err == nil || !strings.Contains(describeIn(err, argsLang([]string{"--lang", tt.lang})), tt.want) {
				t.Errorf("%s of another city, --lang %s: %q, %v; want the server's %q", cmd, tt.lang, out, err, tt.want)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left in the folder: %v; want only the report and the pack", entries)
	}
}
