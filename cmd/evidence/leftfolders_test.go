package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// folderEntries lists the names in dir, sorted.
func folderEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// A command refused at start, by a setting it reads after opening the
// data folder, leaves the folder as it found it (probe s53: tmp/ and an
// empty index/ were left by each refused check, search, repair, ingest,
// backup); so does an import refused for a city, a type or an indicator
// that no file can pass, in an archive that never had an index (it made
// an empty one).
func TestRefusedCommandsLeaveTheDataFolderAsItWas(t *testing.T) {
	data := filepath.Join(t.TempDir(), "杭州档案")
	if _, err := runCLI(t, "user", "add", "--data", data, "--name", "wangfang", "--role", "admin"); err != nil {
		t.Fatalf("user add: %v", err)
	}
	// What an archive made elsewhere, or cleaned up, holds: no scratch.
	os.RemoveAll(filepath.Join(data, "tmp"))
	before := folderEntries(t, data)
	notice := filepath.Join(t.TempDir(), "关于推进学习型城市建设的通知.txt")
	if err := os.WriteFile(notice, []byte("杭州市终身学习活动周工作方案"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		env, value string
		args       []string
		says       string // what the refusal names, when no setting
	}{
		{"EVIDENCE_MAX_UPLOAD", "两百兆", []string{"check"}, ""},
		{"EVIDENCE_EXTRACT_TIMEOUT", "九十秒", []string{"search", "学习型城市"}, ""},
		{"EVIDENCE_UPLOAD_SLOTS", "0", []string{"repair"}, ""},
		{"EVIDENCE_SEARCH_SLOTS", "许多", []string{"repair"}, ""},
		{"EVIDENCE_OCR_WORKERS", "-2", []string{"ingest", "--city", "330100", "--type", "policy", notice}, ""},
		{"EVIDENCE_READER_MEMORY", "一吉", []string{"backup", "--out", filepath.Join(t.TempDir(), "备份")}, ""},
		{"EVIDENCE_READER_MEMORY", "一吉", []string{"report", "--city", "330100", "--out", filepath.Join(t.TempDir(), "报告.xlsx")}, ""},
		{"", "", []string{"ingest", "--city", "999999", "--type", "policy", notice}, "999999"},
		{"", "", []string{"ingest", "--city", "330100", "--type", "红头文件", notice}, "红头文件"},
		{"", "", []string{"ingest", "--city", "330100", "--type", "policy", "--indicator", "9.9.9", notice}, "9.9.9"},
	} {
		t.Run(c.args[0], func(t *testing.T) {
			says := c.says
			if c.env != "" {
				t.Setenv(c.env, c.value)
				says = c.env
			}
			args := append(slices.Clone(c.args), "--data", data)
			if _, err := runCLI(t, args...); err == nil || !strings.Contains(err.Error(), says) {
				t.Fatalf("evidence %s with %s=%q: got %v, want a refusal naming %s", strings.Join(c.args, " "), c.env, c.value, err, says)
			}
			if after := folderEntries(t, data); !slices.Equal(after, before) {
				t.Errorf("evidence %s refused left the data folder with %v, want %v as it was", c.args[0], after, before)
			}
		})
	}
}

// A command refused after it made folders removes those it made and
// nothing else (review s54): a new data folder pointed at a catalog
// database that does not answer is not left behind, and a data folder
// that is a link to a share not mounted yet keeps its link.
func TestRefusedAfterMakingFoldersRemovesOnlyItsOwn(t *testing.T) {
	t.Run("new folder, database unreachable", func(t *testing.T) {
		t.Setenv("EVIDENCE_DATABASE_URL", "postgres://evidence@127.0.0.1:1/evidence?sslmode=disable&connect_timeout=2")
		data := filepath.Join(t.TempDir(), "宁波节点")
		if _, err := runCLI(t, "search", "--data", data, "学分银行"); err == nil {
			t.Fatal("search against a database that does not answer: want a refusal")
		}
		if _, err := os.Lstat(data); !os.IsNotExist(err) {
			t.Errorf("the refused search left %s behind (%v), want no folder as before", data, err)
		}
	})
	t.Run("link to a share not mounted", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "档案")
		if err := os.Symlink(filepath.Join(dir, "未挂载的共享盘", "档案"), link); err != nil {
			t.Fatal(err)
		}
		if _, err := runCLI(t, "check", "--data", link); err == nil {
			t.Fatal("check through a link to a missing folder: want a refusal")
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the refused check took the data folder's link away (%v, %v), want it kept", fi, err)
		}
	})
}
