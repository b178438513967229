package web

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/coverage"
)

// TestCompareStatusesThatWarnAreColoured: the /compare cells that ask for
// a look — 与证据矛盾, 证据不足, 数值未在引文中找到 — are coloured as the heat
// map colours them (review pfix #7: value_not_found had no rule).
func TestCompareStatusesThatWarnAreColoured(t *testing.T) {
	css, err := fs.ReadFile(staticFS, "static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, status := range []string{coverage.StatusContradicted, coverage.StatusInsufficient, coverage.StatusValueNotFound, coverage.StatusNumberToCheck} {
		if !strings.Contains(string(css), "td.status-"+status+" {") {
			t.Errorf("app.css has no rule for td.status-%s", status)
		}
	}
}
