package search

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A mistyped indicator code in the filter is refused as an unknown city
// is (probe s46 #3): it used to answer an empty page, which reads as "this
// indicator has no evidence". An indicator of the framework with nothing
// found stays an empty page with its hints.
func TestAnUnknownIndicatorInTheFilterIsRefused(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}

	_, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, Indicators: []string{"9.9.9"}})
	var ce *catalog.Error
	if !errors.As(err, &ce) || ce.Code != catalog.EINVALID || ce.Field != "indicator" || !strings.Contains(ce.Message, "9.9.9") {
		t.Fatalf("search filtered by indicator 9.9.9: %v; want EINVALID on indicator naming 9.9.9", err)
	}

	_, inds, err := svc.cat.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for _, d := range facetCorpus {
		for _, c := range append(d.linked, d.cited...) {
			linked[c] = true
		}
	}
	var bare string
	for _, ind := range inds {
		if !linked[ind.Code] && ind.Level == 3 {
			bare = ind.Code
			break
		}
	}
	if bare == "" {
		t.Fatal("the framework has no indicator without evidence here: the test needs one")
	}
	res, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, Indicators: []string{bare}})
	if err != nil {
		t.Fatalf("search filtered by %s, an indicator of the framework without evidence: %v", bare, err)
	}
	if res.Total != 0 || len(res.Relax) == 0 {
		t.Errorf("filtered by %s: %d hits, hints %+v; want none and the hint without the indicator", bare, res.Total, res.Relax)
	}
}
