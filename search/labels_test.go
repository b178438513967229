package search

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// A result's city names are kept between searches; a city added since
// (catalog.AddCity) is named as soon as a result shows it.
func TestCityNamesOfANewCity(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	add := func(id, sha, city string) {
		t.Helper()
		d := &catalog.Document{ID: id, SHA256: sha, Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			Title: "学分银行实施意见", DocType: catalog.DocPolicy, City: city, Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: id, Title: d.Title, Pages: []string{"建立学分银行。"}, City: city}}); err != nil {
			t.Fatal(err)
		}
	}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	names := func() map[string]string {
		t.Helper()
		res, err := svc.Search(ctx, Request{Query: "学分银行", User: admin})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, h := range res.Hits {
			out[h.City] = h.CityName
		}
		for _, f := range res.Facets["city"] {
			if f.Label != out[f.Value] {
				t.Errorf("facet label of %s %q, hit's city name %q", f.Value, f.Label, out[f.Value])
			}
		}
		return out
	}
	add("D1", "aa", "330200")
	if got := names(); got["330200"] != "宁波" {
		t.Fatalf("city names %v, want 330200 宁波", got)
	}
	if err := cat.AddCity(ctx, catalog.City{Code: "659001", Name: "石河子市"}, "admin"); err != nil {
		t.Fatal(err)
	}
	add("D2", "bb", "659001")
	if got := names(); got["330200"] != "宁波" || got["659001"] != "石河子市" {
		t.Errorf("city names after a city was added %v, want 330200 宁波 and 659001 石河子市", got)
	}
}
