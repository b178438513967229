package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// titleFirstCorpus has, for each query word, a policy whose title holds
// the word and whose long body speaks of its matter in other words, a short spreadsheet ledger
// that names it in cell after cell, a report that names it in its body
// only, and photo records whose titles hold the word over a body without
// it: so many titles hold the word that, weighed by rarity alone, a
// title match counts for less than a body match.
func titleFirstCorpus() []Document {
	long := strings.Repeat("为贯彻落实国家关于构建服务全民的教育体系的要求，推动各类学习成果的认证、积累和转换，结合本市实际，提出如下意见。", 30)
	docs := []Document{
		{ID: "bank-policy", Title: "《关于推进学分银行建设的实施意见》", DocType: "policy",
			Pages: []string{long + "建立学分认定和转换制度。"}},
		{ID: "community-policy", Title: "关于加快发展社区教育的意见", DocType: "policy",
			Pages: []string{long + "各街道应办好居民学校。"}},
		{ID: "lifelong-policy", Title: "终身学习体系建设实施方案", DocType: "policy",
			Pages: []string{long + "营造人人学习、处处学习的氛围。"}},
	}
	var rows []string
	for i := 1; i <= 8; i++ {
		rows = append(rows, fmt.Sprintf("%d\t学分银行\t社区教育\t终身学习\t%d", i, i*12))
	}
	docs = append(docs,
		Document{ID: "ledger", Title: "2023年工作台账", DocType: "other", Pages: []string{strings.Join(rows, "\n")}},
		Document{ID: "report", Title: "年度工作总结", DocType: "work_summary",
			Pages: []string{"本年度推进学分银行建设，开展社区教育活动，倡导终身学习。"}})
	for i := range photos {
		for _, w := range []string{"学分银行", "社区教育", "终身学习"} {
			docs = append(docs, Document{ID: fmt.Sprintf("photo-%s-%d", w, i), Title: fmt.Sprintf("%s活动照片%d", w, i),
				DocType: "other", Pages: []string{"图片"}})
		}
	}
	for i := range 40 {
		docs = append(docs, Document{ID: fmt.Sprintf("other-%d", i), Title: fmt.Sprintf("会议纪要%d", i),
			Pages: []string{"会议研究了老年大学扩容和图书馆开放时间。"}})
	}
	return docs
}

const photos = 60

func TestTitleMatchRanksAboveBodyMatches(t *testing.T) {
	idx := newIndexOf(t, titleFirstCorpus())
	tests := []struct {
		query, policy string
	}{
		{"学分银行", "bank-policy"},
		{"社区教育", "community-policy"},
		{"终身学习", "lifelong-policy"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.query), Size: 100, TitleFirst: true})
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			rank := map[string]int{}
			for i, h := range res.Hits {
				rank[h.ID] = i
			}
			for _, id := range []string{tt.policy, "ledger", "report"} {
				if _, ok := rank[id]; !ok {
					t.Fatalf("%s not found; hits %v", id, ids(res))
				}
			}
			if rank[tt.policy] > rank["ledger"] || rank[tt.policy] > rank["report"] {
				t.Errorf("%s ranks %d, below the body-only ledger (%d) and report (%d)",
					tt.policy, rank[tt.policy], rank["ledger"], rank["report"])
			}
			// Every document whose title holds the word comes before every
			// one that only mentions it in its body.
			lastTitle, firstBody := -1, -1
			for i, h := range res.Hits {
				if h.ID == tt.policy || strings.HasPrefix(h.ID, "photo-"+tt.query+"-") {
					lastTitle = i
				} else if firstBody < 0 {
					firstBody = i
				}
			}
			if firstBody < lastTitle {
				t.Errorf("%s, whose title holds %s, ranks %d, below %s (%d), which only mentions it",
					res.Hits[lastTitle].ID, tt.query, lastTitle, res.Hits[firstBody].ID, firstBody)
			}
			if res.Total != 1+photos+2 {
				t.Errorf("%d hits, want the policy, %d photos, the ledger and the report", res.Total, photos)
			}
		})
	}
}

