package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArchivesGoAloneToTheServer: `evidence ingest --server` sends an
// archive of files (.zip, .rar, .7z, whatever the letter case) in a
// request of its own, as its answer is its files'; other small files
// with the same fields share requests.
func TestArchivesGoAloneToTheServer(t *testing.T) {
	dir := t.TempDir()
	var jobs []fileJob
	for _, name := range []string{"通知.txt", "材料汇总.rar", "总结.txt", "台账.txt", "材料汇总.7Z", "简报.txt", "旧材料.zip"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("社区教育"), 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, fileJob{Path: path, Fields: map[string]string{"city": "330100"}})
	}
	var got [][]string
	for _, g := range requestGroups(jobs, 16) {
		var names []string
		for _, j := range g {
			names = append(names, filepath.Base(j.Path))
		}
		got = append(got, names)
	}
	want := [][]string{{"通知.txt"}, {"材料汇总.rar"}, {"总结.txt", "台账.txt"}, {"材料汇总.7Z"}, {"简报.txt"}, {"旧材料.zip"}}
	if len(got) != len(want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) || got[i][0] != want[i][0] {
			t.Errorf("request %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestRemoteIngestNamesEachFileOfAnArchive: `evidence ingest --server`
// of three archives — a ZIP of two new files, a 7z with one file damaged
// and a 7z whose two files are both encrypted — says what became of each
// of the six files in them, the archive named, not one line per archive:
// the counts are of files, the damaged and both encrypted files are named
// with why, and the exit status is 1. Sent again, the files stored come
// back as duplicates, each on its own line.
func TestRemoteIngestNamesEachFileOfAnArchive(t *testing.T) {
	s := startServer(t, "")
	dir := t.TempDir()
	zipOf(t, dir, "Windows材料2.zip", [][2]string{
		{"社区教育简报第4期.txt", "社区教育简报第4期：全市新建社区学习共同体42个，参与居民1.5万人次。"},
		{"老年教育统计.txt", "老年教育统计：老年大学在校学员3.2万人，较上年增长百分之十二。"},
	})
	for _, name := range []string{"损坏.7z", "加密.7z"} {
		copyFile(t, filepath.Join("..", "..", "ingest", "testdata", "archives", name), filepath.Join(dir, name))
	}
	args := []string{"ingest", dir, "--server", s.base, "--token", s.token, "--city", "330100", "--type", "other"}
	out, err := runCLI(t, append(args, "--json")...)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("ingest of archives with refused files: %v, want exit 1\n%s", err, out)
	}
	var summary struct {
		Files                     []fileOutcome
		Stored, Duplicate, Failed int
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	zip, damaged, locked := filepath.Join(dir, "Windows材料2.zip"), filepath.Join(dir, "损坏.7z"), filepath.Join(dir, "加密.7z")
	want := map[string]struct{ archive, outcome, why string }{
		zip + "/社区教育简报第4期.txt":        {zip, "stored", ""},
		zip + "/老年教育统计.txt":           {zip, "stored", ""},
		damaged + "/总结.txt":           {damaged, "stored", ""},
		damaged + "/通知.txt":           {damaged, "failed", "损坏"},
		locked + "/关于推进学分银行建设的通知.txt": {locked, "failed", "加密"},
		locked + "/2018年社区教育工作总结.txt": {locked, "failed", "加密"},
	}
	if summary.Stored != 3 || summary.Failed != 3 || len(summary.Files) != len(want) {
		t.Fatalf("stored %d, failed %d, %d files; want 3, 3 and %d: %+v", summary.Stored, summary.Failed, len(summary.Files), len(want), summary.Files)
	}
	for _, f := range summary.Files {
		w, ok := want[f.Path]
		switch {
		case !ok:
			t.Errorf("an entry for %q, which is no file of the archives", f.Path)
		case f.Archive != w.archive || f.Outcome != w.outcome || !strings.Contains(f.Error, w.why):
			t.Errorf("%s: archive %q, %s (%q); want archive %q, %s with %q", f.Path, f.Archive, f.Outcome, f.Error, w.archive, w.outcome, w.why)
		case f.Outcome == "stored" && f.Status != "indexed":
			t.Errorf("%s: status %s, want indexed", f.Path, f.Status)
		}
	}
	out, err = runCLI(t, args...)
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("the same import again: %v, want exit 1\n%s", err, out)
	}
	for _, line := range []string{"新增 0，重复 3，失败 3（共 6 个文件）", "重复  " + zip + "/老年教育统计.txt", "重复  " + damaged + "/总结.txt",
		"失败  " + damaged + "/通知.txt", "失败  " + locked + "/关于推进学分银行建设的通知.txt", "失败  " + locked + "/2018年社区教育工作总结.txt"} {
		if !strings.Contains(out, line) {
			t.Errorf("the summary lacks %q:\n%s", line, out)
		}
	}
}
