package assignments_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestMissingFilenameNamesTheCity: the missing-materials download is
// named by the city's name, as 监测报告-杭州-2018.xlsx is, not its code
// (probe s36 finding 16); a coordinator's city is the default, and a code
// the catalog has no name for is kept as it is.
func TestMissingFilenameNamesTheCity(t *testing.T) {
	e := testenv.New(t)
	s := assignments.NewService(e.Catalog)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	for _, tt := range []struct {
		who   *catalog.User
		city  string
		round int
		want  string
	}{
		{testenv.Admin, "330100", 2018, "未交材料-杭州-2018.xlsx"},
		{coord, "", 2018, "未交材料-杭州-2018.xlsx"},
		{coord, "330100", 0, "未交材料-杭州.xlsx"},
		{testenv.Admin, "999999", 2018, "未交材料-999999-2018.xlsx"},
	} {
		if got := s.MissingFilename(context.Background(), tt.who, tt.city, tt.round); got != tt.want {
			t.Errorf("%s, city %q, round %d: %q, want %q", tt.who.Username, tt.city, tt.round, got, tt.want)
		}
	}
}
