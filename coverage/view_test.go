package coverage_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// hangzhouCoordinator and hangzhouReviewer are the users the coverage
// tests write claims and values as, and review them as.
func hangzhouCoordinator() *catalog.User {
	return &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou}
}

func hangzhouReviewer() *catalog.User {
	return &catalog.User{Username: "li", Role: catalog.RoleReviewer}
}

// view is 杭州's round as a user sees it: the heat map's matrix and its
// cells, and the comparison's cell of that round on /compare, by
// indicator code.
type view struct {
	matrix   *coverage.Matrix
	cells    map[string]coverage.Cell
	compared map[string]coverage.RoundCell
}

// roundView is 杭州's round as u sees it.
func roundView(t *testing.T, e *testenv.Env, u *catalog.User, round int) view {
	t.Helper()
	ctx := context.Background()
	m, err := e.Coverage.Matrix(ctx, u, round, hangzhou)
	if err != nil {
		t.Fatalf("matrix of %d: %v", round, err)
	}
	v := view{matrix: m, cells: map[string]coverage.Cell{}, compared: map[string]coverage.RoundCell{}}
	for _, c := range m.Cities[0].Cells {
		v.cells[c.Code] = c
	}
	cmp, err := e.Coverage.Compare(ctx, u, hangzhou, []int{round})
	if err != nil {
		t.Fatalf("comparison of %d: %v", round, err)
	}
	for _, row := range cmp.Indicators {
		v.compared[row.Code] = row.Rounds[0]
	}
	return v
}
