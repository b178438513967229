package packs_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

var ctx = context.Background()

const hangzhou, chengdu = "330100", "510100"

var coordA = &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou}

// withData records, for Hangzhou in 2017, a document linked to 2.3.1 whose
// title would start a formula, a value citing it (2.2.1) and a claim.
func withData(t *testing.T) (*testenv.Env, *packs.Service, *catalog.Document) {
	t.Helper()
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", "杭州市认定市民终身学习基地123个,建立学分银行。")
	title, num := "=HYPERLINK(\"http://x\")/../统计公报", "杭政办发〔2017〕12号"
	d, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Title: &title, DocNumber: &num})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	return e, packs.NewService(report.NewService(e.Catalog), e.Catalog, e.Blobs), d
}

// write packs city's round for u into memory.
func write(t *testing.T, svc *packs.Service, u *catalog.User, city string) []byte {
	t.Helper()
	p, err := svc.Prepare(ctx, u, city, 2017)
	if err != nil {
		t.Fatalf("prepare pack of %s as %s: %v", city, u.Username, err)
	}
	var buf bytes.Buffer
	if err := p.WriteTo(ctx, &buf); err != nil {
		t.Fatalf("write pack: %v", err)
	}
	return buf.Bytes()
}

// manifest is the manifest.csv of the pack data, as written.
func manifest(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("pack is not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == packs.ManifestName {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			raw, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return raw
		}
	}
	t.Fatalf("the pack has no %s", packs.ManifestName)
	return nil
}

// manifestRows are the rows of the pack data's manifest.csv, its header
// first.
func manifestRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(manifest(t, data), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	return rows
}

func TestPackManifestAndFiles(t *testing.T) {
	_, svc, d := withData(t)
	data := write(t, svc, coordA, hangzhou)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("pack is not a zip: %v", err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
		names = append(names, f.Name)
		// Unzip tools show an entry's MS-DOS time, which has no zone: it
		// must be China time, as the people unzipping read it (probe s43 #9:
		// 15:49 for a file uploaded 23:49 Beijing time). Go's reader gives
		// Modified the zone of the MS-DOS time against the extended UTC one.
		if _, offset := f.Modified.Zone(); offset != 8*3600 {
			t.Errorf("%s dated %s: want its MS-DOS time in China time (UTC+8)", f.Name, f.Modified)
		}
	}
	if names[len(names)-1] != packs.ManifestName {
		t.Errorf("files %v: manifest should come last", names)
	}
	raw := files[packs.ManifestName]
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Errorf("manifest does not start with a UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if got := strings.Join(rows[0], ","); got != "path,sha256,document_id,title,doc_number,doc_number_source,indicators" {
		t.Errorf("manifest header %q", got)
	}
	if len(rows) != 4 {
		t.Fatalf("manifest rows %v, want the original, report.xlsx and README.txt", rows)
	}
	orig := rows[1]
	if !regexp.MustCompile(`^originals/` + d.ID + `-[^/.,]+\.txt$`).MatchString(orig[0]) {
		t.Errorf("original's path %q: want originals/<id>-<safe title>.txt", orig[0])
	}
	if orig[1] != d.SHA256 || orig[2] != d.ID || orig[4] != "杭政办发〔2017〕12号" || orig[5] != "填写" {
		t.Errorf("original's row %v, want sha %s, id %s and the 文号 typed (填写)", orig, d.SHA256, d.ID)
	}
	if !strings.HasPrefix(orig[3], "'=") {
		t.Errorf("title cell %q: a formula-leading title must be neutralised with an apostrophe", orig[3])
	}
	if got := strings.Split(orig[6], ";"); !slices.Contains(got, "2.2.1") || !slices.Contains(got, "2.3.1") {
		t.Errorf("indicators %v, want 2.2.1 (value) and 2.3.1 (link)", got)
	}
	if !bytes.Equal(files[orig[0]], []byte("杭州市认定市民终身学习基地123个,建立学分银行。")) {
		t.Errorf("original's bytes differ from the upload: %q", files[orig[0]])
	}
	if rows[2][0] != "report.xlsx" || rows[3][0] != packs.ReadmeName {
		t.Errorf("rows %v, want report.xlsx then README.txt after the originals", rows[2:])
	}
	x, err := excelize.OpenReader(bytes.NewReader(files["report.xlsx"]))
	if err != nil {
		t.Fatalf("report.xlsx does not open: %v", err)
	}
	x.Close()
	if readme := string(files[packs.ReadmeName]); !strings.Contains(readme, "evidence verify-pack") || !strings.Contains(readme, "杭州") ||
		!strings.Contains(readme, "“文档编号-标题.扩展名”") || !strings.Contains(readme, "不是发文机关的文号") {
		// A file name's '.' stays a dot (review pfix #3: 标题。扩展名).
		t.Errorf("README should say how to verify, name the city and the originals' file names:\n%s", readme)
	}
	v, err := packs.Verify(bytes.NewReader(data), int64(len(data)))
	if err != nil || !v.OK() || v.Files != 3 {
		t.Errorf("a fresh pack does not verify: %+v %v", v, err)
	}
}

