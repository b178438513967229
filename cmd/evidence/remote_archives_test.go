package main

import (
	"os"
	"path/filepath"
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
