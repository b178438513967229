package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestReviewVerdictWords: a value's verdict may be written in the review
// form's words (属实), as the refusal of an unknown one asks, and an
// unknown one is refused on the field verdict, as a claim's is, so that a
// client can show the refusal beside it.
func TestReviewVerdictWords(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage+"\n2018年认定学习基地150个。")
	v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2018, Indicator: "2.2.1", Value: values.Written("150"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "2018年认定学习基地150个"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Values.Review(ctx, reviewer, v.ID, "通过", "")
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "verdict" {
		t.Errorf("an unknown verdict: %v (field %q), want EINVALID on verdict", err, catalog.ErrorField(err))
	}
	r, err := e.Values.Review(ctx, reviewer, v.ID, "属实", "")
	if err != nil || r.Verdict != catalog.ClaimVerified {
		t.Fatalf("属实: %+v, %v; want verified", r, err)
	}
}
