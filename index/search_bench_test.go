package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/bench/load"
)

// The load tool's documents and queries (bench/load/corpus.go): a few
// paragraphs of sentences from one vocabulary, queries of one or two of
// its words, so nearly every document matches every query.
var benchPhrases, benchVerbs = load.Phrases, load.Verbs

func benchDocument(rng *rand.Rand, n int) Document {
	var b strings.Builder
	fmt.Fprintf(&b, "压力测试材料 %d\n", n)
	for range 20 + rng.IntN(40) {
		fmt.Fprintf(&b, "%s%s%s，全年参与 %d 人次，覆盖 %d 个街道。", benchVerbs[rng.IntN(len(benchVerbs))],
			benchPhrases[rng.IntN(len(benchPhrases))], benchPhrases[rng.IntN(len(benchPhrases))], 100+rng.IntN(90000), 1+rng.IntN(80))
	}
	return Document{ID: fmt.Sprintf("d%05d", n), Title: fmt.Sprintf("load-%05d.txt", n), City: "330100", DocType: "other",
		Year: 2020 + n%5, Pages: []string{b.String()}}
}

// BenchmarkSearchLoadMix runs the load tool's query mix with what the
// search service asks: a page of 10 with text for highlights and facets;
// +as_substring with the count the service adds for a word the text may
// hold crossed, crossed only the queries with such a word (图书馆, 读书会).
// SEARCHCOST_DOCS documents (default 1000, about what a 30 s load run
// uploads).
func BenchmarkSearchLoadMix(b *testing.B) {
	idx, err := Open(b.TempDir() + "/idx")
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1000
	var docs []Document
	for i := range n {
		docs = append(docs, benchDocument(rng, i))
		if len(docs) == 50 {
			if err := idx.Index(context.Background(), docs); err != nil {
				b.Fatal(err)
			}
			docs = nil
		}
	}
	var queries []Query
	for range 64 {
		var cs []Clause
		cs = append(cs, Clause{Any: []Term{{Text: benchPhrases[rng.IntN(len(benchPhrases))]}}})
		if rng.IntN(3) == 0 {
			cs = append(cs, Clause{Any: []Term{{Text: benchPhrases[rng.IntN(len(benchPhrases))]}}})
		}
		queries = append(queries, Query{Clauses: cs, Size: 10, FacetSize: 50, WithText: true})
	}
	// Let the merges of the indexing settle.
	time.Sleep(3 * time.Second)
	// The queries with a word the text may hold crossed, to which the
	// search service adds a count (as_substring): what it costs them.
	var crossed []Query
	for _, q := range queries {
		if slices.ContainsFunc(q.Clauses, func(c Clause) bool { return IsCrossableWord(c.Any[0].Text) }) {
			crossed = append(crossed, q)
		}
	}
	for _, mode := range []string{"terms", "phrases", "terms+as_substring", "crossed", "crossed+as_substring"} {
		b.Run(mode, func(b *testing.B) {
			cpu0 := cpuTime()
			var took []time.Duration
			defer func() {
				b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
				slices.Sort(took)
				b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
			}()
			qs := queries
			if strings.HasPrefix(mode, "crossed") {
				qs = crossed
			}
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				q := qs[i%len(qs)]
				m := idx.idx.Mapping()
				if mode == "phrases" {
					m = nil // every word a phrase, as before
				}
				if _, err := idx.search(context.Background(), q, buildQuery(q, m)); err != nil {
					b.Fatal(err)
				}
				if strings.HasSuffix(mode, "+as_substring") {
					countCrossed(b, idx, q)
				}
				took = append(took, time.Since(start))
			}
		})
	}
}

// countCrossed runs the count the search service adds to a search with a
// word that the text may hold crossed (IsCrossableWord): the query with
// those words as substrings, unless it matches as run, counting only.
func countCrossed(b *testing.B, idx *Bleve, q Query) {
	wide := Query{Clauses: make([]Clause, len(q.Clauses))}
	crossed := false
	for i, c := range q.Clauses {
		for _, t := range c.Any {
			if IsCrossableWord(t.Text) {
				t.Substring, crossed = true, true
			}
			wide.Clauses[i].Any = append(wide.Clauses[i].Any, t)
		}
	}
	if !crossed {
		return
	}
	asRun := Query{Clauses: q.Clauses}
	wide.Unless = &asRun
	if _, err := idx.search(context.Background(), wide, buildQuery(wide, idx.idx.Mapping())); err != nil {
		b.Fatal(err)
	}
}

// cpuTime is the CPU the process has used: a benchmark's wall time on a
// shared machine measures the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestOneWordTermsMatchAsPhrases holds that a query word of one exact-mode
// word, searched as a term, finds the same documents in the same order
// with the same scores, counts, facets and highlight spans as the phrase
// of that one word did.
func TestOneWordTermsMatchAsPhrases(t *testing.T) {
	idx := newTestIndex(t)
	rng := rand.New(rand.NewPCG(3, 4))
	var docs []Document
	for i := range 60 {
		d := benchDocument(rng, i)
		if i%7 == 0 {
			d.Title = "关于" + benchPhrases[i%len(benchPhrases)] + "的通知"
		}
		docs = append(docs, d)
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	words := append([]string{"长沙", "市长", "学分银行", "社区", "教育", "ＡＢＣ", "学习", "长江大桥"}, benchPhrases...)
	var queries []Query
	for i, w := range words {
		queries = append(queries,
			Query{Clauses: terms(w), Size: 10, FacetSize: 50, WithText: true},
			Query{Clauses: terms(w, words[(i+5)%len(words)]), Size: 5, From: 2, FacetSize: 50, WithText: true},
			Query{Clauses: terms("学习"), Exclude: []Term{{Text: w}}, Size: 10, WithText: true},
			Query{Clauses: []Clause{{Any: []Term{{Text: w}, {Text: words[(i+3)%len(words)]}}}}, Size: 10, Sort: SortIssued, WithText: true},
		)
	}
	ctx := context.Background()
	oneWord := 0
	for _, q := range queries {
		if _, ok := substringText(q.Clauses[0].Any[0].Text); !ok {
			oneWord++
		}
		got, err := idx.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := idx.search(ctx, q, buildQuery(q, nil))
		if err != nil {
			t.Fatal(err)
		}
		got.Took, want.Took = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v:\nas terms   %+v\nas phrases %+v", q, got, want)
		}
	}
	if oneWord == 0 {
		t.Fatal("no query word was one word")
	}
}
