package catalog

import (
	"context"
	"testing"
)

// TestNearDuplicatesCountCitationsInOneQuery: a document's versions each
// say how often claims and values cite them — 通知 by two citations of a
// claim, 意见 by a value and not by a withdrawn claim, the others not at
// all — and the list costs as many statements with four versions as with
// one: the upload page polls it, and a query per version made each poll
// of a much-revised notice dearer. Both dialects.
func TestNearDuplicatesCountCitationsInOneQuery(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		for _, id := range []string{"原稿", "孤本", "单版", "通知", "意见", "草案", "修订"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		cite := func(doc, quote string) Citation {
			return Citation{DocumentID: doc, SHA256: "sha-" + doc, Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1}
		}
		cited := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "出台学分银行实施意见。", CreatedBy: "zhang",
			Citations: []Citation{cite("通知", "建立学分银行"), cite("通知", "推进学习成果认证")}}
		withdrawn := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "举办第八届杭州学习节。", CreatedBy: "zhang",
			Citations: []Citation{cite("意见", "全市开展各类学习活动1200余场")}}
		for _, c := range []*Claim{cited, withdrawn} {
			if err := s.CreateClaim(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.WithdrawClaim(ctx, withdrawn.ID, "zhang", "引错了文档"); err != nil {
			t.Fatal(err)
		}
		value := &Value{City: "330100", Round: 2017, Indicator: "1.1.2", Number: 732160, Unit: "人",
			Citation: cite("意见", "全年参与学习732160人"), ValueFound: true}
		if err := s.SaveValue(ctx, value, "zhang"); err != nil {
			t.Fatal(err)
		}
		versions := map[string][]string{"原稿": {"通知", "意见", "草案", "修订"}, "单版": {"孤本"}}
		for doc, others := range versions {
			var nds []NearDuplicate
			for _, o := range others {
				nds = append(nds, NearDuplicate{ID: o, Similarity: 0.95})
			}
			if err := s.AddNearDuplicates(ctx, doc, nds); err != nil {
				t.Fatal(err)
			}
		}
		statements := map[string]int64{}
		for doc := range versions {
			before := s.Statements()
			got, err := s.NearDuplicates(ctx, doc)
			if err != nil {
				t.Fatal(err)
			}
			statements[doc] = s.Statements() - before
			counts := map[string]int{}
			for _, n := range got {
				counts[n.ID] = n.Cited
			}
			if len(got) != len(versions[doc]) {
				t.Errorf("versions of %s: %+v, want %v", doc, got, versions[doc])
			}
			want := map[string]int{"通知": 2, "意见": 1}
			for _, o := range versions[doc] {
				if c, ok := counts[o]; !ok || c != want[o] {
					t.Errorf("version %s of %s: cited %d (listed %v), want %d", o, doc, c, ok, want[o])
				}
			}
		}
		if statements["原稿"] != statements["单版"] {
			t.Errorf("near duplicates: %d statements for four versions, %d for one; want as many", statements["原稿"], statements["单版"])
		}
	})
}
