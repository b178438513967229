package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// ingestFixtures stores the three text fixtures of city 330200 with the
// CLI and returns their IDs by file name.
func ingestFixtures(t *testing.T, data string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	names := []string{"ningbo-policy.pdf", "wuhan-case.html", "chengdu-news-gb18030.txt"}
	for _, name := range names {
		copyFile(t, filepath.Join("testdata", name), filepath.Join(dir, name))
	}
	out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330200", "--type", "policy", "--json")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	var summary struct{ Files []fileOutcome }
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, out)
	}
	ids := map[string]string{}
	for _, f := range summary.Files {
		if f.Status != "indexed" {
			t.Fatalf("%s: %s %s", f.Path, f.Status, f.Error)
		}
		ids[filepath.Base(f.Path)] = f.ID
	}
	return ids
}

// textBlob is the path of the stored text of a fixture's original.
func textBlob(t *testing.T, data, fixtureName string) string {
	t.Helper()
	return filepath.Join(data, "blobs", "objects", "text", fixtureSHA(t, fixtureName)+".json")
}

// fixtureSHA is the SHA-256 of a fixture's bytes: its original's key.
func fixtureSHA(t *testing.T, fixtureName string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", fixtureName))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestCheckFindsDamagedTextAndRepairReExtractsIt(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	if out, err := runCLI(t, "check", "--data", data); err != nil {
		t.Fatalf("check on a sound archive: %v\n%s", err, out)
	}
	policy, news, wuhan := ids["ningbo-policy.pdf"], ids["chengdu-news-gb18030.txt"], ids["wuhan-case.html"]
	// One text emptied, one replaced by another document's (valid) text,
	// one removed.
	if err := os.WriteFile(textBlob(t, data, "ningbo-policy.pdf"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile(textBlob(t, data, "wuhan-case.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(textBlob(t, data, "chengdu-news-gb18030.txt"), other, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(textBlob(t, data, "wuhan-case.html")); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "check", "--data", data)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("check after damaging text: %v, want exit 1\n%s", err, out)
	}
	for id, want := range map[string]string{policy: "  [提取文字] 提取文字被清空", news: "  [提取文字] 提取文字被替换",
		wuhan: "  [提取文字] 提取文字缺失", "": "evidence repair"} {
		if !hasLineWith(out, id, want) {
			t.Errorf("check output lacks %s %q:\n%s", id, want, out)
		}
	}

	// The server answers a clear 409 for the damaged text, not a 500.
	s := startServer(t, data)
	for _, id := range []string{policy, news} {
		for _, path := range []string{"/api/v1/documents/" + id + "/text", "/api/v1/documents/" + id + "/suggestions"} {
			status, body := s.get(path, nil)
			if code, msg := errorOf(body); status == 409 && (code != "ECONFLICT" || !strings.Contains(msg, "evidence repair")) {
				t.Errorf("GET %s: %d %s %q", path, status, code, msg)
			} else if status >= 500 {
				t.Errorf("GET %s: %d %v, want a 409 that says what to do", path, status, body)
			}
		}
	}
	if resp, page := s.raw("/documents/" + policy); resp.StatusCode >= 500 && resp.StatusCode != 503 {
		t.Errorf("document page with damaged text: %d %.200s", resp.StatusCode, page)
	}
	s.stop()

	out, err = runCLI(t, "repair", "--data", data)
	if err != nil {
		t.Fatalf("repair: %v\n%s", err, out)
	}
	for _, id := range []string{policy, news, wuhan} {
		if !hasLineWith(out, id, "→ 可检索") {
			t.Errorf("repair output does not say %s was re-extracted and indexed:\n%s", id, out)
		}
	}
	if out, err := runCLI(t, "check", "--data", data); err != nil || !strings.Contains(out, "校验通过") {
		t.Fatalf("check after repair: %v\n%s", err, out)
	}
	out, err = runCLI(t, "search", "学分银行", "--data", data, "--json")
	if err != nil || !strings.Contains(out, `"total":2`) {
		t.Errorf("search after repair: %v\n%s", err, out)
	}
}

func readBackupReport(t *testing.T, dir string) backupReport {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, backupManifest))
	if err != nil {
		t.Fatal(err)
	}
	var r backupReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBackupWhileServingAndRestore(t *testing.T) {
	s := startServer(t, "")
	for _, name := range []string{"ningbo-policy.pdf", "wuhan-case.html"} {
		status, body := s.upload(map[string]string{"city": "330200", "doc_type": "policy"}, fixture(t, name))
		if status != 201 {
			t.Fatalf("upload %s: %d %v", name, status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}
	// Uploads go on while the backups run.
	var stop atomic.Bool
	var wg sync.WaitGroup
	var accepted atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			text := fmt.Sprintf("第%d号通知:宁波市召开学习型城市建设推进会,部署社区教育工作。", i)
			status, _ := s.upload(map[string]string{"city": "330200", "doc_type": "meeting_notice"},
				upload{name: fmt.Sprintf("通知%d.txt", i), body: []byte(text)})
			if status == 201 {
				accepted.Add(1)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	bk := filepath.Join(t.TempDir(), "backup")
	out, err := runCLI(t, "backup", "--data", s.dataDir, "--out", bk)
	if err != nil {
		stop.Store(true)
		wg.Wait()
		t.Fatalf("backup while serving: %v\n%s", err, out)
	}
	first := readBackupReport(t, bk)
	// Something new for the second backup: an upload accepted since the
	// first, awaited rather than guessed from a pause (a fast machine's
	// backup may end before any upload, a loaded one's uploads lag).
	since := accepted.Load()
	for deadline := time.Now().Add(time.Minute); accepted.Load() == since; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			stop.Store(true)
			wg.Wait()
			t.Fatalf("no upload accepted in a minute after the first backup")
		}
	}
	out, err = runCLI(t, "backup", "--data", s.dataDir, "--out", bk)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatalf("second backup: %v\n%s", err, out)
	}
	second := readBackupReport(t, bk)
	// Both fixtures' originals and texts went into the first; the second
	// copies only what came since (small notices), none of it again.
	if first.Copied < 4 || second.Unchanged < first.Copied || second.Bytes >= first.Bytes {
		t.Errorf("second backup is not incremental: first %+v, second %+v", first, second)
	}
	if accepted.Load() == 0 {
		t.Errorf("no upload was accepted while backing up")
	}

	restored := filepath.Join(t.TempDir(), "restored")
	if out, err := runCLI(t, "restore", "--from", bk, "--data", restored); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "check", "--data", restored); err != nil || !strings.Contains(out, "校验通过") {
		t.Fatalf("check on the restored folder: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "restore", "--from", bk, "--data", restored); err == nil {
		t.Errorf("restore over a data folder that is not empty succeeded:\n%s", out)
	}
	r := startServer(t, restored)
	status, body := r.get("/api/v1/search", url.Values{"q": {"学分银行"}})
	if names := hitNames(body); status != 200 || len(names) == 0 || names[0] != "ningbo-policy.pdf" {
		t.Errorf("search on the restored archive: %d %v, want ningbo-policy.pdf first", status, names)
	}
	status, body = r.get("/api/v1/documents", url.Values{"size": {"500"}})
	if total, _ := body["total"].(float64); status != 200 || int(total) != second.Documents {
		t.Errorf("restored archive lists %v documents, the backup had %d", body["total"], second.Documents)
	}
	// Notices the snapshot caught before they were read are read again
	// once serve runs.
	deadline := time.Now().Add(60 * time.Second)
	for {
		status, body = r.get("/api/v1/search", url.Values{"q": {"推进会"}})
		if status == 200 && len(hitNames(body)) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("search for the notices uploaded during the backup: %d %v", status, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestInterruptedBackupKeepsTheLastGoodOne: a backup that stops while
// copying blobs leaves the last complete backup as it was, and restoring
// it gives an archive that check passes.
func TestInterruptedBackupKeepsTheLastGoodOne(t *testing.T) {
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	ingestFixtures(t, data)
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil {
		t.Fatalf("first backup: %v\n%s", err, out)
	}
	dir := t.TempDir()
	body := "宁波市社区教育工作总结：学分银行累计存入学分12.3万分。"
	if err := os.WriteFile(filepath.Join(dir, "总结.txt"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330200", "--type", "work_summary"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	// The new original cannot be written into the backup: a folder is in
	// its place, as a full disk or Ctrl-C would stop the copy.
	sum := sha256.Sum256([]byte(body))
	blocked := filepath.Join(bk, backupBlobs, filepath.FromSlash(catalog.OriginalKey(hex.EncodeToString(sum[:]))), "x")
	if err := os.MkdirAll(blocked, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err == nil {
		t.Fatalf("a backup that could not copy a blob succeeded:\n%s", out)
	}
	if n, err := countDocuments(t.Context(), filepath.Join(bk, backupCatalog)); err != nil || n != 3 {
		t.Fatalf("the backup's catalog holds %d documents (%v) after the stopped run; want the last good one's 3", n, err)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if out, err := runCLI(t, "restore", "--from", bk, "--data", restored); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "check", "--data", restored); err != nil || !strings.Contains(out, "校验通过") {
		t.Fatalf("check of the restored archive: %v\n%s", err, out)
	}
	if err := os.RemoveAll(filepath.Dir(blocked)); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil || readBackupReport(t, bk).Documents != 4 {
		t.Fatalf("backup once the way is clear: %v, %+v\n%s", err, readBackupReport(t, bk), out)
	}
}

// TestBackupRefusesALiveDataFolder: a backup into the data folder, a
// folder inside it (by another name, through a link, too) or another
// archive's data folder is refused before anything is written, and the
// archive stays whole.
func TestBackupRefusesALiveDataFolder(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	other := filepath.Join(t.TempDir(), "other")
	ingestFixtures(t, other)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(data, link); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ out, phrase string }{
		{data, "在数据文件夹"},
		{data + "/.", "在数据文件夹"},
		{filepath.Join(data, "blobs"), "在数据文件夹"},
		{filepath.Join(data, "backups", "2026"), "在数据文件夹"},
		{filepath.Join(link, "bk"), "在数据文件夹"},
		{other, "是一个档案库的数据文件夹"},
	} {
		out, err := runCLI(t, "backup", "--data", data, "--out", tt.out)
		if err == nil || !strings.Contains(err.Error(), tt.phrase) {
			t.Errorf("backup --out %s: %v, want an error saying %q\n%s", tt.out, err, tt.phrase, out)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused backup made its folder")
	}
	for _, d := range []string{data, other} {
		if out, err := runCLI(t, "check", "--data", d); err != nil || !strings.Contains(out, "校验通过") {
			t.Errorf("check of %s after the refused backups: %v\n%s", d, err, out)
		}
	}
	if out, err := runCLI(t, "backup", "--data", data, "--out", filepath.Join(t.TempDir(), "bk")); err != nil {
		t.Errorf("a backup beside the data folder: %v\n%s", err, out)
	}
}

// TestMaintenanceRefusesAFolderWithoutAnArchive: a mistyped --data is not
// checked, repaired, reindexed or backed up as a new, empty archive (a
// backup of it would replace a good backup), nor searched, reported or
// listed as one.
func TestMaintenanceRefusesAFolderWithoutAnArchive(t *testing.T) {
	typo := filepath.Join(t.TempDir(), "evidence-dta")
	for _, args := range [][]string{
		{"check"}, {"repair"}, {"reindex"}, {"backup", "--out", filepath.Join(t.TempDir(), "backup")},
		// Nor read as an empty one: "0 results" would look like an answer.
		{"search", "学分银行"}, {"coverage"}, {"report", "--city", "330100", "--out", filepath.Join(t.TempDir(), "r.xlsx")},
		{"pack", "--city", "330100", "--out", filepath.Join(t.TempDir(), "p.zip")}, {"user", "list"}, {"events"},
		{"retry"}, {"assignments", "list", "--city", "330100"}, {"framework", "export"},
	} {
		out, err := runCLI(t, append(args, "--data", typo)...)
		if err == nil || !strings.Contains(err.Error(), "没有目录数据库") {
			t.Errorf("evidence %s on a folder without an archive: %v\n%s", args[0], err, out)
		}
		if _, err := os.Stat(typo); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("evidence %s made the folder %s", args[0], typo)
		}
	}
}

// TestRestoreRefusesWhatItCannotFinish: a backup of an archive on S3 is
// not restored without S3 (its originals are in the bucket, not the
// backup), and a restore that fails leaves no half-made folder behind,
// so the next try runs.
func TestRestoreRefusesWhatItCannotFinish(t *testing.T) {
	// The archive is on the folder store even where this process's
	// environment names an S3 gateway (the test used to skip there).
	t.Setenv("EVIDENCE_S3_ENDPOINT", "")
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	ingestFixtures(t, data)
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	manifest := filepath.Join(bk, backupManifest)
	good, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manifest, []byte(`{"s3": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if _, err := runCLI(t, "restore", "--from", bk, "--data", restored); err == nil || !strings.Contains(err.Error(), "S3") {
		t.Errorf("restore of an S3 archive's backup without S3: %v; want a refusal naming S3", err)
	}
	if err := os.WriteFile(manifest, good, 0o644); err != nil {
		t.Fatal(err)
	}
	catalogFile := filepath.Join(bk, backupCatalog)
	snapshot, err := os.ReadFile(catalogFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(catalogFile, []byte("这不是 SQLite 数据库"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "restore", "--from", bk, "--data", restored); err == nil {
		t.Fatal("restore of a damaged catalog snapshot succeeded")
	}
	if _, err := os.Stat(restored); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed restore left %s behind (%v)", restored, err)
	}
	// An empty folder given to it (a mount point, say) stays, empty.
	mount := t.TempDir()
	if _, err := runCLI(t, "restore", "--from", bk, "--data", mount); err == nil {
		t.Fatal("restore of a damaged catalog snapshot succeeded")
	}
	if entries, err := os.ReadDir(mount); err != nil || len(entries) > 0 {
		t.Errorf("a failed restore into an empty folder left %v (%v); want the folder, empty", entries, err)
	}
	if err := os.WriteFile(catalogFile, snapshot, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "restore", "--from", bk, "--data", restored); err != nil {
		t.Fatalf("restore once the backup is whole: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "check", "--data", restored); err != nil || !strings.Contains(out, "校验通过") {
		t.Fatalf("check of the restored archive: %v\n%s", err, out)
	}
}

// TestRepairSaysWhyItLeavesADocumentWithABadOriginal: a document whose
// original and text are both bad is not read again; repair says so and
// exits 1.
func TestRepairSaysWhyItLeavesADocumentWithABadOriginal(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	text := textBlob(t, data, "wuhan-case.html")
	if err := os.Remove(text); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(filepath.Dir(filepath.Dir(text)), "originals", strings.TrimSuffix(filepath.Base(text), ".json"))); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "repair", "--data", data)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(out, "先恢复原件") || strings.Contains(out, "重新提取 1 个文档") {
		t.Errorf("repair with a bad original and text: %v\n%s", err, out)
	}
	if _, err := os.Stat(text); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("repair wrote a text for a document without its original: %v", err)
	}
}

// TestRepairFinishesTheIndexingItStarts: with the search index lost as
// well as a text, repair re-extracts the text and waits for the whole
// index to be written again before it ends (it used to stop the
// re-indexing its start had queued, leaving documents found by no
// search), and check then finds nothing left undone.
func TestRepairFinishesTheIndexingItStarts(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	dir := t.TempDir()
	const many = 200
	for i := range many {
		body := fmt.Sprintf("宁波市社区学院第%d期终身学习培训班工作总结：共培训学员%d人。", i+1, 30+i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("总结%03d.txt", i+1)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330200", "--type", "work_summary"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	before, err := runCLI(t, "search", "社区学院", "--data", data, "--json")
	total := regexp.MustCompile(`"total":\d+`).FindString(before)
	if n, _ := strconv.Atoi(strings.TrimPrefix(total, `"total":`)); err != nil || n < many {
		t.Fatalf("search before: %v, want at least %d documents\n%.300s", err, many, before)
	}
	if err := os.Remove(textBlob(t, data, "wuhan-case.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "repair", "--data", data)
	if err != nil || !strings.Contains(out, "→ 可检索") || strings.Contains(out, "另有") {
		t.Fatalf("repair: %v, want the text re-extracted and nothing left\n%s", err, out)
	}
	out, err = runCLI(t, "check", "--data", data)
	if err != nil || !strings.Contains(out, "校验通过") || strings.Contains(out, "尚未处理完") {
		t.Fatalf("check after repair: %v\n%s", err, out)
	}
	out, err = runCLI(t, "search", "社区学院", "--data", data, "--json")
	if err != nil || !strings.Contains(out, total+",") {
		t.Errorf("search after repair: %v, want %s as before\n%.300s", err, total, out)
	}
}

// TestCheckListsALostIndexBriefly: with the index lost, check lists a few
// documents and counts the rest, and says what mends them; documents not
// yet indexed are noted, not called damage.
func TestCheckListsALostIndexBriefly(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	dir := t.TempDir()
	for i := range 30 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("通知%02d.txt", i)), fmt.Appendf(nil, "第%d号通知：社区教育。", i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330200", "--type", "meeting_notice"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "check", "--data", data)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("check without its index: %v, want exit 1\n%s", err, out)
	}
	if n := strings.Count(out, "[索引]"); n != maxIndexProblemsListed || !strings.Contains(out, "另有 23 个文档有索引的问题") || !strings.Contains(out, "evidence reindex") {
		t.Errorf("check lists %d index problems one by one, want %d and a count of the other 23:\n%s", n, maxIndexProblemsListed, out)
	}
}

// A backup disk that fills up, runs over its quota or turns read-only is
// named as the backup's disk, in Chinese, whether the snapshot or a blob
// was being written: not as the catalog being unwritable, nor as an
// English system error.
func TestBackupDiskErrorNamesTheBackupDisk(t *testing.T) {
	out := "/mnt/备份盘/evidence"
	blobWrite := &os.PathError{Op: "write", Path: out + "/blobs/originals/.part-1", Err: syscall.ENOSPC}
	for _, tt := range []struct {
		name   string
		err    error
		phrase string
	}{
		{"blob on a full disk", fmt.Errorf("back up originals/ab: %w", blobWrite), "磁盘已满"},
		{"snapshot on a full disk", fmt.Errorf("snapshot catalog to %s: %w (database or disk is full)", out, syscall.ENOSPC), "磁盘已满"},
		{"over quota", &os.PathError{Op: "write", Path: out, Err: syscall.EDQUOT}, "超出配额"},
		{"read-only", &os.PathError{Op: "open", Path: out, Err: syscall.EROFS}, "只读"},
	} {
		err := backupDiskError(out, tt.err)
		msg := describe(err)
		if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(msg, out) || !strings.Contains(msg, tt.phrase) || !strings.Contains(msg, "档案库本身未受影响") {
			t.Errorf("%s: %q (%s); want a message naming the backup folder %s and %q", tt.name, msg, catalog.ErrorCode(err), out, tt.phrase)
		}
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: the system's error is lost: %v", tt.name, err)
		}
	}
	other := errors.New("get originals/ab: ENOTFOUND")
	if err := backupDiskError(out, other); err != other {
		t.Errorf("an error not of the backup's disk became %v", err)
	}
	denied := &os.PathError{Op: "mkdir", Path: out + "/blobs", Err: fs.ErrPermission}
	if err := backupDiskError(out, fmt.Errorf("create backup folder: %w", denied)); catalog.ErrorCode(err) != catalog.EFORBIDDEN ||
		!strings.Contains(describe(err), "权限") || !strings.Contains(describe(err), out) {
		t.Errorf("a backup folder it may not write: %q (%s)", describe(err), catalog.ErrorCode(err))
	}
	// SQLite names a read-only disk only as a file it cannot open: a
	// write by hand into the folder says what is wrong with it.
	if err := probeWrite(t.TempDir()); err != nil {
		t.Errorf("a writable folder: %v", err)
	}
	if err := probeWrite("/dev/full"); err == nil {
		t.Errorf("a folder that is no folder took a write")
	}
}

// A snapshot that fails midway leaves nothing of itself in the backup
// folder: on a full disk it would hold the space the next run needs.
func TestFailedSnapshotLeavesNothingBehind(t *testing.T) {
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	ingestFixtures(t, data)
	// SQLite cannot write the snapshot's journal where a folder stands.
	if err := os.MkdirAll(filepath.Join(bk, backupCatalog+".tmp-journal", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err == nil {
		t.Fatalf("a backup whose snapshot could not be written succeeded:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(bk, backupCatalog+".tmp")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the failed snapshot is left in the backup folder: %v", err)
	}
}

// What backup and restore say after a folder's name is punctuated in full
// width like the rest of the sentence (Fullwidth leaves punctuation after
// a path alone).
func TestBackupAndRestoreSayTheFolderInFullWidth(t *testing.T) {
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	restored := filepath.Join(t.TempDir(), "restored")
	ingestFixtures(t, data)
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil || !strings.Contains(out, "备份完成："+bk+"，3 个文档；") {
		t.Errorf("backup said: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "restore", "--from", bk, "--data", restored); err != nil || !strings.Contains(out, "已恢复到 "+restored+"：3 个文档可检索") {
		t.Errorf("restore said: %v\n%s", err, out)
	}
}
