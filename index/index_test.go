package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// corpus is a small set of documents built around the segmentation traps
// that a bigram or a plain exact-mode index gets wrong.
var corpus = []Document{
	{ID: "bridge", Title: "城市交通简报", City: "320100", DocType: "press_report", Year: 2017,
		Pages: []string{"南京市长江大桥是城市交通的重要通道。"}},
	{ID: "mayor", Title: "市长调研社区教育", City: "430100", DocType: "press_report", Year: 2018,
		Pages: []string{"市长来到社区学校调研老年教育工作。"}},
	{ID: "bank", Title: "关于建立学分银行的实施意见", City: "330100", DocType: "policy", Year: 2016,
		Indicators: []string{"2.3.1"},
		Pages:      []string{"杭政办〔2016〕12号", "各区县人民政府:为推进学习型城市建设,现就建立学分银行提出如下意见。", "学习成果认证与学分转换由市学分银行管理中心负责。"}},
	{ID: "changsha", Title: "长沙市社区教育工作总结", City: "430100", DocType: "work_summary", Year: 2017,
		Pages: []string{"长沙市建成市—区(县)—街道(乡镇)—社区(村)四级网络体系,2017年全年共举办342场大讲堂。"}},
	{ID: "monk", Title: "寺庙见闻", City: "510100", DocType: "other", Year: 2018,
		Pages: []string{"社区工作者和尚未报名的市民一起参加学习,球拍卖完了。"}},
}

func newTestIndex(t *testing.T) *Bleve {
	t.Helper()
	return newIndexOf(t, corpus)
}

// newIndexOf is a memory index holding docs, closed when the test ends.
func newIndexOf(t *testing.T, docs []Document) *Bleve {
	t.Helper()
	idx, err := OpenMem()
	if err != nil {
		t.Fatalf("open memory index: %v", err)
	}
	t.Cleanup(func() { idx.Close() })
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatalf("index documents: %v", err)
	}
	return idx
}

func ids(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}

func terms(words ...string) []Clause {
	var cs []Clause
	for _, w := range words {
		cs = append(cs, Clause{Any: []Term{{Text: w}}})
	}
	return cs
}

