package savedsearch_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
)

// TestSavedSearchKeepsTheFrameworksCode: a search saved with its
// indicator typed as a Chinese input method types it (2．3．1) is kept,
// listed and linked under the framework's code (review s56, low: it found
// the right documents but was listed and linked as typed).
func TestSavedSearchKeepsTheFrameworksCode(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	env.AddUser("liu", "expert", "")
	liu := &catalog.User{Username: "liu", Role: catalog.RoleExpert}
	for _, typed := range []string{"2．3．1", "２.３.１"} {
		e, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "学分银行（" + typed + "）", Query: "学分银行",
			Filters: catalog.SearchFilters{Indicators: []string{typed}}})
		if err != nil {
			t.Fatalf("save with indicator %q: %v", typed, err)
		}
		if !slices.Equal(e.Filters.Indicators, []string{"2.3.1"}) || !strings.Contains(e.Params, "indicator=2.3.1") {
			t.Errorf("saved with indicator %q: filters %v, params %q; want 2.3.1", typed, e.Filters.Indicators, e.Params)
		}
		got, err := env.Saved.Get(ctx, liu, e.ID)
		if err != nil || !slices.Equal(got.Filters.Indicators, []string{"2.3.1"}) {
			t.Errorf("read back %q: %+v, %v; want indicator 2.3.1", typed, got, err)
		}
	}
}
