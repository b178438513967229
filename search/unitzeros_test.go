package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// unitZerosCorpus holds numbers written with trailing zeros before their
// unit beside the numbers that hold them as digits or extend them.
var unitZerosCorpus = map[string]string{
	"rate":      "全市市民学习满意度达96.50%，较上年提高。",
	"rate196":   "家庭教育指导覆盖196.50%的目标任务已超额。",
	"rate9651":  "老年教育参与率为96.51%，稳步提升。",
	"learners":  "全年参与学习市民12.30万人，同比增长。",
	"learners1": "全年参与学习市民112.30万人，同比增长。",
	"fund":      "累计投入经费3.50亿元，带动社会资金。",
	"fundwan":   "社区教育经费投入12.30万亿元的说法有误。",
	"october":   "实施时间为2024.10月起，分三个阶段推进。",
	"clause":    "依据办法第3.10条规定执行。",
	"integer":   "全市社区学校覆盖率达96.00%，全面达标。",
	"score":     "终身学习综合评分为92.50，较上年提高。",
	"rise":      "满意度由96.50%提高到98.20%，稳步提升。",
	"list":      "两项指标分别为1.00%、2.00%。",
	"growth":    "参与学习市民12.30万人，2019年13.00万人。",
	"score1":    "终身学习综合评分为92.50,000分的说法有误。",
}

// TestANumberTypedWithItsUnitFindsItsTrailingZeros: the value typed with
// its unit finds the text that writes trailing zeros between them, and
// only the texts of that value (96.5% is not 196.50% nor 96.51%, 12.3万
// not 112.30万 nor 12.30万亿, 2024.1月 not October, 3.1条 not clause
// 3.10); each hit marks the number whole with its unit.
func TestANumberTypedWithItsUnitFindsItsTrailingZeros(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	storeTexts(t, cat, idx, unitZerosCorpus, "材料", catalog.DocWorkSummary)
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, c := range []struct {
		q    string
		want []string
		mark string
	}{
		{"96.5%", []string{"rate", "rise"}, "96.50%"},
		{"达96.5%，较", []string{"rate"}, "达96.50%，较"},
		{"96%", []string{"integer"}, "96.00%"},
		{"12.3万", []string{"growth", "learners"}, "12.30万"},
		{"12.3万人", []string{"growth", "learners"}, "12.30万人"},
		{"3.5亿元", []string{"fund"}, "3.50亿元"},
		{"92.5，较上年", []string{"score"}, "92.50，较上年"},
		{"96.5%提高到98.2%", []string{"rise"}, "96.50%提高到98.20%"},
		{"1%、2%", []string{"list"}, "1.00%、2.00%"},
		{"12.3万人，2019年13万人", []string{"growth"}, "12.30万人，2019年13.00万人"},
		{"评分为92.5，", []string{"score"}, "评分为92.50"},
		{"6.5%", nil, ""},
		{"5%", nil, ""},
		{"2024.1月", nil, ""},
		{"3.1条", nil, ""},
	} {
		res, err := svc.Search(ctx, Request{Query: c.q, User: admin, Size: 20})
		if err != nil {
			t.Fatalf("search %q: %v", c.q, err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
			if c.mark != "" && !slices.ContainsFunc(h.Fragments, func(f Fragment) bool { return strings.Contains(f.HTML, "<mark>"+c.mark+"</mark>") }) {
				t.Errorf("search %q: %s marks not %q whole: %+v", c.q, h.ID, c.mark, h.Fragments)
			}
		}
		slices.Sort(ids)
		if !slices.Equal(ids, c.want) {
			t.Errorf("search %q found %v, want %v", c.q, ids, c.want)
		}
	}
}
