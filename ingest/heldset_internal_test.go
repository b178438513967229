package ingest

import (
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

// TestComparisonsTakeTheExtractionsSet: a batch's comparisons hold the
// shingle set its extraction computed (indexJob.set) rather than
// shingling the text again, and shingle a job's pages as before when it
// has none (a job read back after a restart, or one with untrusted
// pages).
func TestComparisonsTakeTheExtractionsSet(t *testing.T) {
	pages := []string{"杭州市教育局关于推进学习型城市建设的通知，各区县教育局：", "为贯彻落实全民终身学习的要求，现将有关事项通知如下。"}
	other := []string{"宁波市教育局关于推进学习型城市建设的通知，各区县教育局：", "为贯彻落实全民终身学习的要求，现将有关事项通知如下。"}
	set := neardup.Shingles(pages...)
	withSet := indexJob{doc: &catalog.Document{ID: "d1", SHA256: "a1"}, pages: pages, set: set}
	without := indexJob{doc: &catalog.Document{ID: "d2", SHA256: "b2"}, pages: other}
	inBatch := map[string]indexJob{"a1": withSet, "b2": without}
	held, _ := planComparisons(inBatch, []indexJob{withSet}, [][]catalog.Candidate{{{ID: "d2", SHA256: "b2"}}})
	if h := held["a1"]; h == nil || len(h.Set) == 0 || &h.Set[0] != &set[0] {
		t.Fatalf("the held text of d1 does not hold the set its extraction computed: %v", h)
	}
	if h := held["b2"]; h == nil || !slices.Equal(h.Set, neardup.Shingles(other...)) {
		t.Fatalf("the held text of d2, which came without a set: %v, want its pages' shingles", h)
	}
}

// TestJobKeepsTheSetOfAllPagesOnly: a text with a page OCR read poorly
// is fingerprinted without that page, but compared with all its pages,
// so its job carries no set for the comparisons to take.
func TestJobKeepsTheSetOfAllPagesOnly(t *testing.T) {
	set := neardup.Shingles("杭州市教育局关于推进学习型城市建设的通知")
	if got := setOfAllPages(catalog.Reading{}, set); !slices.Equal(got, set) {
		t.Fatalf("every page read as text: got %v, want the extraction's set", got)
	}
	low := catalog.Reading{PageSources: []string{catalog.SourceText, catalog.SourceOCRLow}}
	if got := setOfAllPages(low, set); got != nil {
		t.Fatalf("a page OCR read with low confidence: got a set of %d shingles, want none", len(got))
	}
}
