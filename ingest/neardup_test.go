package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/neardup"
)

func nearDuplicateIDs(t *testing.T, e *testenv.Env, id string) map[string]float64 {
	t.Helper()
	nds, err := e.Catalog.NearDuplicates(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, n := range nds {
		out[n.ID] = n.Similarity
	}
	return out
}

func TestUploadLinksNearDuplicatesBothWays(t *testing.T) {
	e := testenv.New(t)
	draft := e.Upload(hangzhou, "通知-征求意见稿.txt", testenv.NoticeDraft)
	final := e.Upload(hangzhou, "通知.txt", testenv.NoticeFinal)
	other := e.Upload(hangzhou, "老年教育方案.txt", testenv.Unrelated)
	// The scan of the final, read by OCR: other line breaks, spaces, a page footer.
	scan := e.Upload(chengdu, "通知扫描件.txt", strings.ReplaceAll(testenv.NoticeFinal, "。", "。\n ")+"\n— 1 —")

	for _, pair := range [][2]*catalog.Document{{draft, final}, {final, draft}, {final, scan}, {scan, final}} {
		sim, ok := nearDuplicateIDs(t, e, pair[0].ID)[pair[1].ID]
		if !ok || sim < 0.9 || sim > 1 {
			t.Errorf("%s → %s: linked %v, similarity %.3f; want linked at ≥ 0.9", pair[0].Filename, pair[1].Filename, ok, sim)
		}
	}
	if got := nearDuplicateIDs(t, e, other.ID); len(got) != 0 {
		t.Errorf("an unrelated document has near duplicates %v", got)
	}
	if _, ok := nearDuplicateIDs(t, e, draft.ID)[other.ID]; ok {
		t.Error("the draft is linked to an unrelated document")
	}
}

func TestExactCopyIsNotANearDuplicate(t *testing.T) {
	e := testenv.New(t)
	a := e.Upload(hangzhou, "通知.txt", testenv.NoticeFinal)
	b := e.Upload(chengdu, "通知.txt", testenv.NoticeFinal) // the same bytes: 成都's own document
	if a.ID == b.ID || a.SHA256 != b.SHA256 {
		t.Fatalf("want two documents over one original, got %s and %s", a.ID, b.ID)
	}
	if got := nearDuplicateIDs(t, e, a.ID); len(got) != 0 {
		t.Errorf("another city's copy of the same bytes listed as a near duplicate: %v", got)
	}
}

// TestFloodOfOneLineMatchesNothing is issue 12's bad input: 1 MB of the same
// line must not make every document its near duplicate.
func TestFloodOfOneLineMatchesNothing(t *testing.T) {
	e := testenv.New(t)
	notice := e.Upload(hangzhou, "通知.txt", testenv.NoticeFinal)
	line := "关于举办2019年全民终身学习活动周的通知，各区县（市）教育局：\n"
	flood := e.Upload(hangzhou, "flood.txt", strings.Repeat(line, (1<<20)/len(line)))
	empty := e.Upload(hangzhou, "empty.txt", "— 3 —\n学习型城市\n")
	for _, d := range []*catalog.Document{notice, flood, empty} {
		if got := nearDuplicateIDs(t, e, d.ID); len(got) != 0 {
			t.Errorf("%s has near duplicates %v", d.Filename, got)
		}
	}
}

// TestVersionsReadAtOnceAreAllLinked: versions of one notice handed in
// together are read by several workers at the same time; each is linked to
// every other, whichever committed first (the later one finds the earlier
// by its bands).
func TestVersionsReadAtOnceAreAllLinked(t *testing.T) {
	e := testenv.New(t)
	const versions = 6
	var files []*ingest.Staged
	for i := range versions {
		text := strings.Replace(testenv.NoticeFinal, "推出120门优质微课程", fmt.Sprintf("推出%d门优质微课程", 120+i), 1)
		st, err := e.Ingest.Stage(strings.NewReader(text), fmt.Sprintf("通知-第%d稿.txt", i+1))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Remove()
		files = append(files, st)
	}
	out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "work_summary", Round: "2017"}, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(out))
	for i, o := range out {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		ids[i] = e.WaitIndexed(o.Document.ID).ID
	}
	for _, id := range ids {
		linked := nearDuplicateIDs(t, e, id)
		for _, other := range ids {
			if _, ok := linked[other]; !ok && other != id {
				t.Errorf("%s is not linked to %s (linked: %v)", id, other, linked)
			}
		}
	}
}

// TestDamagedCandidateTextDoesNotFailANewVersion: a near-duplicate
// candidate whose stored text is damaged is left out of the comparison;
// the new document is indexed, not failed with the candidate's damage.
func TestDamagedCandidateTextDoesNotFailANewVersion(t *testing.T) {
	e := testenv.New(t)
	draft := e.Upload(hangzhou, "通知-征求意见稿.txt", testenv.NoticeDraft)
	bad := `{"pages": ["trunc`
	if err := e.Blobs.Put(context.Background(), catalog.TextKey(draft.SHA256),
		strings.NewReader(bad), int64(len(bad)), "application/json"); err != nil {
		t.Fatal(err)
	}
	final := e.Upload(hangzhou, "通知.txt", testenv.NoticeFinal)
	if final.Status != catalog.StatusIndexed {
		t.Fatalf("the new version is %s (%s), want indexed", final.Status, final.Error)
	}
}

// TestScanIsLinkedToItsOriginal: a stamped paper scan, read by tesseract
// with its real misreads (号 read as de, 市 as ai, 〇一 lost: Jaccard 0.85),
// is linked both ways to the born-digital PDF it was printed from.
func TestScanIsLinkedToItsOriginal(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm", "pdftotext")
	e := testenv.New(t)
	var docs []*catalog.Document
	for _, name := range []string{"stamped.pdf", "stamped-scan.pdf"} {
		f, err := os.Open(filepath.Join("extract", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		st, err := e.Ingest.Stage(f, name)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{City: hangzhou, DocType: "policy"}, Files: []*ingest.Staged{st}})
		st.Remove()
		if err != nil || out[0].Err != nil {
			t.Fatalf("%s: %v %v", name, err, out[0].Err)
		}
		d := e.WaitIndexed(out[0].Document.ID)
		if d.Status != catalog.StatusIndexed {
			t.Fatalf("%s is %s: %s", name, d.Status, d.Error)
		}
		docs = append(docs, d)
	}
	if !docs[1].Reading.ByOCR() {
		t.Fatalf("the scan's pages were not read by OCR: %v", docs[1].Reading.PageSources)
	}
	for _, pair := range [][2]*catalog.Document{{docs[0], docs[1]}, {docs[1], docs[0]}} {
		if sim, ok := nearDuplicateIDs(t, e, pair[0].ID)[pair[1].ID]; !ok || sim < neardup.OCRThreshold {
			t.Errorf("%s → %s: linked %v at %.3f; want linked at ≥ %.2f", pair[0].Filename, pair[1].Filename, ok, sim, neardup.OCRThreshold)
		}
	}
}
