package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestBatchBandsFindAsOneByOne: a batch's bands written a run at a time
// (bandRuns) give each document the candidates, status and bands it had
// when each document's bands were written before its own candidates were
// read and after those of the documents before it: the batch recorded in
// one call against the same documents recorded one extraction a call
// (where writers are serial; on PostgreSQL the bands left). In
// the batch, 第二稿 shares a band with 第一稿 before it, 通知 with 报告 in
// an earlier run, 第一稿 is read twice (the second reading shares a band
// with 纪要 after it), 已删除 is deleted meanwhile and 空白 has no text.
func TestBatchBandsFindAsOneByOne(t *testing.T) {
	forEachStore(t, testBatchBandsFindAsOneByOne)
}

func testBatchBandsFindAsOneByOne(t *testing.T, s *Store) {
	ctx := context.Background()
	type reading struct {
		doc   string
		bands []int64
	}
	batch := []reading{
		{"第一稿", []int64{1, 10, 11}},
		{"第二稿", []int64{20, 10, 21}},
		{"报告", []int64{30, 31, 32}},
		{"已删除", []int64{30, 33, 34}},
		{"第一稿", []int64{40, 41, 42}},
		{"纪要", []int64{40, 50, 51}},
		{"空白", nil},
		{"总结", []int64{60, 61, 62}},
		{"通知", []int64{70, 31, 71}},
	}
	// Set "1" is recorded in one call, set "2" one extraction a call; each
	// set's hashes are its own, so that neither finds the other's.
	record := func(set string, offset int64, oneByOne bool) []ExtractionOutcome {
		t.Helper()
		for _, id := range []string{"存量", "第一稿", "第二稿", "报告", "已删除", "纪要", "空白", "总结", "通知"} {
			if err := s.CreateDocument(ctx, newDoc(set+id, set+id+"-sha"), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetNearDuplicateBands(ctx, set+"存量", []int64{offset + 1, offset + 2, offset + 3}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteDocument(ctx, set+"已删除", "zhang"); err != nil {
			t.Fatal(err)
		}
		var exts []Extraction
		for _, r := range batch {
			id := set + r.doc
			var bands []int64
			for _, h := range r.bands {
				bands = append(bands, offset+h)
			}
			exts = append(exts, Extraction{ID: id, SHA256: id + "-sha", Bands: bands,
				Alone: StatusChange{ID: id, Status: StatusExtracted, Pages: 1}})
		}
		if !oneByOne {
			outs, err := s.RecordExtractions(ctx, exts, 10)
			if err != nil {
				t.Fatal(err)
			}
			return outs
		}
		var outs []ExtractionOutcome
		for i := range exts {
			one, err := s.RecordExtractions(ctx, exts[i:i+1], 10)
			if err != nil {
				t.Fatal(err)
			}
			outs = append(outs, one...)
		}
		return outs
	}
	shown := func(set string, outs []ExtractionOutcome) []string {
		var out []string
		for i, o := range outs {
			line := fmt.Sprintf("%s gone %v applied %v:", batch[i].doc, o.Gone, o.Applied)
			for _, c := range o.Candidates {
				line += fmt.Sprintf(" %s(%d)", c.ID[len(set):], c.Shared)
			}
			out = append(out, line)
		}
		for _, id := range []string{"第一稿", "第二稿", "报告", "纪要", "空白", "总结", "通知"} {
			d, err := s.Document(ctx, set+id)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, id+" "+string(d.Status))
		}
		return out
	}
	together := shown("1", record("1", 0, false))
	alone := shown("2", record("2", 1000, true))
	// On PostgreSQL the candidates are read after the call's commit, so
	// there the documents of one call find each other (TestRecordExtractions):
	// only the bands left are compared.
	if s.dialect.serialWriters && fmt.Sprint(together) != fmt.Sprint(alone) {
		t.Errorf("recorded in one call:\n%q\nrecorded one by one:\n%q", together, alone)
	}
	// What each set's bands find afterwards, a hash probed at its band's
	// place in the readings (a hash at another place is another band and
	// finds nothing): the second reading of 第一稿 replaced its first,
	// 已删除 wrote none, and every band of the others was written.
	for _, probe := range []struct {
		place int
		hash  int64
		want  []string
	}{
		{0, 1, []string{"存量"}},
		{1, 10, []string{"第二稿"}},
		{2, 11, nil},
		{0, 20, []string{"第二稿"}},
		{0, 30, []string{"报告"}},
		{1, 31, []string{"报告", "通知"}},
		{0, 40, []string{"第一稿", "纪要"}},
		{2, 42, []string{"第一稿"}},
		{1, 61, []string{"总结"}},
		{2, 71, []string{"通知"}},
	} {
		var found [2][]string
		for k, set := range []string{"1", "2"} {
			bands := make([]int64, probe.place+1)
			for b := range bands {
				bands[b] = -1 // no reading's hash
			}
			bands[probe.place] = int64(1000*k) + probe.hash
			cands, err := s.NearDuplicateCandidates(ctx, "探针", "探针-sha", bands, nil, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cands {
				found[k] = append(found[k], c.ID[len(set):])
			}
		}
		if fmt.Sprint(found[0]) != fmt.Sprint(probe.want) || fmt.Sprint(found[1]) != fmt.Sprint(probe.want) {
			t.Errorf("hash %d of band %d finds %v after one call, %v one by one, want %v",
				probe.hash, bandSchemeBase+probe.place, found[0], found[1], probe.want)
		}
	}
	if s.dialect.serialWriters {
		if got := fmt.Sprint(together); got != fmt.Sprint([]string{
			"第一稿 gone false applied false: 存量(1)",
			"第二稿 gone false applied false: 第一稿(1)",
			"报告 gone false applied true:",
			"已删除 gone true applied false:",
			"第一稿 gone false applied true:",
			"纪要 gone false applied false: 第一稿(1)",
			"空白 gone false applied true:",
			"总结 gone false applied true:",
			"通知 gone false applied false: 报告(1)",
			"第一稿 extracted", "第二稿 stored", "报告 extracted", "纪要 stored", "空白 extracted", "总结 extracted", "通知 stored",
		}) {
			t.Errorf("outcomes:\n%q", together)
		}
	}
}

// TestBatchBandsInFewStatements: the bands of 64 documents that share
// none are written in four statements (256 bands each), where one a
// document wrote them before, and which of them share a band with another
// document is read in one statement for the run, where each one's
// candidates were read by a query of its own (issue 15): recording them
// takes 4 + 1 statements more than recording 64 documents without bands.
// Three of them sharing a band with a document recorded before add the
// candidates' queries of those three alone, which find it.
func TestBatchBandsInFewStatements(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	// Band b of the i-th document of a group: a group shares no band with another.
	band := func(group, i, b int) int64 { return int64(group)<<40 + int64(1000*i+b) }
	cost := func(prefix string, group int, sharing ...int) int64 {
		t.Helper()
		var exts []Extraction
		for i := range 64 {
			id := fmt.Sprintf("%s%02d", prefix, i)
			if err := s.CreateDocument(ctx, newDoc(id, id+"-sha"), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
			e := Extraction{ID: id, SHA256: id + "-sha", Alone: StatusChange{ID: id, Status: StatusExtracted, Pages: 1}}
			if group > 0 {
				for b := range 16 {
					e.Bands = append(e.Bands, band(group, i, b))
				}
			}
			if slices.Contains(sharing, i) {
				e.Bands[5] = band(1, i, 5) // the band of 有<i>, recorded before
			}
			exts = append(exts, e)
		}
		before := s.Statements()
		outs, err := s.RecordExtractions(ctx, exts, 10)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range outs {
			if want := fmt.Sprintf("有%02d", i); slices.Contains(sharing, i) {
				if o.Applied || len(o.Candidates) != 1 || o.Candidates[0].ID != want {
					t.Errorf("%s: %+v, want %s its one candidate", exts[i].ID, o, want)
				}
			} else if !o.Applied {
				t.Fatalf("%s not applied: %+v", exts[i].ID, o)
			}
		}
		return s.Statements() - before
	}
	without, with := cost("无", 0), cost("有", 1)
	if with-without != 4+1 {
		t.Errorf("64 documents' bands took %d statements more than none (%d against %d), want 4 inserts and 1 look-up",
			with-without, with, without)
	}
	// The three are not applied; the others' moves are one UPDATE for
	// the batch all the same (setStatuses), as they are without bands.
	if shared := cost("文本", 2, 7, 30, 63); shared-without != 4+1+3 {
		t.Errorf("64 documents, 3 sharing a band, took %d statements more than none, want 4 inserts, 1 look-up and 3 candidates' queries",
			shared-without)
	}
}
