package savedsearch_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/search"
)

// TestSavedSearchKeepsItsRound: a search saved with monitoring round 2024
// keeps the round (in its filters, its parameters and the search it
// re-runs), so it finds the 2024 round's summary and not the 2025 one's,
// which has the same words and no date of issue, and its count of new
// matches (the alert) counts only the new 2024 document; a search saved
// without a round still finds both; a round no year could be is refused
// on the field round, as the API's round= refuses it.
func TestSavedSearchKeepsItsRound(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	for _, year := range []int{2024, 2025} {
		if err := env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: year}); err != nil {
			t.Fatal(err)
		}
	}
	env.AddUser("liu", "expert", "")
	liu := &catalog.User{Username: "liu", Role: catalog.RoleExpert}
	old24 := env.UploadInRound("330100", "2024旧.txt", "杭州市终身学习周活动总结", "2024")
	env.UploadInRound("330100", "2025旧.txt", "杭州市终身学习周活动总结（续）", "2025")

	in24, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "学习周（2024 轮）", Query: "学习周",
		Filters: catalog.SearchFilters{Rounds: []int{2024}}})
	if err != nil {
		t.Fatal(err)
	}
	every, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "学习周", Query: "学习周"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in24.Filters.Rounds, []int{2024}) || !strings.Contains(in24.Params, "round=2024") {
		t.Errorf("saved with round 2024: filters %+v, params %q; want the round kept", in24.Filters, in24.Params)
	}
	res, err := env.Search.Search(ctx, in24.Request(liu))
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != old24.ID {
		t.Fatalf("the 2024 search re-run: %v, %v; want only %s, the 2024 round's", res, err, old24.ID)
	}

	new24 := env.UploadInRound("330100", "2024新.txt", "杭州市市民学习周总结", "2024")
	env.UploadInRound("330100", "2025新.txt", "杭州市市民学习周总结（续）", "2025")
	for _, tt := range []struct {
		e    *savedsearch.Entry
		want int
	}{{in24, 1}, {every, 2}} {
		got, err := env.Saved.Get(ctx, liu, tt.e.ID)
		if err != nil || got.New != tt.want {
			t.Errorf("%s: new %v (%v), want %d", tt.e.Name, got, err, tt.want)
		}
	}
	list, err := env.Saved.List(ctx, liu)
	if err != nil || len(list) != 2 || !slices.Equal(list[0].Filters.Rounds, []int{2024}) || list[1].Filters.Rounds != nil {
		t.Fatalf("liu's list: %+v, %v; want the 2024 search with its round and the other without", list, err)
	}
	res, err = env.Search.Search(ctx, list[0].Request(liu))
	if err != nil || len(res.Hits) != 2 || !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.ID == new24.ID }) {
		t.Errorf("the listed 2024 search re-run: %v, %v; want the two 2024 documents", res, err)
	}

	for _, round := range []int{0, 99999, -1} {
		_, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "坏轮次", Query: "学习周",
			Filters: catalog.SearchFilters{Rounds: []int{round}}})
		var ce *catalog.Error
		if es := catalog.Each(err); len(es) == 1 {
			ce = es[0]
		}
		if ce == nil || ce.Code != catalog.EINVALID || ce.Field != "round" || !strings.Contains(ce.Message, "或留空表示全部轮次") {
			t.Errorf("round %d saved: %v, want EINVALID on round as the API's round= says", round, err)
		}
	}
}
