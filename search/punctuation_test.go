package search

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestSearchPunctuationAnyOrNone: a phrase copied from a 定性描述 or
// another document, whose clause marks differ from the text's (，for 、,
// half width, a comma added or dropped), finds the text, quoted or not,
// and marks the stretch with the document's own mark, as the quote check
// ignores punctuation (user probe). A mark stands for one mark or none
// at its place only: the parts far apart or in the other order are not
// found, nor a number's point or a 文号's brackets left out, nor a short
// phrase typed without a mark where the text parts it with one.
func TestSearchPunctuationAnyOrNone(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := map[string]string{
		"P1":    "（二）完善学分积累、转换与认证制度。2024年,我市持续推进学分银行建设,新增学习成果认证12.5万项。",
		"P2":    "推动学分积累转换与认证制度落地。",
		"FAR":   "学分积累是终身学习的基础,各校应当按照统一标准开展工作;学分的转换与认证制度另行规定。",
		"ORDER": "转换与认证制度,学分积累办法同步修订。",
		"WEN":   "根据杭教发〔2024〕12号文件精神,完善学分银行,建设学习型城市。",
		"NUM":   "新增学习成果认证125万项。",
		// Review s54: a sentence's end is no clause mark, and a mark
		// between numerals is part of the number.
		"SENT":  "今年各区完成社区教育。全覆盖工作由市教育局统筹。",
		"ITEM":  "年内完成第十二项任务的验收。",
		"CROWD": "每期参加人数三四十人。",
	}
	storeTexts(t, cat, idx, docs, "工作总结", catalog.DocWorkSummary)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	tests := []struct {
		q      string
		want   []string
		marked string // in the first fragment of P1, when set
	}{
		{"学分积累，转换与认证制度", []string{"P1", "P2"}, "学分积累、转换与认证制度"},
		{"“学分积累，转换与认证制度”", []string{"P1", "P2"}, "学分积累、转换与认证制度"},
		{"学分积累,转换与认证制度", []string{"P1", "P2"}, "学分积累、转换与认证制度"},
		{"学分积累；转换与认证制度", []string{"P1", "P2"}, "学分积累、转换与认证制度"},
		{"学分积累、转换与认证制度", []string{"P1", "P2"}, "学分积累、转换与认证制度"},
		{"学分积累，转换", []string{"P1", "P2"}, "学分积累、转换"},
		{"学分积累转换与认证制度", []string{"P1", "P2"}, "学分积累、转换与认证制度"},
		{"2024年我市持续推进学分银行建设", []string{"P1"}, "2024年，我市持续推进学分银行建设"},
		{`"2024年我市持续推进学分银行建设"`, []string{"P1"}, "2024年，我市持续推进学分银行建设"},
		{"2024年，我市持续推进学分银行建设", []string{"P1"}, "2024年，我市持续推进学分银行建设"},
		{"学分银行建设，新增学习成果认证", []string{"P1"}, "学分银行建设，新增学习成果认证"},
		// One mark at a place, in the order typed, and one left out in
		// a stretch typed without any.
		{"积累，，转换", nil, ""},
		{"认证制度，学分积累", []string{"ORDER"}, ""},
		{"2024年我市持续推进学分银行建设新增学习成果认证", nil, ""},
		// A short phrase keeps its words together.
		{"完善学分银行建设", nil, ""},
		// A number's point and a 文号's brackets are not clause marks.
		{"认证12.5万项", []string{"P1"}, ""},
		{"认证125万项", []string{"NUM"}, ""},
		{"杭教发2024", []string{"WEN"}, ""},
		{"教发〔2024〕12号", []string{"WEN"}, ""},
		{"教发2024 12号", []string{"WEN"}, ""},
		// A mark left out, or a clause mark typed, is no sentence's end
		// in the text; a sentence's end typed is one.
		{"今年各区完成社区教育全覆盖工作", nil, ""},
		{"完成社区教育，全覆盖工作", nil, ""},
		{"完成社区教育。全覆盖工作", []string{"SENT"}, ""},
		{"完成社区教育!全覆盖工作", []string{"SENT"}, ""},
		// A mark between numerals stays as typed.
		{"完成第十、二项任务", nil, ""},
		{"人数三、四十人", nil, ""},
		{"完成第十二项任务", []string{"ITEM"}, ""},
	}
	for _, tt := range tests {
		res, err := svc.Search(ctx, Request{Query: tt.q, User: admin})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
			continue
		}
		if tt.marked == "" {
			continue
		}
		i := slices.IndexFunc(res.Hits, func(h Hit) bool { return h.ID == "P1" })
		f := res.Hits[i].Fragments
		if len(f) == 0 || markedText(f[0].HTML) != tt.marked {
			t.Errorf("search %q: fragments %+v, want %q marked", tt.q, f, tt.marked)
		}
		html, err := highlightDocumentPage(tt.q, []string{docs["P1"]}, 1, index.NewMatcherFor)
		if err != nil {
			t.Fatal(err)
		}
		if got := markedText(html); got != tt.marked {
			t.Errorf("search %q: the document's page marks %q, want %q", tt.q, got, tt.marked)
		}
	}
}