func TestSearchChineseWords(t *testing.T) {
	idx := newTestIndex(t)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"sub-word of a longer word", Query{Clauses: terms("长沙")}, []string{"changsha"}},
		{"domain word as one word", Query{Clauses: terms("学分银行")}, []string{"bank"}},
		{"trap 市长 is not in 南京市长江大桥", Query{Clauses: terms("市长")}, []string{"mayor"}},
		{"trap 和尚 is not in 和尚未", Query{Clauses: terms("和尚")}, nil},
		{"trap 拍卖 is not in 球拍卖完了", Query{Clauses: terms("拍卖")}, nil},
		{"phrase across sub-words", Query{Clauses: terms("四级网络")}, []string{"changsha"}},
		{"numbers", Query{Clauses: terms("342场")}, []string{"changsha"}},
		{"AND of two terms", Query{Clauses: terms("社区", "老年教育")}, []string{"mayor"}},
		{"AND with no common doc", Query{Clauses: terms("学分银行", "长沙")}, nil},
		{"OR within a clause", Query{Clauses: []Clause{{Any: []Term{{Text: "学分银行"}, {Text: "大讲堂"}}}}}, []string{"bank", "changsha"}},
		{"exclusion", Query{Clauses: terms("社区"), Exclude: []Term{{Text: "老年教育"}}}, []string{"changsha", "monk"}},
		{"filter by city", Query{Clauses: terms("社区"), Filter: Filter{Cities: []string{"430100"}}}, []string{"changsha", "mayor"}},
		{"filter by indicator", Query{Filter: Filter{Indicators: []string{"2.3.1"}}}, []string{"bank"}},
		{"filter by indicator, cited documents too", Query{Filter: Filter{Indicators: []string{"2.3.1"}, IndicatorIDs: []string{"changsha"}}},
			[]string{"bank", "changsha"}},
		{"cited documents only with an indicator", Query{Clauses: terms("社区"), Filter: Filter{IndicatorIDs: []string{"changsha"}}},
			[]string{"changsha", "mayor", "monk"}},
		{"cited documents within the other filters", Query{Filter: Filter{Cities: []string{"330100"}, Indicators: []string{"2.3.1"},
			IndicatorIDs: []string{"changsha"}}}, []string{"bank"}},
		{"filter by year and type", Query{Filter: Filter{Years: []int{2017}, DocTypes: []string{"work_summary"}}}, []string{"changsha"}},
		{"document number", Query{Clauses: terms("杭政办〔2016〕12号")}, []string{"bank"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Size = 10
			res, err := idx.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			if got := ids(res); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSearchSpansMapToPages(t *testing.T) {
	idx := newTestIndex(t)
	res, err := idx.Search(context.Background(), Query{Clauses: terms("学分银行"), Size: 10, WithText: true})
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	h := res.Hits[0]
	if len(h.Pages) != 3 {
		t.Fatalf("got %d pages, want 3", len(h.Pages))
	}
	var pages []int
	for _, s := range h.Spans {
		if got := h.Pages[s.Page-1][s.Start:s.End]; got != "学分银行" {
			t.Errorf("span %+v covers %q, want 学分银行", s, got)
		}
		pages = append(pages, s.Page)
	}
	if !slices.Equal(pages, []int{2, 3}) {
		t.Errorf("spans on pages %v, want [2 3]", pages)
	}
}

func TestTitleRanksAboveBody(t *testing.T) {
	idx := newTestIndex(t)
	res, err := idx.Search(context.Background(), Query{Clauses: terms("社区教育"), Size: 10})
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if len(res.Hits) < 2 {
		t.Fatalf("got %d hits, want at least 2", len(res.Hits))
	}
	if res.Hits[0].ID != "mayor" && res.Hits[0].ID != "changsha" {
		t.Errorf("first hit %s, want a document with 社区教育 in its title", res.Hits[0].ID)
	}
}

func TestFacetsCountValues(t *testing.T) {
	idx := newTestIndex(t)
	res, err := idx.Search(context.Background(), Query{Size: 0, FacetSize: 10})
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	counts := map[string]int{}
	for _, v := range res.Facets["city"] {
		counts[v.Value] = v.Count
	}
	if counts["430100"] != 2 || counts["330100"] != 1 || len(counts) != 4 {
		t.Errorf("city facet %v, want 430100:2 330100:1 and 4 cities", counts)
	}
	years := map[string]int{}
	for _, v := range res.Facets["year"] {
		years[v.Value] = v.Count
	}
	if years["2017"] != 2 || years["2018"] != 2 || years["2016"] != 1 {
		t.Errorf("year facet %v", years)
	}
}

func TestDeleteAndIDs(t *testing.T) {
	idx := newTestIndex(t)
	ctx := context.Background()
	if err := idx.Delete(ctx, "monk", "no-such-id"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	got, err := idx.IDs(ctx)
	if err != nil {
		t.Fatalf("ids: %v", err)
	}
	want := []string{"bank", "bridge", "changsha", "mayor"}
	if !slices.Equal(got, want) {
		t.Errorf("ids %v, want %v", got, want)
	}
}

func TestOpenOnDiskReopens(t *testing.T) {
	dir := t.TempDir() + "/idx"
	idx, err := Open(dir)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if err := idx.Index(context.Background(), corpus[:2]); err != nil {
		t.Fatalf("index: %v", err)
	}
	if err := idx.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	idx, err = Open(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer idx.Close()
	if n, _ := idx.Count(); n != 2 {
		t.Errorf("count after reopen %d, want 2", n)
	}
}

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"学分银行", []string{"学分银行"}},
		{"市长", []string{"市长"}},
		{"，。!", nil},
		{"OFD 格式", []string{"ofd", "格式"}},
	}
	for _, tt := range tests {
		got, err := QueryTerms(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("QueryTerms(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// All facets are counted in one field (fieldFacets); each facet still
// gives at most FacetSize values of its own, by count and then by value,
// whatever the other facets hold.
func TestFacetsAreCutPerField(t *testing.T) {
	ctx := context.Background()
	var docs []Document
	for i, city := range []string{"330100", "330100", "330100", "430100", "430100", "320100", "310000"} {
		docs = append(docs, Document{ID: fmt.Sprintf("d%d", i), Title: "学分银行", Pages: []string{"学分银行"}, City: city,
			DocType: "policy", Year: 2015 + i%2, Indicators: []string{"2.1.3", fmt.Sprintf("3.%d", i%3)}})
	}
	res, err := newIndexOf(t, docs).Search(ctx, Query{Clauses: terms("学分银行"), FacetSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range FacetFields {
		var vals []string
		for _, v := range res.Facets[f] {
			vals = append(vals, fmt.Sprintf("%s=%d", v.Value, v.Count))
		}
		got[f] = strings.Join(vals, " ")
	}
	want := map[string]string{
		"city":       "330100=3 430100=2",
		"doc_type":   "policy=7",
		"indicators": "2.1.3=7 3.0=3",
		"year":       "2015=4 2016=3",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facets of size 2:\n got %v\nwant %v", got, want)
	}
}

func TestEmptyFieldsAreNotFacetValues(t *testing.T) {
	idx, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	if err := idx.Index(ctx, []Document{{ID: "x", Title: "无年份", Pages: []string{"文字"}, City: "330100"}}); err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(ctx, Query{FacetSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range FacetFields {
		for _, v := range res.Facets[f] {
			if v.Value == "" {
				t.Errorf("facet %s has an empty value", f)
			}
		}
	}
}

func TestFilterByDocumentIDs(t *testing.T) {
	idx := newTestIndex(t)
	ctx := context.Background()
	res, err := idx.Search(ctx, Query{Filter: Filter{IDs: []string{"bank", "mayor"}}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !slices.Equal(got, []string{"bank", "mayor"}) {
		t.Errorf("IDs filter: %v", got)
	}
	res, err = idx.Search(ctx, Query{Clauses: terms("社区"), Filter: Filter{ExcludeIDs: []string{"mayor"}}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !slices.Equal(got, []string{"changsha", "monk"}) {
		t.Errorf("ExcludeIDs filter: %v", got)
	}
}

func TestOpenRefusesAnIndexOfAnotherSchema(t *testing.T) {
	dir := t.TempDir() + "/idx"
	idx, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.idx.SetInternal(schemaKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	idx.Close()
	_, err = Open(dir)
	if !errors.Is(err, ErrSchema) || !strings.Contains(catalog.ErrorMessage(err), "reindex") {
		t.Fatalf("open an index of schema 0: %v", err)
	}
	// It was closed again, so it can be moved aside and rebuilt.
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
}

// TestIssuedRangeAndSort keeps documents by their date of issue (the last
// day whole) and orders hits by date, newest or oldest first with undated
// documents last, or by upload (newest id first).
func TestIssuedRangeAndSort(t *testing.T) {
	idx, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	docs := []Document{
		{ID: "01A", Title: "学分银行实施意见", Pages: []string{"学分银行"}, IssuedOn: day("2016-03-20")},
		{ID: "01B", Title: "学分银行工作总结", Pages: []string{"学分银行"}, IssuedOn: day("2018-12-31")},
		{ID: "01C", Title: "学分银行新闻报道", Pages: []string{"学分银行"}},
		{ID: "01D", Title: "学分银行典型案例", Pages: []string{"学分银行"}, IssuedOn: day("2017-06-01")},
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	order := func(res *Result) []string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"from a day, newest first", Query{Filter: Filter{IssuedFrom: day("2017-01-01")}, Sort: SortIssued}, []string{"01B", "01D"}},
		{"the last day is kept whole", Query{Filter: Filter{IssuedTo: day("2018-12-31")}, Sort: SortIssuedAsc}, []string{"01A", "01D", "01B"}},
		{"a closed range", Query{Filter: Filter{IssuedFrom: day("2016-03-21"), IssuedTo: day("2018-12-30")}}, []string{"01D"}},
		{"by date, undated last", Query{Sort: SortIssued}, []string{"01B", "01D", "01A", "01C"}},
		{"oldest first, undated last", Query{Sort: SortIssuedAsc}, []string{"01A", "01D", "01B", "01C"}},
		{"by upload, newest first", Query{Sort: SortUploaded}, []string{"01D", "01C", "01B", "01A"}},
	}
	for _, tt := range tests {
		tt.q.Clauses, tt.q.Size = terms("学分银行"), 10
		res, err := idx.Search(context.Background(), tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := order(res); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLongTextIsIndexedInSeveralBatches: Bleve holds a whole batch's
// analysis in memory, so Index cuts what it is given by MaxBatchText; every
// document is searchable afterwards all the same.
func TestLongTextIsIndexedInSeveralBatches(t *testing.T) {
	page := strings.Repeat("学分银行建设稳步推进，市民终身学习账户持续增加。", MaxBatchText*6/10/72) // 0.6 of MaxBatchText
	docs := []Document{
		{ID: "a", Title: "甲", Pages: []string{page}},
		{ID: "b", Title: "乙", Pages: []string{page, "乙文独有的核查记录"}},
		{ID: "c", Title: "丙", Pages: []string{page}},
		{ID: "d", Title: "丁", Pages: []string{"短文：丁文独有的核查记录"}},
	}
	idx, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	before := indexBatches(t, idx)
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	// Any two pages make more than MaxBatchText; c and d fit in one.
	if got := indexBatches(t, idx) - before; got != 3 {
		t.Errorf("%d batches for three pages of %d KB and a short one, want 3 (a; b; c and d)", got, len(page)>>10)
	}
	res, err := idx.Search(context.Background(), Query{Clauses: []Clause{{Any: []Term{{Text: "核查记录"}}}}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !reflect.DeepEqual(got, []string{"b", "d"}) {
		t.Errorf("核查记录 found %v, want [b d]", got)
	}
}

func TestBatchOf(t *testing.T) {
	doc := func(n int) Document { return Document{Pages: []string{strings.Repeat("x", n)}} }
	titled := func(n int) Document { d := doc(n); d.Title = "市学习型城市建设工作总结"; return d }
	tests := []struct {
		name string
		docs []Document
		want int
	}{
		{"all fit", []Document{doc(3), doc(3), doc(4)}, 3},
		{"cut before the one that does not fit", []Document{doc(4), doc(7), doc(1)}, 1},
		{"exactly full", []Document{doc(6), doc(4), doc(1)}, 2},
		{"titles not counted", []Document{titled(6), titled(4), doc(1)}, 2},
		{"a long one alone", []Document{doc(25), doc(1)}, 1},
		{"one", []Document{doc(1)}, 1},
	}
	for _, tt := range tests {
		if got := batchOf(tt.docs, 10); got != tt.want {
			t.Errorf("%s: batchOf = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// indexBatches is how many batches Bleve has written to idx.
func indexBatches(t *testing.T, idx *Bleve) uint64 {
	t.Helper()
	stats, ok := idx.idx.StatsMap()["index"].(map[string]interface{})
	if !ok {
		t.Fatalf("no index stats in %v", idx.idx.StatsMap())
	}
	for _, key := range []string{"TotBatches", "batches"} { // scorch; upsidedown (memory)
		if n, ok := stats[key].(uint64); ok {
			return n
		}
	}
	t.Fatalf("no batch count in the index stats: %v", stats)
	return 0
}