// TestTitleFirstForEveryKindOfWord: a phrase of several words, a
// substring that is no word and a count rank the document whose title
// holds them above a short ledger that repeats them in its cells.
func TestTitleFirstForEveryKindOfWord(t *testing.T) {
	for _, tt := range []struct{ query, title string }{
		{"推进学分银行建设", "关于推进学分银行建设的实施意见"},
		{"银行建", "关于推进学分银行建设的实施意见"},
		{"12000人", "关于全年培训12000人的情况报告"},
		{"12000", "关于全年培训12000人的情况报告"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			var rows []string
			for i := range 8 {
				rows = append(rows, fmt.Sprintf("%d\t%s\t%d", i+1, tt.query, i*7))
			}
			docs := []Document{
				{ID: "titled", Title: tt.title, Pages: []string{"扫描件"}},
				{ID: "ledger", Title: "工作台账", Pages: []string{strings.Join(rows, "\n")}},
			}
			for i := range 40 {
				docs = append(docs, Document{ID: fmt.Sprintf("photo-%d", i), Title: fmt.Sprintf("%s照片%d", tt.query, i), Pages: []string{"图片"}})
			}
			idx := newIndexOf(t, docs)
			res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.query), Size: 100, TitleFirst: true})
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			if len(res.Hits) != len(docs) {
				t.Fatalf("%d hits, want all %d: %v", len(res.Hits), len(docs), ids(res))
			}
			if last := res.Hits[len(res.Hits)-1].ID; last != "ledger" {
				t.Errorf("last hit %s, want the ledger, the one document whose title does not hold %s", last, tt.query)
			}
		})
	}
}

// TestTitleFirstIsAskedFor: a search that does not ask for title matches
// first keeps Bleve's score, by which the ledger naming 学分银行 in cell
// after cell ranks above the policy named after it (a claim's candidates
// weigh passages by their text).
func TestTitleFirstIsAskedFor(t *testing.T) {
	idx := newIndexOf(t, titleFirstCorpus())
	res, err := idx.Search(context.Background(), Query{Clauses: terms("学分银行"), Size: 100})
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	rank := map[string]int{}
	for i, h := range res.Hits {
		rank[h.ID] = i
		if h.Score >= titleTier {
			t.Errorf("%s scores %g, with the title tier", h.ID, h.Score)
		}
	}
	if rank["ledger"] > rank["bank-policy"] {
		t.Errorf("ledger ranks %d, below the policy (%d): want Bleve's order", rank["ledger"], rank["bank-policy"])
	}
}

// orCorpus: one policy whose title holds one of many words, a ledger
// whose text holds all of them in cell after cell, photo records named
// after each word, and a report with two of them in its text, one in its
// title.
func orCorpus(words []string) []Document {
	var rows []string
	for i := range 6 {
		rows = append(rows, fmt.Sprintf("%d\t%s", i+1, strings.Join(words, "\t")))
	}
	docs := []Document{
		{ID: "policy", Title: "关于推进" + words[0] + "的实施意见", Pages: []string{"扫描件"}},
		{ID: "ledger", Title: "工作台账", Pages: []string{strings.Join(rows, "\n")}},
		{ID: "both", Title: words[1] + "工作方案", Pages: []string{"今年推进" + words[2] + "。"}},
		{ID: "report", Title: "年度工作总结", Pages: []string{"今年推进" + words[1] + "和" + words[2] + "。"}},
	}
	for i, w := range words {
		for j := range 3 {
			docs = append(docs, Document{ID: fmt.Sprintf("photo-%d-%d", i, j), Title: fmt.Sprintf("%s照片%d", w, j), Pages: []string{"图片"}})
		}
	}
	for i := range 20 {
		docs = append(docs, Document{ID: fmt.Sprintf("other-%d", i), Title: fmt.Sprintf("会议纪要%d", i), Pages: []string{"会议研究了图书馆开放时间。"}})
	}
	return docs
}

var orWords = []string{"学分银行", "社区教育", "终身学习", "老年大学", "社区学校", "学习型城市", "家长学校", "职业培训",
	"读书活动", "学习成果", "网络学习", "学习小组", "游学基地", "市民课堂", "技能培训", "学习护照",
	"居民学校", "农民培训", "非遗传承", "志愿服务", "图书漂流", "周末课堂", "乡村学校", "红色课堂",
	"科普讲座", "健康讲座", "银龄课堂", "职工书屋", "学习地图", "学习积分"}

