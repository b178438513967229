package packs_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

var han = regexp.MustCompile(`\p{Han}+`)

// TestPackInEnglish: a pack whose report is in English is English
// throughout — its file name, README, the manifest's titles of the files
// the archive made and its withdrawn mark — while the user's documents keep
// their names and titles; it verifies as a Chinese one does.
func TestPackInEnglish(t *testing.T) {
	e, svc, d := withData(t)
	live := e.Upload(hangzhou, "社区教育.txt", "杭州市社区学习共同体建设情况。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: live.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
		t.Fatalf("withdraw %s: %v", d.ID, err)
	}
	p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	p.Report.Lang = report.English
	if got := p.Filename(); got != "evidence-pack-Hangzhou-2017.zip" {
		t.Errorf("English pack's name %q", got)
	}
	var buf bytes.Buffer
	if err := p.WriteTo(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
	readme := files[packs.ReadmeName]
	if m := han.FindAllString(readme, 3); m != nil || !strings.Contains(readme, "City: Hangzhou (330100)  Round: 2017") ||
		!strings.Contains(readme, "evidence verify-pack PACK.zip") {
		t.Errorf("English README (Chinese %q):\n%s", m, readme)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(files[packs.ManifestName], "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	titles := map[string]string{}
	for _, r := range rows[1:] {
		if !slices.Contains([]string{"", "typed", "auto-read", "inferred"}, r[5]) {
			t.Errorf("%s: the source of its document number %q, want it in English", r[0], r[5])
		}
		titles[r[0]] = r[3]
		if r[2] != "" {
			titles[r[2]] = r[3]
		}
	}
	if titles["report.xlsx"] != "Monitoring report" || titles[packs.ReadmeName] != "How to verify the pack" {
		t.Errorf("manifest titles of the archive's files: %q, %q", titles["report.xlsx"], titles[packs.ReadmeName])
	}
	if got := titles[d.ID]; !strings.HasSuffix(got, "/../统计公报 (document deleted)") {
		t.Errorf("withdrawn document's title cell %q: want its title kept, marked (document deleted)", got)
	}
	if got := titles[live.ID]; got != live.Title {
		t.Errorf("live document's title cell %q, want %q as the user wrote it", got, live.Title)
	}
	original := false
	for name := range files {
		original = original || strings.HasPrefix(name, "originals/"+live.ID+"-") && han.MatchString(name)
	}
	if !original {
		t.Errorf("the live document's original lost its Chinese title in the English pack: %v", files)
	}
	if v, err := packs.Verify(bytes.NewReader(data), int64(len(data))); err != nil || !v.OK() {
		t.Errorf("English pack does not verify: %+v %v", v, err)
	}

	// Narrowed to one indicator, the name and the README say which.
	p.Report.Lang = report.English
	if err := p.Only("2.3.1"); err != nil {
		t.Fatal(err)
	}
	if got := p.Filename(); got != "evidence-pack-Hangzhou-2017-2.3.1.zip" {
		t.Errorf("English pack of 2.3.1 named %q", got)
	}
	buf.Reset()
	if err := p.WriteTo(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	zr, err = zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == packs.ReadmeName {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if !strings.Contains(string(b), "originals of key indicator 2.3.1 only") || han.Match(b) {
				t.Errorf("README of the pack of 2.3.1:\n%s", b)
			}
		}
	}
}

// TestVerifyProblemsInEnglish: what verify-pack says of each problem reads
// in English too, naming the file.
func TestVerifyProblemsInEnglish(t *testing.T) {
	for _, tt := range []struct {
		p    packs.Problem
		want string
	}{
		{packs.Problem{Path: "originals/a.txt", Kind: packs.Mismatch, Want: "aa", Got: "bb"}, "Mismatch originals/a.txt: its SHA-256 is bb, the manifest says aa"},
		{packs.Problem{Path: "originals/a.txt", Kind: packs.Missing}, "Missing originals/a.txt: in the manifest, not in the pack"},
		{packs.Problem{Path: "originals/a.txt", Kind: packs.Extra}, "Extra originals/a.txt: in the pack, not in the manifest"},
	} {
		if got := tt.p.English(); got != tt.want {
			t.Errorf("%+v in English: %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestUnreadablePackInEnglish: why a pack cannot be verified at all is
// said in English too, and in Chinese as before.
func TestUnreadablePackInEnglish(t *testing.T) {
	junk := []byte("这不是佐证材料包")
	_, err := packs.Verify(bytes.NewReader(junk), int64(len(junk)))
	if err == nil || !strings.HasPrefix(err.Error(), "不是有效的 ZIP 文件\uFF1A") || !strings.HasPrefix(packs.EnglishOf(err), "not a valid ZIP file: ") {
		t.Errorf("verify junk: %v / %q", err, packs.EnglishOf(err))
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(packs.ManifestName)
	io.WriteString(w, "路径,哈希\n")
	zw.Close()
	_, err = packs.Verify(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err == nil || !strings.Contains(err.Error(), "表头应为") || !strings.HasPrefix(packs.EnglishOf(err), "manifest.csv's header should be path,sha256,") {
		t.Errorf("verify a pack with a wrong manifest: %v / %q", err, packs.EnglishOf(err))
	}
}
