package catalog

import (
	"context"
	"testing"
)

// TestCheckClaimNumbers: only a claim still 待审核 and citing something is
// checked, a number in no quote outweighing one only spaced.
func TestCheckClaimNumbers(t *testing.T) {
	check := func(missing, spaced []string) ClaimNumberCheck {
		return func(context.Context, *Claim) ([]string, []string) { return missing, spaced }
	}
	cited := []Citation{{DocumentID: "活动总结", Page: 1, Quote: "全市开展市民学习活动1 200场"}}
	for _, c := range []struct {
		name  string
		claim Claim
		check ClaimNumberCheck
		want  ClaimNumbersStanding
	}{
		{"all found", Claim{Status: ClaimPending, Citations: cited}, check(nil, nil), ClaimNumbersFound},
		{"spaced", Claim{Status: ClaimPending, Citations: cited}, check(nil, []string{"1200场"}), ClaimNumbersSpaced},
		{"missing and spaced", Claim{Status: ClaimPending, Citations: cited}, check([]string{"5万人次"}, []string{"1200场"}), ClaimNumbersMissing},
		{"reviewed", Claim{Status: ClaimVerified, Citations: cited}, check([]string{"5万人次"}, nil), ClaimNumbersFound},
		{"citing nothing", Claim{Status: ClaimPending}, check([]string{"5万人次"}, nil), ClaimNumbersFound},
		{"no check", Claim{Status: ClaimPending, Citations: cited}, nil, ClaimNumbersFound},
	} {
		if got := CheckClaimNumbers(context.Background(), &c.claim, c.check); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
