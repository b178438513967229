package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/index"
)

// openStores opens a catalog file in a temporary folder and a memory
// index, both closed when the test ends.
func openStores(t testing.TB) (*catalog.Store, *index.Bleve) {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return cat, idx
}

// newDemoService is a search service over an empty index whose catalog has
// the demo framework, enough for suggestions.
func newDemoService(t *testing.T) *Service {
	t.Helper()
	cat, _ := openDemoStores(t)
	return NewService(nil, cat)
}

// openDemoStores is openStores with the demo framework imported.
func openDemoStores(t *testing.T) (*catalog.Store, *index.Bleve) {
	t.Helper()
	cat, idx := openStores(t)
	p, err := framework.Parse("demo.yaml", framework.Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ImportFramework(context.Background(), p.Framework, p.Indicators, "test"); err != nil {
		t.Fatal(err)
	}
	return cat, idx
}

func TestSuggestIndicatorsRanksTheRightOne(t *testing.T) {
	svc := newDemoService(t)
	sugs, err := svc.SuggestIndicators(context.Background(), "330200", "宁波市学分银行建设实施办法",
		[]string{"第一页", "建立宁波市学分银行,推进学分积累与转换,开展学习成果认证。"}, nil, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(sugs) == 0 || sugs[0].Code != "2.3.1" {
		t.Fatalf("suggestions %+v, want 2.3.1 first", sugs)
	}
	top := sugs[0]
	if top.Passage == nil || top.Passage.Page != 2 || !slices.Contains(top.Terms, "学分银行") {
		t.Errorf("top suggestion %+v: want terms with 学分银行 and a passage on page 2", top)
	}
	skipped, _ := svc.SuggestIndicators(context.Background(), "330200", "宁波市学分银行建设实施办法",
		[]string{"建立宁波市学分银行。"}, []string{"2.3.1"}, 3)
	for _, sg := range skipped {
		if sg.Code == "2.3.1" {
			t.Errorf("a linked indicator was suggested again")
		}
	}
}
