package catalog

import (
	"reflect"
	"testing"
)

func TestScopeCities(t *testing.T) {
	coord := &User{Role: RoleCoordinator, City: "330100"}
	expert := &User{Role: RoleExpert}
	tests := []struct {
		name      string
		u         *User
		requested []string
		want      []string
		visible   bool
	}{
		{"expert sees what they ask", expert, []string{"510100"}, []string{"510100"}, true},
		{"expert without filter sees all", expert, nil, nil, true},
		{"coordinator is held to their city", coord, nil, []string{"330100"}, true},
		{"coordinator asking for their city and another", coord, []string{"510100", "330100"}, []string{"330100"}, true},
		{"coordinator asking for another city sees nothing", coord, []string{"510100"}, nil, false},
	}
	for _, tt := range tests {
		got, visible := tt.u.ScopeCities(tt.requested)
		if !reflect.DeepEqual(got, tt.want) || visible != tt.visible {
			t.Errorf("%s: got %v %v, want %v %v", tt.name, got, visible, tt.want, tt.visible)
		}
	}
}

func TestScopeCityAndSeeObject(t *testing.T) {
	coord := &User{Username: "wang", Role: RoleCoordinator, City: "330100"}
	expert := &User{Username: "li", Role: RoleExpert}
	tests := []struct {
		name      string
		u         *User
		requested string
		want      string
		visible   bool
	}{
		{"coordinator without a city gets theirs", coord, "", "330100", true},
		{"coordinator asking for theirs", coord, "330100", "330100", true},
		{"coordinator asking for another gets an empty listing", coord, "510100", "", false},
		{"expert without a city gets all", expert, "", "", true},
		{"expert asking for one city", expert, "510100", "510100", true},
	}
	for _, tt := range tests {
		got, visible := tt.u.ScopeCity(tt.requested)
		if got != tt.want || visible != tt.visible {
			t.Errorf("%s: got %q %v, want %q %v", tt.name, got, visible, tt.want, tt.visible)
		}
	}
	if err := coord.SeeObject("510100", "文档", "X"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("another city's object: got %v, want ENOTFOUND", err)
	}
	if err := coord.SeeObject("330100", "文档", "X"); err != nil {
		t.Errorf("own city's object: %v", err)
	}
	if err := expert.SeeObject("510100", "文档", "X"); err != nil {
		t.Errorf("expert: %v", err)
	}
}
