package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/report"
)

// hiddenFolder is a folder of material as a department's computer left
// it: one document, and beside it macOS's .DS_Store and ._ copy, a .git
// folder, Windows's Thumbs.db and desktop.ini, and a hidden note in a
// subfolder; it returns the folder and the six entries an import skips.
func hiddenFolder(t *testing.T) (dir string, hidden []string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		"年度总结.txt":       "杭州市社区教育年度工作总结：全市建成市民学习体验基地86个。",
		".DS_Store":      "\x00\x00\x00\x01Bud1",
		"._年度总结.txt":     "\x00\x05\x16\x07",
		".git/config":    "[core]",
		"Thumbs.db":      "\xd0\xcf\x11\xe0",
		"desktop.ini":    "[.ShellClassInfo]",
		"子目录/.隐藏笔记.txt":  "不应导入的笔记",
		"子目录/社区学院情况.txt": "杭州市社区学院办学情况：开设课程四百门。",
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{".DS_Store", "._年度总结.txt", ".git", "Thumbs.db", "desktop.ini", "子目录/.隐藏笔记.txt"} {
		hidden = append(hidden, filepath.Join(dir, filepath.FromSlash(name)))
	}
	return dir, hidden
}

// TestCollectFilesSkipsHiddenEntriesAndSaysWhich: a folder's hidden files
// and folders and the files an operating system leaves in it are not
// imported, and are returned to be said, a folder once.
func TestCollectFilesSkipsHiddenEntriesAndSaysWhich(t *testing.T) {
	dir, hidden := hiddenFolder(t)
	files, skipped, err := collectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "子目录", "社区学院情况.txt"), filepath.Join(dir, "年度总结.txt")}
	slices.Sort(files)
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
	got := slices.Sorted(slices.Values(skipped.hidden))
	if !slices.Equal(got, slices.Sorted(slices.Values(hidden))) {
		t.Errorf("hidden %q, want %q", got, hidden)
	}
}

// TestIngestSaysWhichHiddenFilesItSkipped: evidence ingest DIR keeps
// skipping hidden files and folders and OS junk, and its summary says so
// (跳过 6 个隐藏文件或文件夹：…), on the data folder and through a server,
// in English with --lang en, and with --json as hidden_skipped (probe
// s39 #4).
func TestIngestSaysWhichHiddenFilesItSkipped(t *testing.T) {
	dir, hidden := hiddenFolder(t)
	data := filepath.Join(t.TempDir(), "data")
	out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330100", "--type", "work_summary")
	if err != nil || !strings.Contains(out, "新增 2，重复 0，失败 0（共 2 个文件）") || !strings.Contains(out, "跳过 6 个隐藏文件或文件夹\uFF1A") {
		t.Fatalf("ingest of a folder with hidden entries: %v\n%s", err, out)
	}
	for _, h := range hidden {
		if !strings.Contains(out, h) {
			t.Errorf("ingest does not name the hidden %s:\n%s", h, out)
		}
	}

	s := startServer(t, data)
	var stdout, stderr bytes.Buffer
	err = run(t.Context(), []string{"ingest", dir, "--server", s.base, "--token", s.token, "--city", "330100", "--type", "work_summary", "--lang", "en"}, &stdout, &stderr)
	if err != nil || !strings.Contains(stdout.String(), "Skipped 6 hidden files or folders: ") || !strings.Contains(stdout.String(), hidden[0]+", ") {
		t.Errorf("ingest --server --lang en: %v\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}

	out, err = runCLI(t, "ingest", dir, "--server", s.base, "--token", s.token, "--city", "330100", "--type", "work_summary", "--json")
	var summary struct {
		Hidden []string `json:"hidden_skipped"`
	}
	if err != nil || json.Unmarshal([]byte(out), &summary) != nil || len(summary.Hidden) != len(hidden) {
		t.Errorf("ingest --json: %v, want hidden_skipped naming %d entries\n%s", err, len(hidden), out)
	}
}

// TestHiddenSkippedNamesTenThenSaysMore: past ten hidden entries the
// summary names the first ten, then 等 (and N more in English).
func TestHiddenSkippedNamesTenThenSaysMore(t *testing.T) {
	var hidden []string
	for i := range 12 {
		hidden = append(hidden, fmt.Sprintf("材料/.笔记%02d.txt", i+1))
	}
	for _, tt := range []struct {
		lang report.Lang
		want string
		not  string
	}{
		{report.Chinese, "跳过 12 个隐藏文件或文件夹\uFF1A材料/.笔记01.txt\u3001材料/.笔记02.txt\u3001", "笔记11"},
		{report.English, "Skipped 12 hidden files or folders: 材料/.笔记01.txt, ", "笔记11"},
	} {
		var out bytes.Buffer
		printHiddenSkipped(&out, tt.lang, hidden)
		got := out.String()
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) || !strings.Contains(got, "笔记10") {
			t.Errorf("%s: %q, want %q and the first ten only", tt.lang, got, tt.want)
		}
	}
	var zh, en bytes.Buffer
	printHiddenSkipped(&zh, report.Chinese, hidden)
	printHiddenSkipped(&en, report.English, hidden)
	if !strings.HasSuffix(zh.String(), "笔记10.txt 等\n") || !strings.HasSuffix(en.String(), "笔记10.txt and 2 more\n") {
		t.Errorf("past ten: %q / %q, want 等 and “and 2 more” after the tenth", zh.String(), en.String())
	}
}
