package index

import (
	"context"
	"fmt"
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
			res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.query), Size: 100})
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
			res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.query), Size: 100})
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
