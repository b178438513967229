package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSearchFindsADocNumberWrittenWithSpaces: an ordinary search for a
// 文号, in any brackets, finds a document whose text writes it with
// spaces or a line break inside (as extract.Normalize leaves them beside
// ASCII brackets), shows it marked whole in a fragment and on the page,
// and finds no document that holds only another 文号 with the same
// numbers; a 文号 typed from after its opening bracket, spaced as the
// text is (2018） 12号), finds what the 文号 from its bracket finds.
func TestSearchFindsADocNumberWrittenWithSpaces(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := map[string]string{
		"D1": "根据杭教发 [2018] 12号文件精神,开展社区教育示范街道评选。",
		"D2": "转发杭教发(2018)\n12号文件,请遵照执行。",
		"D3": "根据杭政发 (2018) 12号文件精神,部署全年工作。",
		"D4": "根据杭教发 [2012] 18号文件,统计口径不变。",
		"D5": "根据浙政发 [2019] 5号文件精神,制定本方案。",
	}
	storeTexts(t, cat, idx, docs, "工作通知", catalog.DocPolicy)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		q    string
		want []string
		// mark is a hit's 文号 marked as its fragment and its page show
		// it (〔〕 for ASCII brackets beside Chinese; a fragment shows a
		// line break as a space).
		mark map[string][2]string
	}{
		{"杭教发〔2018〕12号", []string{"D1", "D2"}, map[string][2]string{
			"D1": {"<mark>杭教发 〔2018〕 12号</mark>", "<mark>杭教发 〔2018〕 12号</mark>"},
			"D2": {"<mark>杭教发（2018） 12号</mark>", "<mark>杭教发（2018）\n12号</mark>"}}},
		{"杭教发[2018]12号", []string{"D1", "D2"}, nil},
		{"杭教发（2018）12号", []string{"D1", "D2"}, nil},
		{"杭政发〔2018〕12号", []string{"D3"}, map[string][2]string{"D3": {"<mark>杭政发 （2018） 12号</mark>", "<mark>杭政发 （2018） 12号</mark>"}}},
		{"杭教发〔2012〕18号", []string{"D4"}, nil},
		{"浙政发〔2019〕5号", []string{"D5"}, map[string][2]string{"D5": {"<mark>浙政发 〔2019〕 5号</mark>", "<mark>浙政发 〔2019〕 5号</mark>"}}},
		{`"浙政发 [2019] 5号"`, []string{"D5"}, nil},
		// Typed from after the opening bracket, with the text's space
		// (review s36 #8): as the whole 文号 finds them.
		{`"（2018） 12号"`, []string{"D1", "D2", "D3"}, nil},
		{`"2018） 12号"`, []string{"D1", "D2", "D3"}, map[string][2]string{"D2": {"2018） 12号</mark>", "2018）\n12号</mark>"}}},
		{`"2018] 12号"`, []string{"D1", "D2", "D3"}, nil},
		{`"2019〕 5号"`, []string{"D5"}, nil},
		{`"2012] 12号"`, nil, nil},
	} {
		res, err := svc.Search(ctx, Request{Query: tt.q, User: admin})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			want, ok := tt.mark[h.ID]
			if !ok {
				continue
			}
			if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0].HTML, want[0]) {
				t.Errorf("search %q: %s's fragments %+v, want %q in the first", tt.q, h.ID, h.Fragments, want[0])
			}
			page, err := HighlightPage(tt.q, docs[h.ID])
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(page, want[1]) {
				t.Errorf("search %q: %s's page is marked %q, want %q in it", tt.q, h.ID, page, want[1])
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}
