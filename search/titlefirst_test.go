package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// titleFirstStores holds 30 photo records whose titles hold the common
// words of a claim (学习型城市, 建设, 活动), a policy and 30 photo
// records named after 学分银行 (so many that a title match of it is
// common, weighed by rarity alone), and a ledger whose text holds every word and every number of
// the claim, under a title that holds none of them.
func titleFirstStores(t *testing.T) *Service {
	t.Helper()
	ctx := context.Background()
	cat, idx := openStores(t)
	type doc struct{ id, title, text string }
	docs := []doc{
		{"ledger", "年度工作台账", "全市学习型城市建设活动覆盖全部社区学校，全年培训居民12000人次。\n" +
			strings.Repeat("学分银行\t存入\t转换\n", 8)},
		{"policy", "关于推进学分银行建设的实施意见", "为推动各类学习成果的认证、积累和转换，提出如下意见。"},
	}
	for i := range 30 {
		docs = append(docs, doc{fmt.Sprintf("photo%02d", i), fmt.Sprintf("学习型城市建设活动照片%d", i), "图片"})
		docs = append(docs, doc{fmt.Sprintf("bank%02d", i), fmt.Sprintf("学分银行宣传照片%d", i), "图片"})
	}
	for i, d := range docs {
		c := &catalog.Document{ID: d.id, SHA256: fmt.Sprintf("%064x", i+1), Size: 10, MIME: "text/plain", Format: "txt",
			Filename: d.id + ".txt", Title: d.title, DocType: catalog.DocOther, City: "330100",
			Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, c, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: d.id, Title: d.title, Pages: []string{d.text},
			City: "330100", DocType: string(catalog.DocOther)}}); err != nil {
			t.Fatal(err)
		}
	}
	return NewService(idx, cat)
}

// TestClaimCandidatesKeepBleveScore: the passage holding every word and
// number of a claim is proposed first, however many titles hold one of
// its common words; ranking title matches first, meant for the search
// page, would fill the pool of 20 with photo records and drop it.
func TestClaimCandidatesKeepBleveScore(t *testing.T) {
	svc := titleFirstStores(t)
	claim := &catalog.Claim{ID: "c1", City: "330100", Statement: "全市学习型城市建设活动覆盖全部社区学校，全年培训居民12000人次"}
	cands, err := svc.ClaimCandidates(context.Background(), claim, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) == 0 || cands[0].DocumentID != "ledger" || !cands[0].AllNumbers {
		var got []string
		for _, c := range cands {
			got = append(got, c.DocumentID)
		}
		t.Fatalf("candidates %v, want the ledger's passage with 12000 first", got)
	}
}

// TestSearchAndExportRankTitleFirst: the search page's (and the API's)
// hits and an export's rows put the document named after a word before
// one that only mentions it in its text.
func TestSearchAndExportRankTitleFirst(t *testing.T) {
	svc := titleFirstStores(t)
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	res, err := svc.Search(ctx, Request{Query: "学分银行", Size: 50, User: admin})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	if len(got) != 32 || got[len(got)-1] != "ledger" {
		t.Errorf("search hits %v, want the ledger last, after the 31 documents named after 学分银行", got)
	}
	rows, _, _, err := svc.exportRows(ctx, Request{Query: "学分银行", User: admin}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || !strings.Contains(fmt.Sprint(rows[len(rows)-1]), "年度工作台账") {
		t.Errorf("export rows %v, want the ledger's last", rows)
	}
}
