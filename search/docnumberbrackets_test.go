package search

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSearchFindsADocNumberInEveryBracket: a 文号 written in any of the
// brackets the 文号 reader takes — 〔〕, 【】, ［］, ﹝﹞, 〖〗, （）, [ ] —
// is found by the whole 文号 in any of them and by the 文号 typed from
// after its opening bracket, with the text's space or without, in quotes
// or not; none finds the 文号 of another year. The small ﹝﹞ were not
// folded as the others were (index format 22): 2018〕12号 missed
// 杭教发﹝2018﹞12号, which 2018〕 12号 found only by its two words.
func TestSearchFindsADocNumberInEveryBracket(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := map[string]string{
		"B1": "根据杭教发〔2018〕12号文件精神,开展社区教育示范街道评选。",
		"B2": "根据杭教发【2018】12号文件精神,推进学分银行建设。",
		"B3": "根据杭教发［2018］12号文件精神,部署全年工作。",
		"B4": "根据杭教发﹝2018﹞12号文件精神,制定本方案。",
		"B5": "根据杭教发〖2018〗12号文件精神,统计口径不变。",
		"B6": "根据杭教发（2018）12号文件精神,开展评估。",
		"B7": "根据杭教发 [2018] 12号文件精神,开展督查。",
		"B8": "根据杭教发﹝2019﹞12号文件精神,另行部署。",
	}
	storeTexts(t, cat, idx, docs, "工作通知", catalog.DocPolicy)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	all := []string{"B1", "B2", "B3", "B4", "B5", "B6", "B7"}
	for _, q := range []string{"杭教发〔2018〕12号", "杭教发﹝2018﹞12号", "杭教发[2018]12号", "（2018）12号", "2018〕12号", "2018）12号",
		"2018） 12号", `"2018） 12号"`, `"2018﹞ 12号"`, "2018] 12号"} {
		res, err := svc.Search(ctx, Request{Query: q, User: admin})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, all) {
			t.Errorf("search %q: got %v, want %v", q, got, all)
		}
	}
}
