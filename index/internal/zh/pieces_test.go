package zh

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/go-ego/gse"
)

// clauseWords are the words gse finds in ft given it clause by clause
// (sentenceCuts), as SegmentNear marks a query's words and as a query is
// segmented.
func clauseWords(t *testing.T, ft []byte) []string {
	t.Helper()
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	from := 0
	for _, c := range append(sentenceCuts(ft), len(ft)) {
		if c > from {
			for _, s := range seg.Segment(ft[from:c]) {
				if w := ft[from+s.Start() : from+s.End()]; isWord(w) {
					out = append(out, string(w))
				}
			}
		}
		from = c
	}
	return out
}

// TestALongTextIsCutIntoWordsClauseByClause: a long text with
// punctuation (the eight-city report over and over, 200 KB) is given to
// gse in pieces cut after marks that end a clause, and its words are
// those of each clause alone. Given whole, gse's shortest path summed
// over tens of thousands of words in float32 came out otherwise here and
// there (人才资源 for 人才|资源, 10 words in 35,000).
func TestALongTextIsCutIntoWordsClauseByClause(t *testing.T) {
	raw, err := os.ReadFile("../../../ingest/extract/testdata/eight-city-report.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := []byte(strings.Repeat(string(raw), (200<<10)/len(raw)+1))
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range Segment(seg, text, false) {
		got = append(got, string(tk.Term))
	}
	_, ft, _ := foldJoined(text)
	want := clauseWords(t, ft)
	if !slices.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%d words, want %d as clause by clause; the first that differs is number %d: %q, want %q",
			len(got), len(want), i, got[min(i, len(got)-1)], want[min(i, len(want)-1)])
	}
}

// TestPiecesOfAClauseEndWhereAWordEnds: a page of 1 MB without a mark is
// given to gse in pieces of at most maxPieceBytes that follow each other
// without a gap, each ending where one of its words ends, so that the
// words of the pieces cover the page and none is cut by a piece's bound.
func TestPiecesOfAClauseEndWhereAWordEnds(t *testing.T) {
	page := longPage(t, 1<<20)
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	next, pieces := 0, 0
	segmentPieces(seg, page, func(base int, segs []gse.Segment) {
		pieces++
		end := base + segs[len(segs)-1].End()
		if base != next || end-base > maxPieceBytes || segs[0].Start() != 0 {
			t.Fatalf("piece %d: bytes %d to %d, want from %d and at most %d bytes", pieces, base, end, next, maxPieceBytes)
		}
		for i := 1; i < len(segs); i++ {
			if segs[i].Start() != segs[i-1].End() {
				t.Fatalf("piece %d: a gap between its words at byte %d", pieces, base+segs[i-1].End())
			}
		}
		next = end
	})
	if next != len(page) || pieces < len(page)/maxPieceBytes {
		t.Fatalf("%d pieces ending at byte %d of %d", pieces, next, len(page))
	}
	t.Logf("a page of %d KB in %d pieces", len(page)>>10, pieces)
}
