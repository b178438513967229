package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/neardup"
)

// versionChars is the length of the report versions uploaded here: about
// 45 KB of text, over minCachedText.
const versionChars = 15_000

// setCacheService returns a pipeline on r whose texts are read through
// counted, with setMemory bytes of set cache (negative: none); done
// receives each finished document.
func setCacheService(t *testing.T, r *rig, counted *textReads, setMemory int64) (*Service, chan *catalog.Document) {
	t.Helper()
	done := make(chan *catalog.Document, 100)
	svc := New(r.cat, counted, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 2, SetCacheMemory: setMemory,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), OnDone: func(d *catalog.Document) { done <- d }})
	t.Cleanup(svc.Close)
	return svc, done
}

// uploadVersion uploads version v of the report through svc and waits
// until it is indexed; it returns its document.
func uploadVersion(t *testing.T, svc *Service, done chan *catalog.Document, name, text string) *catalog.Document {
	t.Helper()
	out := submitText(t, svc, name, text)
	d := waitFor(t, done, 1)[out.Document.ID]
	if d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("%s: not indexed: %+v", name, d)
	}
	return d
}

// linksByName returns the near-duplicate links of docs, by filename: the
// other's filename and the similarity recorded.
func linksByName(t *testing.T, cat *catalog.Store, docs []*catalog.Document) map[string]map[string]float64 {
	t.Helper()
	names := map[string]string{}
	for _, d := range docs {
		names[d.ID] = d.Filename
	}
	out := map[string]map[string]float64{}
	for _, d := range docs {
		nds, err := cat.NearDuplicates(context.Background(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[d.Filename] = map[string]float64{}
		for _, nd := range nds {
			out[d.Filename][names[nd.ID]] = nd.Similarity
		}
	}
	return out
}

// storedSimilarity is the similarity the pipeline records between the
// stored texts of two documents, compared whole.
func storedSimilarity(t *testing.T, r *rig, a, b *catalog.Document) float64 {
	t.Helper()
	ta, err := LoadText(context.Background(), r.blobs, a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := LoadText(context.Background(), r.blobs, b.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	sim := neardup.Similarity(neardup.Text{Pages: ta.Pages}, neardup.Text{Pages: tb.Pages},
		neardup.Shingles(ta.Pages...), neardup.Shingles(tb.Pages...))
	return math.Round(sim*1000) / 1000
}

// TestLongVersionsLinkTheSameFromTheSetCache: five versions of a long
// report uploaded one after another through the pipeline are linked
// exactly as without the cache (every pair, the same similarities), while
// the earlier versions' stored texts are no longer read to compare each
// new one: without the cache the ten pairs read ten texts.
func TestLongVersionsLinkTheSameFromTheSetCache(t *testing.T) {
	const n = 5
	links := map[bool]map[string]map[string]float64{}
	reads := map[bool]int64{}
	for _, cached := range []bool{false, true} {
		r := newRig(t)
		counted := &textReads{Store: r.blobs}
		memory := int64(-1)
		if cached {
			memory = DefaultSetCacheMemory
		}
		svc, done := setCacheService(t, r, counted, memory)
		if err := svc.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		var docs []*catalog.Document
		for v := 1; v <= n; v++ {
			docs = append(docs, uploadVersion(t, svc, done, fmt.Sprintf("工作总结第%d稿.txt", v), bigReport(versionChars, v)))
		}
		links[cached], reads[cached] = linksByName(t, r.cat, docs), counted.n.Load()
		svc.Close()
	}
	for name, want := range links[false] {
		if len(want) != n-1 {
			t.Errorf("without the cache %s is linked to %v; want the %d other versions", name, want, n-1)
		}
		if got := links[true][name]; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: linked to %v from the cache, %v without", name, got, want)
		}
	}
	if pairs := int64(n * (n - 1) / 2); reads[true] > reads[false]-pairs {
		t.Errorf("stored texts read %d times with the cache, %d without: the %d earlier versions compared should come from their kept sets",
			reads[true], reads[false], pairs)
	}
}

// TestKeptSetNotUsedAfterAReread: a text written anew after its set was
// kept (a re-read by OCR or by a newer reader records the new text's hash
// before its bands) is compared as it is now: the next version's link
// has the new text's similarity, not the kept set's.
func TestKeptSetNotUsedAfterAReread(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	counted := &textReads{Store: r.blobs}
	svc, done := setCacheService(t, r, counted, DefaultSetCacheMemory)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	v1 := uploadVersion(t, svc, done, "工作总结第1稿.txt", bigReport(versionChars, 1))
	v2 := uploadVersion(t, svc, done, "工作总结第2稿.txt", bigReport(versionChars, 2))

	// One line in forty of the first version read otherwise: still its
	// later versions' near duplicate, at another similarity.
	reread := rereadLines(bigReport(versionChars, 1), 40)
	old := storedSimilarity(t, r, v1, v2)
	rewriteText(t, r, v1, reread)
	v3 := uploadVersion(t, svc, done, "工作总结第3稿.txt", bigReport(versionChars, 3))
	want := storedSimilarity(t, r, v3, v1)
	if want < neardup.Threshold || want == old {
		t.Fatalf("test data: the re-read text is at %.3f of version 3, the first reading %.3f of version 2; want a near duplicate at another figure", want, old)
	}
	got := linksByName(t, r.cat, []*catalog.Document{v1, v2, v3})[v3.Filename]
	if got[v1.Filename] != want {
		t.Errorf("version 3 linked to the re-read version 1 at %v; want %.3f, its text's now (%v)", got[v1.Filename], want, got)
	}
}

// rereadLines is text with one line in every every read otherwise.
func rereadLines(text string, every int) string {
	lines := strings.SplitAfter(text, "\n")
	other := strings.SplitAfter(bigLedger(versionChars), "\n")
	for i := range lines {
		if i%every == 3 && i < len(other) {
			lines[i] = other[i]
		}
	}
	return strings.Join(lines, "")
}

// rewriteText stores text as d's, as a re-read or repair writes it: the
// text saved, then its hash recorded (its bands follow with its batch).
func rewriteText(t *testing.T, r *rig, d *catalog.Document, text string) {
	t.Helper()
	st := &StoredText{Extractor: "text", Version: extract.VersionOf("text"), Pages: []string{text}, Head: text[:60]}
	h, err := SaveText(context.Background(), r.blobs, d.SHA256, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cat.RecordTextHash(context.Background(), d.SHA256, h); err != nil {
		t.Fatal(err)
	}
}
