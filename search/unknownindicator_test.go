package search

import (
	"context"
	"errors"
	"slices"
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

// An indicator code typed as a Chinese input method types it (2．3．1,
// 指标2.3.1) filters as the framework's code does (probe s56: the filter
// refused 2．3．1 as an unknown indicator while the links, claims and the
// responsibility table took it), in a search and its export alike.
func TestAnIndicatorCodeAsTypedFiltersAsItsCode(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}

	want, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, Indicators: []string{"2.3.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if want.Total == 0 {
		t.Fatal("学分银行 filtered by 2.3.1 finds nothing: the test needs evidence of 2.3.1")
	}
	for _, typed := range []string{"2．3．1", "２.３.１", "指标2.3.1", " 2.3.1 "} {
		got, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, Indicators: []string{typed}})
		if err != nil {
			t.Errorf("search filtered by %q: %v; want the hits of 2.3.1", typed, err)
			continue
		}
		if got.Total != want.Total || hitList(got) != hitList(want) {
			t.Errorf("search filtered by %q: %d hits %s; want 2.3.1's %d %s", typed, got.Total, hitList(got), want.Total, hitList(want))
		}
		if _, total, _, err := svc.exportRows(ctx, Request{Query: "学分银行", User: admin, Indicators: []string{typed}}, "", false); err != nil || total != want.Total {
			t.Errorf("export filtered by %q: %d rows counted, %v; want 2.3.1's %d", typed, total, err, want.Total)
		}
	}
}

// An indicator's evidence asked by its code as an input method types it
// is the indicator's: Store.Indicator finds 2．3．1, and its links, uses
// and terms were then read by the code as typed (a key indicator was
// refused as not in the framework, another listed nothing).
func TestAnIndicatorsEvidenceByItsCodeAsTyped(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	want, err := svc.IndicatorEvidence(ctx, "2.3.1", "", 0, admin, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Items) == 0 {
		t.Fatal("2.3.1 has no evidence here: the test needs some")
	}
	ids := func(ev *Evidence) (out []string) {
		for _, it := range ev.Items {
			out = append(out, it.ID)
		}
		return out
	}
	for _, typed := range []string{"2．3．1", "指标2.3.1"} {
		got, err := svc.IndicatorEvidence(ctx, typed, "", 0, admin, 10)
		if err != nil || got.Indicator.Code != "2.3.1" || !slices.Equal(ids(got), ids(want)) {
			t.Errorf("evidence of %q: %v; want 2.3.1's %v", typed, err, ids(want))
		}
	}
}
