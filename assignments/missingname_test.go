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
// the catalog has no name for is kept as it is. In English the file is
// missing-Hangzhou-2018.xlsx.
func TestMissingFilenameNamesTheCity(t *testing.T) {
	e := testenv.New(t)
	s := assignments.NewService(e.Catalog)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	for _, tt := range []struct {
		who     *catalog.User
		city    string
		round   int
		english bool
		want    string
	}{
		{testenv.Admin, "330100", 2018, false, "未交材料-杭州-2018.xlsx"},
		{coord, "", 2018, false, "未交材料-杭州-2018.xlsx"},
		{coord, "330100", 0, false, "未交材料-杭州.xlsx"},
		{testenv.Admin, "999999", 2018, false, "未交材料-999999-2018.xlsx"},
		{testenv.Admin, "330100", 2018, true, "missing-Hangzhou-2018.xlsx"},
		{coord, "", 0, true, "missing-Hangzhou.xlsx"},
		{testenv.Admin, "999999", 2018, true, "missing-999999-2018.xlsx"},
	} {
		if got := s.MissingFilename(context.Background(), tt.who, tt.city, tt.round, tt.english); got != tt.want {
			t.Errorf("%s, city %q, round %d, english %v: %q, want %q", tt.who.Username, tt.city, tt.round, tt.english, got, tt.want)
		}
	}
}
