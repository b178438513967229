package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

// wholeTextSimilarity is how a candidate's stored text was compared
// before it was read as a stream: loaded whole (LoadText), its shingle
// set computed from its pages, and neardup.Similarity. The streamed
// comparison must give its results bit for bit.
func wholeTextSimilarity(t *testing.T, r *rig, held *neardup.Held, sha string) float64 {
	t.Helper()
	st, err := LoadText(context.Background(), r.blobs, sha)
	if err != nil {
		t.Fatal(err)
	}
	other := neardup.Text{Pages: st.Pages, OCR: st.Reading().ByOCR()}
	return neardup.Similarity(held.Text, other, held.Set, neardup.Shingles(st.Pages...))
}

// pagesOf cuts a text into pages of about n lines.
func pagesOf(text string, n int) []string {
	lines := strings.SplitAfter(text, "\n")
	var pages []string
	for len(lines) > 0 {
		k := min(n, len(lines))
		pages = append(pages, strings.Join(lines[:k], ""))
		lines = lines[k:]
	}
	return pages
}

// TestStreamedComparisonIsTheWholeTextsOne: on the labelled pairs of
// neardup (notices, drafts, one city's copy of another's with the names
// changed, scans read by OCR with their misreads, floods of one line),
// each way, in pages, a stored text compared as a stream has the
// similarity it had read whole, to the last bit, its OCR page source read
// after its pages; a text known too different to be a near duplicate
// before its end has one under the OCR floor both ways. Where that makes a
// link, the pipeline records it at the same rounded value.
func TestStreamedComparisonIsTheWholeTextsOne(t *testing.T) {
	pairs, err := neardup.LoadPairs("../neardup/testdata")
	if err != nil {
		t.Fatal(err)
	}
	r := storeRig(t)
	ctx := context.Background()
	cmp := &comparer{blobs: r.blobs, budget: newMemoryLimit(DefaultCompareMemory), log: slog.Default()}
	var forgiven, cut, linked int
	for _, p := range pairs {
		for _, way := range []struct {
			held, stored       string
			heldOCR, storedOCR bool
		}{{p.TextA, p.TextB, p.OCRA, p.OCRB}, {p.TextB, p.TextA, p.OCRB, p.OCRA}} {
			held := newHeldText(pagesOf(way.held, 5), way.heldOCR, nil)
			st := &StoredText{Extractor: "text", Version: 1, Pages: pagesOf(way.stored, 3)}
			if way.storedOCR {
				st.Extractor = "ocr"
				for range st.Pages {
					st.PageSources = append(st.PageSources, catalog.SourceOCR)
				}
			}
			sha := fmt.Sprintf("%x", sha256.Sum256([]byte(fmt.Sprint(way.stored, way.storedOCR))))
			if _, err := SaveText(ctx, r.blobs, sha, st); err != nil {
				t.Fatal(err)
			}
			want := wholeTextSimilarity(t, r, held, sha)
			read := cmp.readAll(ctx, []*textRead{{sha: sha, held: []*neardup.Held{held}, ids: []string{"新文档"}}})[0]
			if read.err != nil || len(read.sims) != 1 {
				t.Fatalf("%s ~ %s: %v, %v", p.A, p.B, read.sims, read.err)
			}
			got := read.sims[0]
			switch {
			case got == want:
				if want != neardup.Jaccard(held.Set, neardup.Shingles(st.Pages...)) {
					forgiven++
				}
				if want >= neardup.Threshold {
					linked++
				}
			case want < neardup.OCRFloor && got < neardup.OCRFloor && got >= want:
				cut++
			default:
				t.Errorf("%s ~ %s (%s, OCR %v/%v): streamed %v, read whole %v", p.A, p.B, p.Kind, way.heldOCR, way.storedOCR, got, want)
			}
		}
	}
	if forgiven == 0 || cut == 0 || linked == 0 {
		t.Errorf("the pairs gave %d similarities with misreads forgiven, %d texts cut short, %d links; want some of each",
			forgiven, cut, linked)
	}

	// Through the pipeline: a scan read by OCR (misreads forgiven) and a
	// draft, each compared with its stored original.
	s := watchedService(t, &rig{cat: r.cat, blobs: r.blobs, idx: nil, dir: r.dir}, &watchedTexts{Store: r.blobs})
	orig := textJob(t, r.cat, r.blobs, "原件", strings.Join(notice, ""), false)
	if ready := s.recordExtractions(ctx, []indexJob{orig}); len(ready) != 1 {
		t.Fatal("the original is not ready for the index")
	}
	for _, tt := range []struct {
		name, copy string
		byOCR      bool
	}{
		{"扫描件", misreadNotice(30), true},
		{"定稿", noticeVersion(3), false},
	} {
		job := textJob(t, r.cat, r.blobs, tt.name, tt.copy, tt.byOCR)
		want := wholeTextSimilarity(t, r, newHeldText(job.pages, tt.byOCR, nil), orig.doc.SHA256)
		if ready := s.recordExtractions(ctx, []indexJob{job}); len(ready) != 1 {
			t.Fatalf("%s is not ready for the index", tt.name)
		}
		nds, err := r.cat.NearDuplicates(ctx, job.doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(nds) != 1 || nds[0].ID != orig.doc.ID || nds[0].Similarity != math.Round(want*1000)/1000 {
			t.Errorf("%s is linked to %+v; want %s at %.3f, as read whole", tt.name, nds, orig.doc.ID, want)
		}
	}
}

// recordingBudget is a TextBudget of size bytes that counts what it
// turns away: for now (busy, with a short time to retry after) or for
// good (more than all of it), and the most it lent at once.
type recordingBudget struct {
	mu                sync.Mutex
	size, used, most  int64
	busy, tooLarge    int
	largestRefusedAll int64
}

func (b *recordingBudget) LendText(n, total int64) (func(), error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if total > b.size {
		b.tooLarge++
		b.largestRefusedAll = max(b.largestRefusedAll, total)
		return func() {}, &catalog.Error{Code: catalog.ETOOLARGE, Message: "文字太长"}
	}
	if b.used+n > b.size {
		b.busy++
		return func() {}, &catalog.Error{Code: catalog.EUNAVAILABLE, Message: "稍后再试", RetryAfter: 50 * time.Millisecond}
	}
	b.used += n
	b.most = max(b.most, b.used)
	return func() {
		b.mu.Lock()
		b.used -= n
		b.mu.Unlock()
	}, nil
}

// TestManyBigCandidatesAreComparedWithinTheBudget is issue 15's hostile
// upload: a new version of a big report (300,000 characters) whose
// candidates are its 12 earlier versions, and another year's yearbook of
// 900,000 characters sharing its bands (a band collision) but not its
// text. The
// budget lends 1 MB: reads that meet at once are turned away for now and
// wait their turn (whether they meet is the scheduler's to say; the busy
// path is held by TestBusyBudgetRetriesTheComparisonAndLinks), and all 12
// versions are linked; the yearbook, which
// would need more than the whole budget to be compared, is skipped with a
// logged reason, and the new version goes on to the index. What the
// comparison held never passed the budget, and the heap grew by far less
// than the candidates' texts (11 MB of JSON; a text read whole took
// some 4 MB with its set).
func TestManyBigCandidatesAreComparedWithinTheBudget(t *testing.T) {
	r := storeRig(t)
	ctx := context.Background()
	const versions = 12
	d, pages := storeBigVersions(t, r, versions, 300_000)

	ledger := bigLedger(900_000)
	ld := &catalog.Document{ID: "另一年鉴", SHA256: fmt.Sprintf("%x", sha256.Sum256([]byte(ledger))), Size: int64(len(ledger)),
		MIME: "text/plain", Format: "txt", Filename: "另一年鉴.txt", DocType: catalog.DocPolicy, City: "330100",
		Status: catalog.StatusStored, UploadedBy: "admin"}
	if err := r.cat.CreateDocument(ctx, ld, catalog.Submission{User: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveText(ctx, r.blobs, ld.SHA256, &StoredText{Extractor: "ocr", Version: 1, Pages: []string{ledger}}); err != nil {
		t.Fatal(err)
	}
	_, bands := fingerprint(pages)
	if err := r.cat.SetNearDuplicateBands(ctx, ld.ID, bands, nil); err != nil {
		t.Fatal(err)
	}
	if err := r.cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err == nil {
		t.Fatal("storeBigVersions was to create the new version already")
	}

	var logged bytes.Buffer
	s := New(r.cat, r.blobs, nil, Config{TempDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	t.Cleanup(s.Close)
	budget := &recordingBudget{size: 1 << 20}
	s.SetTextBudget(budget)
	job := indexJob{doc: d, pages: pages, ext: &catalog.Extraction{ID: d.ID, SHA256: d.SHA256, Bands: bands,
		Alone: catalog.StatusChange{ID: d.ID, Status: catalog.StatusExtracted, Pages: len(pages)}}}

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := heapPeak()
	ready := s.recordExtractions(ctx, []indexJob{job})
	peak := max(stop(), before.HeapInuse)

	if len(ready) != 1 {
		t.Fatalf("the new version is not ready for the index: %v", ready)
	}
	linked := linkedTo(t, r.cat, d.ID)
	if len(linked) != versions || slices.Contains(linked, ld.ID) {
		t.Errorf("the new version is linked to %v; want its %d earlier versions, not the other yearbook", linked, versions)
	}
	if budget.tooLarge == 0 {
		t.Errorf("the budget turned away no read for good (%d for now); want the other yearbook's", budget.busy)
	}
	if budget.most > budget.size {
		t.Errorf("the budget lent %d bytes at once, over its %d", budget.most, budget.size)
	}
	if !strings.Contains(logged.String(), "needs more memory than the budget lends") || !strings.Contains(logged.String(), catalog.TextKey(ld.SHA256)) {
		t.Errorf("no logged reason names the other yearbook's text skipped; log:\n%s", logged.String())
	}
	grown := int64(peak) - int64(before.HeapInuse)
	t.Logf("heap grew by %.1f MB; the budget lent at most %.1f MB, turned away %d reads for now, %d for good (%.1f MB)",
		float64(grown)/(1<<20), float64(budget.most)/(1<<20), budget.busy, budget.tooLarge, float64(budget.largestRefusedAll)/(1<<20))
	if grown > 24<<20 {
		t.Errorf("the heap grew by %d MB comparing %d big candidates; want under 24 MB", grown>>20, versions+1)
	}
}
