package search

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestIndicatorSuggestsOneOfEachGroupOfVersions: the .pdf and .docx of one
// 文号 (near duplicates) are suggested once for an indicator, saying how
// many other versions there are, and a version of a linked document is
// not suggested beside it but counted on it (probe s36 #19).
func TestIndicatorSuggestsOneOfEachGroupOfVersions(t *testing.T) {
	ctx := context.Background()
	cat, idx := openDemoStores(t)
	text := "市委发〔2016〕8号：建立学分银行，推进学分积累与转换，开展学习成果认证。"
	storeTexts(t, cat, idx, map[string]string{"PDF": text, "DOCX": text, "LINKED": text + "附件。", "LINKEDPDF": text + "附件。",
		"OTHER": "宁波市学分银行开户市民达到十万人，学习成果认证工作稳步推进。"}, "学分银行建设实施意见", catalog.DocPolicy)
	for _, pair := range [][2]string{{"PDF", "DOCX"}, {"LINKED", "LINKEDPDF"}} {
		if err := cat.AddNearDuplicates(ctx, pair[0], []catalog.NearDuplicate{{ID: pair[1], Similarity: 0.97}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := cat.CreateLinks(ctx, []*catalog.Link{{DocumentID: "LINKED", IndicatorCode: "2.3.1", CreatedBy: "admin"}}, false); err != nil {
		t.Fatal(err)
	}
	ev, err := NewService(idx, cat).IndicatorEvidence(ctx, "2.3.1", "330100", 0, &catalog.User{Username: "admin", Role: catalog.RoleAdmin}, 10)
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]int{}
	var order []string
	for _, it := range ev.Items {
		shown[it.ID] = it.NearDuplicates
		order = append(order, it.ID)
	}
	versions := 0
	for _, id := range []string{"PDF", "DOCX"} {
		if n, ok := shown[id]; ok {
			versions++
			if n != 1 {
				t.Errorf("%s suggested with %d other versions, want 1", id, n)
			}
		}
	}
	if versions != 1 || !slices.Contains(order, "OTHER") {
		t.Errorf("items %v: want one of PDF and DOCX, and OTHER", order)
	}
	if n, ok := shown["LINKED"]; !ok || n != 1 || slices.Contains(order, "LINKEDPDF") {
		t.Errorf("items %v (LINKED with %d versions): want LINKED alone, counting LINKEDPDF", order, n)
	}
}