// TestTitleFirstInAnOrOfManyWords: the tier is added once to a clause,
// not divided by the number of its words, so a document whose title holds
// one of thirty words ranks above a ledger whose text holds all thirty.
func TestTitleFirstInAnOrOfManyWords(t *testing.T) {
	idx := newIndexOf(t, orCorpus(orWords))
	var any []Term
	for _, w := range orWords {
		any = append(any, Term{Text: w})
	}
	res, err := idx.Search(context.Background(), Query{Clauses: []Clause{{Any: any}}, Size: 200, TitleFirst: true})
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	last := res.Hits[len(res.Hits)-1].ID
	if last != "ledger" && last != "report" {
		t.Errorf("last hit %s, want one whose title holds none of the words", last)
	}
	for i, h := range res.Hits {
		if h.ID == "ledger" && i < len(res.Hits)-2 {
			t.Errorf("ledger ranks %d of %d, above %s, whose title holds a word", i, len(res.Hits), res.Hits[i+1].ID)
		}
		// The whole tier, not a thirtieth of it: no longer text can
		// outweigh it.
		if h.ID != "ledger" && h.ID != "report" && h.Score < titleTier {
			t.Errorf("%s, whose title holds a word, scores %g, below the tier %g", h.ID, h.Score, titleTier)
		}
	}
}

// TestTitleFirstInAnAndOfWords: each clause whose word the title holds
// adds a tier: a title holding both words first, then one holding one of
// them (its text the other), then the texts holding both.
func TestTitleFirstInAnAndOfWords(t *testing.T) {
	docs := append(orCorpus(orWords),
		Document{ID: "titled-both", Title: "社区教育与终身学习工作方案", Pages: []string{"扫描件"}})
	idx := newIndexOf(t, docs)
	res, err := idx.Search(context.Background(), Query{Clauses: terms("社区教育", "终身学习"), Size: 100, TitleFirst: true})
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	got := idsInOrder(res)
	if len(got) != 4 || got[0] != "titled-both" || got[1] != "both" {
		t.Errorf("hits %v, want titled-both, both, then the ledger and the report", got)
	}
}

// TestTitleFirstWithExcludeAndPages: a word to exclude still drops the
// documents whose title or text holds it, and pages of hits follow the
// order of the whole list.
func TestTitleFirstWithExcludeAndPages(t *testing.T) {
	idx := newIndexOf(t, orCorpus(orWords))
	ctx := context.Background()
	q := Query{Clauses: terms("社区教育"), Size: 100, TitleFirst: true}
	all, err := idx.Search(ctx, q)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	whole := idsInOrder(all)
	if len(whole) != 6 || whole[len(whole)-1] != "ledger" && whole[len(whole)-1] != "report" {
		t.Fatalf("hits %v, want the titled ones, then the ledger and the report", whole)
	}
	var paged []string
	for q.From, q.Size = 0, 4; q.From < len(whole); q.From += q.Size {
		res, err := idx.Search(ctx, q)
		if err != nil {
			t.Fatalf("page from %d: %v", q.From, err)
		}
		paged = append(paged, idsInOrder(res)...)
	}
	if !slices.Equal(paged, whole) {
		t.Errorf("pages of 4 give %v, want %v", paged, whole)
	}
	q.From, q.Size = 0, 100
	q.Exclude = []Term{{Text: "工作方案"}, {Text: "学分银行"}}
	res, err := idx.Search(ctx, q)
	if err != nil {
		t.Fatalf("search with words excluded: %v", err)
	}
	got := idsInOrder(res)
	for _, id := range got {
		if id == "both" || id == "ledger" {
			t.Errorf("%s kept, though its title or text holds a word excluded; hits %v", id, got)
		}
	}
	if len(got) != 4 || got[len(got)-1] != "report" {
		t.Errorf("hits %v, want the 3 photos of 社区教育, then the report", got)
	}
}

func idsInOrder(res *Result) []string {
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}
