package savedsearch_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
)

// TestSavedSearchKeepsMatchSubstring: a search saved with match=substring
// keeps it: its link says so, it runs matching substrings, and it counts
// the new documents that hold its word only where the text cut it across
// other words (健全 in 建立|健|全市); a search saved matching words, and one
// saved before the match was kept, still match words only.
func TestSavedSearchKeepsMatchSubstring(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	env.AddUser("liu", "expert", "")
	liu := &catalog.User{Username: "liu", Role: catalog.RoleExpert}

	substring, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "健全（字串）", Query: "健全",
		Filters: catalog.SearchFilters{Match: "substring"}})
	if err != nil {
		t.Fatal(err)
	}
	word, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "健全（按词）", Query: "健全",
		Filters: catalog.SearchFilters{Match: "word"}})
	if err != nil {
		t.Fatal(err)
	}
	// A search saved before the match was kept: its filters hold none.
	old := &catalog.SavedSearch{Owner: "liu", Name: "健全（旧）", Query: "健全"}
	if err := env.Catalog.CreateSavedSearch(ctx, old); err != nil {
		t.Fatal(err)
	}
	env.Upload("330100", "网络.txt", "建立健全市、区（县）、街道（乡镇）、社区（村）四级社区教育网络。")

	cases := []struct {
		name      string
		id        string
		match     string
		params    string
		substring bool
		new       int
	}{
		{"saved matching substrings", substring.ID, "substring", "match=substring&q=%E5%81%A5%E5%85%A8", true, 1},
		{"saved matching words", word.ID, "", "q=%E5%81%A5%E5%85%A8", false, 0},
		{"saved before the match was kept", old.ID, "", "q=%E5%81%A5%E5%85%A8", false, 0},
	}
	for _, c := range cases {
		e, err := env.Saved.Get(ctx, liu, c.id)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if e.Filters.Match != c.match || e.Params != c.params || e.Request(liu).Substring != c.substring || e.New != c.new {
			t.Errorf("%s: match %q, params %q, runs substring %v, new %d; want %q, %q, %v, %d",
				c.name, e.Filters.Match, e.Params, e.Request(liu).Substring, e.New, c.match, c.params, c.substring, c.new)
		}
	}
	list, err := env.Saved.List(ctx, liu)
	if err != nil || len(list) != 3 || list[0].Filters.Match != "substring" || !strings.Contains(list[0].Params, "match=substring") {
		t.Errorf("liu's list: %+v, %v; want the first kept matching substrings", list, err)
	}
	res, err := env.Search.Search(ctx, substring.Request(liu))
	if err != nil || res.Total != 1 || res.SubstringNotice == "" {
		t.Errorf("running the saved search: %+v, %v; want the document, said to be matched as substrings", res, err)
	}
	_, err = env.Saved.Save(ctx, liu, savedsearch.Input{Name: "健全", Query: "健全", Filters: catalog.SearchFilters{Match: "fuzzy"}})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "match" {
		t.Errorf("saving with match=fuzzy: %v, want EINVALID on match", err)
	}
}
