package catalog

import (
	"context"
	"testing"
)

// TestIndicatorStatusOrder: the one rule of the heat map, /compare and the
// report, weighed in order: every verdict, then what waits to be
// confirmed, then a number in no quote, then one only spaced, then a
// quantitative indicator without its number (有佐证，缺数值 when it has
// evidence, else a gap), then evidence.
func TestIndicatorStatusOrder(t *testing.T) {
	for _, c := range []struct {
		name string
		f    IndicatorFacts
		want string
	}{
		{"nothing", IndicatorFacts{}, IndicatorGap},
		{"evidence", IndicatorFacts{Evidence: true}, IndicatorEvidence},
		{"quantitative without its number, with evidence", IndicatorFacts{NoValue: true, Evidence: true}, IndicatorNoValue},
		{"quantitative without its number or evidence", IndicatorFacts{NoValue: true}, IndicatorGap},
		{"a claim's number only spaced", IndicatorFacts{NumberToCheck: true, Evidence: true}, IndicatorNumberToCheck},
		{"spaced before no number", IndicatorFacts{NumberToCheck: true, NoValue: true}, IndicatorNumberToCheck},
		{"a number in no quote before one spaced", IndicatorFacts{ValueNotFound: true, NumberToCheck: true}, IndicatorValueNotFound},
		{"carried over before a number not found", IndicatorFacts{ToConfirm: true, ValueNotFound: true, NumberToCheck: true}, IndicatorToConfirm},
		{"verified before carried over", IndicatorFacts{Verified: true, ToConfirm: true, ValueNotFound: true}, IndicatorVerified},
		{"sent back before verified", IndicatorFacts{Insufficient: true, Verified: true}, IndicatorInsufficient},
		{"contradicted before everything", IndicatorFacts{Contradicted: true, Insufficient: true, Verified: true, ToConfirm: true,
			ValueNotFound: true, NumberToCheck: true, NoValue: true, Evidence: true}, IndicatorContradicted},
	} {
		if got := c.f.Status(); got != c.want {
			t.Errorf("%s %+v: %s, want %s", c.name, c.f, got, c.want)
		}
	}
}

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
