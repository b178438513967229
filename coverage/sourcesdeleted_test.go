package coverage

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestValueAndClaimWithDeletedSourcesAgree: a claim and a value whose
// cited documents are all deleted give their cell the same state for the
// same verdict (review s38 #1): 证据不足 once a reviewer judged so (as
// /compare and the report read it), else 出处已删除, never 属实.
func TestValueAndClaimWithDeletedSourcesAgree(t *testing.T) {
	cities := []catalog.City{{Code: "330100", Name: "杭州"}}
	inds := []catalog.Indicator{{Code: "3.1.3", Name: "社区教育网络", Level: catalog.KeyLevel, Kind: catalog.Quantitative}}
	deleted := map[string]bool{"D1": true}
	for _, tt := range []struct {
		verdict catalog.ClaimStatus
		want    string
	}{
		{catalog.ClaimInsufficient, StatusInsufficient},
		{catalog.ClaimPending, StatusSourceDeleted},
		{catalog.ClaimVerified, StatusSourceDeleted},
	} {
		claimCount := catalog.ClaimCount{City: "330100", Indicator: "3.1.3", Claims: 1, SourcesDeleted: 1}
		if tt.verdict == catalog.ClaimInsufficient {
			claimCount.Insufficient = 1
		}
		byClaim := Build(2018, cities, inds, nil, []catalog.ClaimCount{claimCount})
		byValue := Build(2018, cities, inds, nil, nil)
		byValue.AddValues([]catalog.Value{{City: "330100", Round: 2018, Indicator: "3.1.3", Number: 12, Given: "12所", Status: tt.verdict,
			Citation: catalog.Citation{DocumentID: "D1", Page: 1, Quote: "全市建成社区学校12所"}}}, deleted, nil)
		claimState, valueState := byClaim.Cities[0].Cells[0].Status(), byValue.Cities[0].Cells[0].Status()
		if claimState != tt.want || valueState != tt.want {
			t.Errorf("%s with its documents deleted: claim's cell %s, value's cell %s, want %s for both", tt.verdict, claimState, valueState, tt.want)
		}
	}
}
