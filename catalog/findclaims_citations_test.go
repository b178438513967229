package catalog

import (
	"context"
	"testing"
)

// FindClaims lists each claim with its citations in their order, on both
// catalogs: GET /api/v1/claims answered "citations":[] for claims that
// had them.
func TestFindClaimsLoadsCitations(t *testing.T) { forEachStore(t, testFindClaimsLoadsCitations) }

func testFindClaimsLoadsCitations(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	cite := func(id string, page int, quote string, found bool) Citation {
		return Citation{DocumentID: id, SHA256: "sha-" + id, Page: page, Quote: quote, QuoteFound: found}
	}
	two := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{cite("D2", 3, "学习成果认证", true), cite("D1", 1, "学分银行", false)}}
	none := &Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "社区学校全覆盖", CreatedBy: "zhang"}
	for _, c := range []*Claim{two, none} {
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	found, err := s.FindClaims(ctx, ClaimFilter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]Citation{}
	for _, c := range found {
		got[c.ID] = c.Citations
	}
	if len(found) != 2 {
		t.Fatalf("found %d claims, want 2", len(found))
	}
	if c := got[two.ID]; len(c) != 2 || c[0].DocumentID != "D2" || c[0].Quote != "学习成果认证" || !c[0].QuoteFound ||
		c[1].DocumentID != "D1" || c[1].Page != 1 || c[1].QuoteFound {
		t.Errorf("citations of %s: %+v, want D2 p.3 (found) then D1 p.1 (not found)", two.ID, c)
	}
	if c := got[none.ID]; len(c) != 0 {
		t.Errorf("citations of a claim citing nothing: %+v", c)
	}
}
