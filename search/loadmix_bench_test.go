package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/bench/load"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// BenchmarkSearchLoadMixWhileUploading is make load's searches in one
// process: the load's query mix (one or two words of its vocabulary) over
// its generated documents, 600 at the start, with two more indexed,
// untimed, before every fourth search, as the uploads under load make the
// index change every second or so and forget its kept results.
func BenchmarkSearchLoadMixWhileUploading(b *testing.B) { benchmarkLoadMix(b, 600, false) }

// BenchmarkSearchLoadMixOnDisk3000 is BenchmarkSearchLoadMixWhileUploading
// on the index serve runs (Bleve's scorch in a folder, not the in-memory
// store whose own costs fill the other's profile) with 3,000 of the
// load's documents at the start, about as many as a 60 s make load has
// indexed by its end: the cost of one search of the mix as serve pays it.
func BenchmarkSearchLoadMixOnDisk3000(b *testing.B) { benchmarkLoadMix(b, 3000, true) }

func benchmarkLoadMix(b *testing.B, start int, onDisk bool) {
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(b.TempDir(), "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cat.Close() })
	open := index.OpenMem
	if onDisk {
		dir := filepath.Join(b.TempDir(), "index")
		open = func() (*index.Bleve, error) { return index.Open(dir) }
	}
	idx, err := open()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { idx.Close() })
	rng := rand.New(rand.NewPCG(55, 1))
	n := 0
	add := func(count int) {
		var docs []*catalog.Document
		var subs []catalog.Submission
		var indexed []index.Document
		for range count {
			n++
			var t strings.Builder
			fmt.Fprintf(&t, "压力测试材料 %d\n", n)
			for range 20 + rng.IntN(40) {
				fmt.Fprintf(&t, "%s%s%s，全年参与 %d 人次，覆盖 %d 个街道。", load.Verbs[rng.IntN(len(load.Verbs))],
					load.Phrases[rng.IntN(len(load.Phrases))], load.Phrases[rng.IntN(len(load.Phrases))], 100+rng.IntN(90000), 1+rng.IntN(80))
			}
			id := fmt.Sprintf("load-%05d", n)
			docs = append(docs, &catalog.Document{ID: id, SHA256: fmt.Sprintf("%064x", n), Size: int64(t.Len()), MIME: "text/plain",
				Format: "txt", Filename: id + ".txt", Title: id, DocType: catalog.DocWorkSummary,
				City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"})
			subs = append(subs, catalog.Submission{User: "admin"})
			indexed = append(indexed, index.Document{ID: id, Title: id, Pages: []string{t.String()}, City: "330100"})
		}
		if err := cat.CreateDocuments(ctx, docs, subs); err != nil {
			b.Fatal(err)
		}
		if err := idx.Index(ctx, indexed); err != nil {
			b.Fatal(err)
		}
	}
	for range start / 100 {
		add(100)
	}
	svc := NewService(idx, cat)
	b.Cleanup(svc.Close)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	query := func() string {
		q := load.Phrases[rng.IntN(len(load.Phrases))]
		if rng.IntN(3) == 0 {
			q += " " + load.Phrases[rng.IntN(len(load.Phrases))]
		}
		return q
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if i%4 == 0 {
			b.StopTimer()
			add(2)
			b.StartTimer()
		}
		if _, err := svc.Search(ctx, Request{Query: query(), User: admin}); err != nil {
			b.Fatal(err)
		}
	}
}
