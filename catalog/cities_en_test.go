package catalog

import "testing"

func TestCityNameEN(t *testing.T) {
	tests := []struct{ code, name, want string }{
		{"330100", "杭州", "Hangzhou"},
		{"430100", "长沙", "Changsha"},
		{"999999", "杭州市", "Hangzhou"}, // a known name under another code
		{"330500", "湖州", ""},
	}
	for _, tt := range tests {
		if got := CityNameEN(tt.code, tt.name); got != tt.want {
			t.Errorf("CityNameEN(%s, %s) = %q, want %q", tt.code, tt.name, got, tt.want)
		}
	}
	if got := (City{Code: "330500", Name: "湖州"}).EnglishName(); got != "湖州" {
		t.Errorf("EnglishName of an unknown city: %q, want its Chinese name", got)
	}
	// Every seeded city has an English name.
	s := openTestStore(t)
	cities, err := s.Cities(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cities {
		if CityNameEN(c.Code, c.Name) == "" {
			t.Errorf("seeded city %s %s has no English name", c.Code, c.Name)
		}
	}
}