func TestPackScope(t *testing.T) {
	_, svc, _ := withData(t)
	coordB := &catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: chengdu}
	if _, err := svc.Prepare(ctx, coordB, hangzhou, 2017); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("another city's coordinator packing Hangzhou: %v, want ENOTFOUND", err)
	}
	expert := &catalog.User{Username: "zhou", Role: catalog.RoleExpert}
	write(t, svc, expert, hangzhou)
	// Chengdu's own pack holds none of Hangzhou's files.
	data := write(t, svc, coordB, chengdu)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "originals/") {
			t.Errorf("Chengdu's pack holds %s", f.Name)
		}
	}
}

func TestPackStopsOnDamagedOriginal(t *testing.T) {
	e, svc, d := withData(t)
	if err := e.Blobs.Put(ctx, catalog.OriginalKey(d.SHA256), strings.NewReader("被篡改的内容"), -1, "text/plain"); err != nil {
		t.Fatal(err)
	}
	p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WriteTo(ctx, io.Discard); err == nil || !strings.Contains(err.Error(), d.ID) {
		t.Errorf("packing a damaged original: %v, want an error naming %s", err, d.ID)
	}
}

// TestPackManifestMarksWithdrawn: a document deleted (撤回) after a value
// cited it is still packed, but its manifest row says （文档已删除） after the
// title, as the report does, so nobody takes it for evidence; a live
// document's title is left as it is.
func TestPackManifestMarksWithdrawn(t *testing.T) {
	e, svc, d := withData(t)
	live := e.Upload(hangzhou, "社区教育.txt", "杭州市社区学习共同体建设情况。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: live.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
		t.Fatalf("withdraw %s: %v", d.ID, err)
	}
	data := write(t, svc, coordA, hangzhou)
	rows := manifestRows(t, data)
	titles := map[string]string{}
	for _, r := range rows[1:] {
		titles[r[2]] = r[3]
	}
	if got := titles[d.ID]; !strings.HasSuffix(got, "（文档已删除）") {
		t.Errorf("withdrawn document's title cell %q: want it marked （文档已删除）", got)
	}
	if got := titles[live.ID]; strings.Contains(got, "文档已删除") {
		t.Errorf("live document's title cell %q is marked withdrawn", got)
	}
	if v, err := packs.Verify(bytes.NewReader(data), int64(len(data))); err != nil || !v.OK() {
		t.Errorf("pack with a withdrawn document does not verify: %+v %v", v, err)
	}
}

// TestPackOfOneIndicator: a pack narrowed to one key indicator holds only
// the originals behind it, with the whole report, says so in its name and
// README, and verifies; a code that is no key indicator is refused.
func TestPackOfOneIndicator(t *testing.T) {
	e, svc, d := withData(t)
	other := e.Upload(hangzhou, "规划.txt", "杭州市学习型城市建设规划。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: other.ID, IndicatorCode: "1.1.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Only("2.3"); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("a pack of area 2.3: %v, want EINVALID", err)
	}
	if err := p.Only("1.1.1"); err != nil {
		t.Fatal(err)
	}
	if name := p.Filename(); !strings.Contains(name, "1.1.1") {
		t.Errorf("file name %q does not name the indicator", name)
	}
	var buf bytes.Buffer
	if err := p.WriteTo(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var originals []string
	readme := ""
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "originals/") {
			originals = append(originals, f.Name)
		}
		if f.Name == packs.ReadmeName {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			readme = string(b)
		}
	}
	if len(originals) != 1 || !strings.Contains(originals[0], other.ID) || strings.Contains(originals[0], d.ID) {
		t.Errorf("originals %v, want only %s (linked to 1.1.1)", originals, other.ID)
	}
	if !strings.Contains(readme, "1.1.1") {
		t.Errorf("README does not say the pack holds only 1.1.1:\n%s", readme)
	}
	if v, err := packs.Verify(bytes.NewReader(data), int64(len(data))); err != nil || !v.OK() {
		t.Errorf("pack of one indicator does not verify: %+v %v", v, err)
	}
}
