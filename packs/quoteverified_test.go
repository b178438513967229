package packs_test

import (
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestManifestFollowsAVerdictOnAQuoteNotFound: a file cited by a claim
// whose quote its text does not have is listed （引文未找到）; once a
// reviewer verified the claim against the original's image, the manifest
// lists the indicator as verified with the mark kept, as the report says
// 已核实（引文在文字中未找到）, not （引文未找到） beside a report that says
// 已核实 (probe s43 finding 6).
func TestManifestFollowsAVerdictOnAQuoteNotFound(t *testing.T) {
	e, svc, _ := withData(t)
	d := e.Upload(hangzhou, "读书驿站.txt", "全区建成读书驿站，年接待读者8.6 FAK.")
	c, err := e.Claims.Create(ctx, coordA, claims.Input{City: hangzhou, Round: 2017, Indicator: "1.1.2", Statement: "全区建成读书驿站，接待读者众多。",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	cell := func() []string {
		for _, row := range manifestRows(t, write(t, svc, coordA, hangzhou)) {
			if len(row) > 6 && row[2] == d.ID {
				return row[6:]
			}
		}
		t.Fatalf("the manifest does not list %s", d.ID)
		return nil
	}
	if got := cell(); !slices.Contains(got, "1.1.2（引文未找到）") {
		t.Errorf("before the verdict the manifest lists %q, want 1.1.2（引文未找到）", got)
	}
	rev := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	if _, err := e.Claims.Give(ctx, rev, c.ID, claims.Verdict{Verdict: "verified", Comment: "已核对扫描件原图",
		Seen: catalog.IfMatch{c.Version()}, QuoteChecked: true}); err != nil {
		t.Fatal(err)
	}
	if got := cell(); !slices.Contains(got, "1.1.2（已核实，引文在文字中未找到）") {
		t.Errorf("after 属实 the manifest lists %q, want 1.1.2（已核实，引文在文字中未找到）", got)
	}
}
