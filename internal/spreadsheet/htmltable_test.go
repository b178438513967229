package spreadsheet

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestHostileHTMLTableIsRefusedCheaply: ten MiB of nested tables, the most
// the server takes, are refused as too large (nested too deep) within a
// few MiB of memory, where each <table> used to be held open.
func TestHostileHTMLTableIsRefusedCheaply(t *testing.T) {
	for _, tt := range []struct{ name, unit string }{
		{"tables in tables", "<table>"},
		{"a cell in each table", "<table><td>"},
	} {
		page := []byte(strings.Repeat(tt.unit, 10<<20/len(tt.unit)))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, _, err := ReadHTMLTable(context.Background(), page, 100)
		runtime.ReadMemStats(&after)
		if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(catalog.ErrorMessage(err), "嵌套超过") {
			t.Errorf("%s: %v, want ETOOLARGE saying the tables nest too deep", tt.name, err)
		}
		if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 16<<20 {
			t.Errorf("%s: allocated %d MiB to refuse it, want under 16", tt.name, allocated>>20)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := ReadHTMLTable(ctx, []byte(strings.Repeat("<p>段落</p>", 10000)), 100); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled read: %v, want context.Canceled", err)
	}
}

// TestHTMLTableRowsCountPerTable: a page's other table, a footer of many
// short rows, past the rows allowed does not refuse the table read; the
// table read past them does.
func TestHTMLTableRowsCountPerTable(t *testing.T) {
	sheet := `<table><tr><th>指标编码</th><th>责任单位</th><th>截止日期</th></tr>
<tr><td>1.1.1</td><td>市教育局</td><td>2018-03-31</td></tr>
<tr><td>1.1.2</td><td>市财政局</td><td>2018-04-15</td></tr></table>`
	footer := `<table><tr><td>联系人</td></tr><tr><td>电话</td></tr><tr><td>地址</td></tr><tr><td>邮编</td></tr><tr><td>日期</td></tr></table>`
	want := [][]string{{"指标编码", "责任单位", "截止日期"}, {"1.1.1", "市教育局", "2018-03-31"}, {"1.1.2", "市财政局", "2018-04-15"}}
	_, got, err := ReadHTMLTable(context.Background(), []byte("<html><body>"+sheet+footer+"</body></html>"), 4)
	if err != nil || !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("a footer table past the rows allowed: %q, %v\nwant %q", got, err, want)
	}
	if _, _, err := ReadHTMLTable(context.Background(), []byte("<html><body>"+sheet+footer+"</body></html>"), 2); !errors.Is(err, ErrTooManyRows) {
		t.Errorf("the table read past the rows allowed: %v, want ErrTooManyRows", err)
	}
}
