package search

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestUnknownCitiesExplained: every unknown value of the city filter that
// names a city is explained with its code, however many values are
// unknown (review s57: with two names, or a name and a bad code, the
// refusal was bare: “没有城市代码为 杭州、宁波 的城市”).
func TestUnknownCitiesExplained(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	for _, c := range []catalog.City{{Code: "211300", Name: "朝阳市"}, {Code: "220300", Name: "朝阳"}} {
		if err := cat.AddCity(ctx, c, "admin"); err != nil {
			t.Fatal(err)
		}
	}
	svc := NewService(idx, cat)
	tests := []struct {
		name          string
		cities        []string
		says, english []string
		not           []string
	}{
		{"one name", []string{"杭州"},
			[]string{"“杭州”是城市名称，不是城市代码：杭州的城市代码为 330100；请用城市代码检索，如 city=330100"},
			[]string{"“杭州” is a city's name, not its code: 杭州's city code is 330100"}, nil},
		{"two names", []string{"杭州", "宁波市"},
			[]string{"“杭州”是城市名称，杭州的城市代码为 330100", "“宁波市”是城市名称，宁波的城市代码为 330200", "请用城市代码检索，如 city=330100"},
			[]string{"“杭州” is a city's name: 杭州's city code is 330100", "“宁波市” is a city's name: 宁波's city code is 330200", "search by city codes, such as city=330100"},
			[]string{"没有城市代码为"}},
		{"a name and a bad code", []string{"999999", "杭州"},
			[]string{"“杭州”是城市名称，杭州的城市代码为 330100", "没有城市代码为 999999 的城市", "city=330100"},
			[]string{"there is no city with the code 999999"},
			[]string{"杭州、", "、999999"}},
		{"a name of two cities and a known code", []string{"330100", "朝阳", "宁波"},
			[]string{"“朝阳”是城市名称，这个名称的城市有：211300、220300", "“宁波”是城市名称，宁波的城市代码为 330200", "city=211300"},
			[]string{"the cities of that name are 211300、220300"},
			[]string{"没有城市代码为"}},
		{"two bad codes", []string{"999999", "888888"},
			[]string{"没有城市代码为 999999、888888 的城市；请检查城市代码"}, []string{"There is no city with the code 999999、888888"},
			[]string{"城市名称"}},
	}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.Search(ctx, Request{Query: "学分银行", Cities: tt.cities, User: admin})
			if catalog.ErrorCode(err) != catalog.EINVALID {
				t.Fatalf("search in %v: %v, want EINVALID", tt.cities, err)
			}
			chinese, english := catalog.MessageIn(err, false), catalog.MessageIn(err, true)
			for _, want := range tt.says {
				if !strings.Contains(chinese, want) {
					t.Errorf("search in %v: %q, want it to say %q", tt.cities, chinese, want)
				}
			}
			for _, want := range tt.english {
				if !strings.Contains(english, want) {
					t.Errorf("search in %v, in English: %q, want it to say %q", tt.cities, english, want)
				}
			}
			for _, not := range tt.not {
				if strings.Contains(chinese, not) {
					t.Errorf("search in %v: %q, want it not to say %q", tt.cities, chinese, not)
				}
			}
		})
	}
}

// TestUnknownCityReadsCitiesOnce: a search naming a city the catalog
// lacks (city=杭州, which anyone can repeat) reads the list of cities again
// only when a city can have been added since it was read: by this process
// (AddCity), at once; by another, once cityReloadAfter has passed. It read
// the list on every such search (review s57).
func TestUnknownCityReadsCitiesOnce(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	svc.cities.now = func() time.Time { return now }
	reads := func(cities ...string) (int64, error) {
		t.Helper()
		before := cat.Statements()
		err := svc.knownCities(ctx, cities)
		return cat.Statements() - before, err
	}
	if _, err := reads("330100"); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		got, err := reads("杭州")
		if catalog.ErrorCode(err) != catalog.EINVALID {
			t.Fatalf("city=杭州: %v, want EINVALID", err)
		}
		if got != 0 {
			t.Errorf("city=杭州, search %d: %d catalog statements, want 0 (no city added since the list was read)", i+1, got)
		}
	}
	if err := cat.AddCity(ctx, catalog.City{Code: "659001", Name: "石河子市"}, "admin"); err != nil {
		t.Fatal(err)
	}
	if got, err := reads("659001"); err != nil || got != 1 {
		t.Errorf("city=659001 just added: %d catalog statements, %v; want 1 (the list read again) and no error", got, err)
	}
	if got, _ := reads("杭州"); got != 0 {
		t.Errorf("city=杭州 after the list was read again: %d catalog statements, want 0", got)
	}
	now = now.Add(cityReloadAfter)
	if got, _ := reads("杭州"); got != 1 {
		t.Errorf("city=杭州 %s later: %d catalog statements, want 1 (a city another process added is seen)", cityReloadAfter, got)
	}
	if got, _ := reads("杭州"); got != 0 {
		t.Errorf("city=杭州 again: %d catalog statements, want 0", got)
	}
}
