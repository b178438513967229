package savedsearch_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
)

// TestStoredSearchTheSearchNowRefusesIsListed: a search saved before the
// search refused a document type that does not exist (doc_type 新闻稿,
// probe s55) is still listed, in its owner's list and in its indicator's
// query pack, with no new matches, and so are the searches beside it: one
// stored search the search refuses no longer fails the list of every
// saved search, nor the pack every expert opens. The search itself, run
// from the entry, says what is wrong on doc_type, and such a search is
// no longer saved.
func TestStoredSearchTheSearchNowRefusesIsListed(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	env.AddUser("liu", "expert", "")
	env.AddUser("chen", "expert", "")
	liu := &catalog.User{Username: "liu", Role: catalog.RoleExpert}
	chen := &catalog.User{Username: "chen", Role: catalog.RoleExpert}
	env.Upload("330100", "学分银行.txt", "本市建立终身学习学分银行，累计存入学分十二万。")

	for _, ss := range []*catalog.SavedSearch{
		{Owner: "liu", Name: "学分银行（新闻稿）", Query: "学分银行", Indicator: "2.3.1",
			Filters: catalog.SearchFilters{DocTypes: []string{"新闻稿"}}},
		{Owner: "liu", Name: "学分银行", Query: "学分银行", Indicator: "2.3.1"},
	} {
		if err := env.Catalog.CreateSavedSearch(ctx, ss); err != nil {
			t.Fatal(err)
		}
	}
	list, err := env.Saved.List(ctx, liu)
	if err != nil || len(list) != 2 {
		t.Fatalf("liu's list: %d entries, %v; want both saved searches", len(list), err)
	}
	if list[0].New != 0 {
		t.Errorf("the search of doc_type 新闻稿: %d new, want none", list[0].New)
	}
	pack, err := env.Saved.Pack(ctx, chen, "2.3.1")
	if err != nil || len(pack.Searches) != 2 {
		t.Fatalf("the pack of 2.3.1 for chen: %+v, %v; want both searches", pack, err)
	}
	if _, err := env.Saved.Get(ctx, liu, list[0].ID); err != nil {
		t.Errorf("opening the search of doc_type 新闻稿: %v, want its entry", err)
	}
	_, err = env.Search.Search(ctx, list[0].Request(liu))
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "doc_type" {
		t.Errorf("running the search of doc_type 新闻稿: %v, want EINVALID on doc_type", err)
	}
	_, err = env.Saved.Save(ctx, liu, savedsearch.Input{Name: "学分银行（新闻稿）", Query: "学分银行",
		Filters: catalog.SearchFilters{DocTypes: []string{"新闻稿"}}})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "doc_type" {
		t.Errorf("saving a search of doc_type 新闻稿 now: %v, want EINVALID on doc_type", err)
	}
}
