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
	for {
		for _, d := range waitFor(t, done, 1) {
			if d.ID != out.Document.ID {
				continue // another document read again meanwhile
			}
			if d.Status != catalog.StatusIndexed {
				t.Fatalf("%s: %s: %s", name, d.Status, d.Error)
			}
			return d
		}
	}
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

// TestKeptSetNotUsedAfterAnotherNodeRepairedTheText: one node kept the
// set of a text that another node then read again from its original
// (evidence check found it not the original's text; repair; the other
// node's pipeline read it, on the same catalog and object store): the
// first node's next version is compared with the text now stored, and
// linked to it, not left unlinked by the old text's set.
func TestKeptSetNotUsedAfterAnotherNodeRepairedTheText(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	a, doneA := setCacheService(t, r, &textReads{Store: r.blobs}, DefaultSetCacheMemory)
	first := submitText(t, a, "工作总结第1稿.txt", bigReport(versionChars, 1)).Document
	// A text saved by a reading whose record was lost, half of it another
	// report's: the node takes it as the text and keeps its set.
	report := bigReport(versionChars, 1)
	half := strings.LastIndex(report[:len(report)/2], "\n") + 1
	wrong := report[:half] + bigLedger(versionChars)[half:]
	st := &StoredText{Extractor: "text", Version: extract.VersionOf("text"), Pages: []string{wrong}, Head: wrong[:60]}
	if _, err := SaveText(ctx, r.blobs, first.SHA256, st); err != nil {
		t.Fatal(err)
	}
	if err := a.Start(ctx); err != nil {
		t.Fatal(err)
	}
	v1 := waitFor(t, doneA, 1)[first.ID]
	if v1 == nil || v1.Status != catalog.StatusIndexed {
		t.Fatalf("version 1: %+v", v1)
	}
	if a.sets.empty() {
		t.Fatal("test setup: the first node kept no set of version 1's text")
	}
	if _, err := Repair(ctx, r.cat, r.blobs, []Problem{{DocumentID: v1.ID, Kind: ProblemText}}); err != nil {
		t.Fatal(err)
	}
	b, doneB := setCacheService(t, r, &textReads{Store: r.blobs}, DefaultSetCacheMemory)
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if d := waitFor(t, doneB, 1)[v1.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("version 1 read again by the other node: %+v", d)
	}

	v2 := uploadVersion(t, a, doneA, "工作总结第2稿.txt", bigReport(versionChars, 2))
	want := storedSimilarity(t, r, v2, v1)
	if want < neardup.Threshold {
		t.Fatalf("test data: version 1 read again is at %.3f of version 2, under %.2f", want, neardup.Threshold)
	}
	if got := linksByName(t, r.cat, []*catalog.Document{v1, v2})[v2.Filename]; got[v1.Filename] != want {
		t.Errorf("version 2 linked to version 1 (read again by the other node) at %v; want %.3f (%v)", got[v1.Filename], want, got)
	}
}

// TestKeptSetOfADeletedDocumentIsNotCompared: a deleted version, its set
// kept, is no candidate; the next version is linked to the live one
// alone, compared from its kept set without reading its text.
func TestKeptSetOfADeletedDocumentIsNotCompared(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	counted := &textReads{Store: r.blobs}
	svc, done := setCacheService(t, r, counted, DefaultSetCacheMemory)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	v1 := uploadVersion(t, svc, done, "工作总结第1稿.txt", bigReport(versionChars, 1))
	v2 := uploadVersion(t, svc, done, "工作总结第2稿.txt", bigReport(versionChars, 2))
	if _, err := r.cat.DeleteDocument(ctx, v1.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	svc.UnindexAfterDelete(ctx, v1.ID)
	before := counted.n.Load()
	v3 := uploadVersion(t, svc, done, "工作总结第3稿.txt", bigReport(versionChars, 3))
	reads := counted.n.Load() - before
	got := linksByName(t, r.cat, []*catalog.Document{v1, v2, v3})[v3.Filename]
	if _, ok := got[v1.Filename]; ok || len(got) != 1 || got[v2.Filename] != storedSimilarity(t, r, v3, v2) {
		t.Errorf("version 3 linked to %v; want version 2 alone, at its stored text's similarity", got)
	}
	// One read is its own text's (looked for before it is extracted),
	// with or without the cache; version 2's would be one more.
	if reads > 1 {
		t.Errorf("uploading version 3 read stored texts %d times; want version 2 compared from its kept set", reads)
	}
}

// TestSetCacheStaysWithinItsMemory: the cache holds no more bytes of
// sets than it was given, lets the least recently used go first, and
// keeps none larger than all of it.
func TestSetCacheStaysWithinItsMemory(t *testing.T) {
	sets := make([]neardup.Set, 5)
	for v := range sets {
		sets[v] = neardup.Shingles(bigReport(versionChars, v+1))
	}
	one := int64(len(sets[0])) * 8
	c := newSetCache(3*one + one/2)
	for v, set := range sets[:3] {
		c.put(fmt.Sprintf("文字%d", v+1), set, false)
	}
	c.get("文字1") // used again: the second is now the least recently used
	c.put("文字4", sets[3], false)
	c.put("文字5", sets[4], false)
	if c.size > c.max {
		t.Errorf("the cache holds %d bytes of sets, over its %d", c.size, c.max)
	}
	for text, want := range map[string]bool{"文字1": true, "文字2": false, "文字3": false, "文字4": true, "文字5": true} {
		if _, ok := c.get(text); ok != want {
			t.Errorf("%s kept: %v, want %v (least recently used let go first)", text, ok, want)
		}
	}
	small := newSetCache(one / 2)
	small.put("文字1", sets[0], false)
	if !small.empty() || small.size != 0 {
		t.Errorf("a set larger than the whole cache was kept: %d bytes of %d", small.size, small.max)
	}
}
