package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// joinSummary is what `evidence ingest --json` prints.
type joinSummary struct {
	Files                     []fileOutcome
	Stored, Duplicate, Failed int
}

// TestIngestJoin: `evidence ingest --join` makes the photos given one
// document, a page each in the order given, locally and through a
// server; a photo refused on arrival (empty) or a file that is not a
// photo refuses the whole, with the upload's own words, and nothing is
// stored.
func TestIngestJoin(t *testing.T) {
	dir := t.TempDir()
	photo := func(fixture, name string) string {
		p := filepath.Join(dir, name)
		copyFile(t, filepath.Join("..", "..", "ingest", "extract", "testdata", fixture), p)
		return p
	}
	// Named out of order: the order given is the pages' order.
	page1 := photo("masthead.jpg", "IMG_0912.jpg")
	page2 := photo("photo.jpg", "IMG_0905.jpg")
	empty := filepath.Join(dir, "IMG_0913.jpg")
	os.WriteFile(empty, nil, 0o644)
	note := filepath.Join(dir, "说明.txt")
	os.WriteFile(note, []byte("这是一份说明，不是照片。"), 0o644)

	data := filepath.Join(t.TempDir(), "data")
	out, err := runCLI(t, "ingest", "--join", page1, page2, "--data", data, "--city", "330100", "--type", "meeting_notice", "--json")
	if err != nil {
		t.Fatalf("ingest --join: %v\n%s", err, out)
	}
	var sum joinSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if sum.Stored != 1 || len(sum.Files) != 1 || sum.Files[0].JoinedPhotos != 2 || sum.Files[0].Status != "indexed" {
		t.Fatalf("ingest --join of two photos: %s; want one indexed document joined from 2", out)
	}
	// Refused locally as with --server: a failed outcome, in --json too.
	out, err = runCLI(t, "ingest", "--join", page1, empty, "--data", data, "--city", "330100", "--type", "meeting_notice", "--json")
	sum = joinSummary{}
	if jerr := json.Unmarshal([]byte(out), &sum); err == nil || jerr != nil || sum.Failed != 1 || len(sum.Files) != 1 ||
		!strings.Contains(sum.Files[0].Error, "文件“IMG_0913.jpg”无法使用") || !strings.Contains(sum.Files[0].Error, "照片没有合并，也没有保存") {
		t.Errorf("ingest --join with an empty photo: %v %v\n%s; want the join refused as a failed file, naming it", err, jerr, out)
	}
	if _, err := runCLI(t, "ingest", "--join", page1, "--data", data, "--city", "330100", "--type", "meeting_notice"); err == nil || !strings.Contains(describe(err), "至少两张照片") {
		t.Errorf("ingest --join of one photo: %v; want it refused", err)
	}

	s := startServer(t, "")
	out, err = runCLI(t, "ingest", "--join", page2, page1, "--server", s.base, "--token", s.token, "--city", "330100", "--type", "meeting_notice", "--json")
	if err != nil {
		t.Fatalf("ingest --join --server: %v\n%s", err, out)
	}
	sum = joinSummary{}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if sum.Stored != 1 || len(sum.Files) != 1 || sum.Files[0].JoinedPhotos != 2 || sum.Files[0].Status != "indexed" {
		t.Fatalf("ingest --join --server of two photos: %s; want one indexed document joined from 2", out)
	}
	out, _ = runCLI(t, "ingest", "--join", page1, note, "--server", s.base, "--token", s.token, "--city", "330100", "--type", "meeting_notice", "--json")
	sum = joinSummary{}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if sum.Failed != 1 || len(sum.Files) != 1 || !strings.Contains(sum.Files[0].Error, "第 2 个文件“说明.txt”不是照片") {
		t.Errorf("ingest --join --server with a text file: %s; want it refused, naming the file", out)
	}
}

// TestJoinTakesAFoldersPhotosInTheOrderTaken: a folder's photos join by
// name as a person reads it (page2 before page10), as the upload page
// orders them.
func TestJoinTakesAFoldersPhotosInTheOrderTaken(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"page10.jpg", "page1.jpg", "page2.jpg", "Page03.jpg"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jobs, _, err := joinJob([]string{dir}, "", nil)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("joinJob: %v %v", jobs, err)
	}
	var got []string
	for _, p := range jobs[0].Photos {
		got = append(got, filepath.Base(p))
	}
	if want := []string{"Page03.jpg", "page1.jpg", "page2.jpg", "page10.jpg"}; !slices.Equal(got, want) {
		t.Errorf("pages %q, want %q", got, want)
	}
}
