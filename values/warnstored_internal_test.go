package values

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestWarnStoredComparesUnitsButForWidth: a stored value is checked
// against its indicator's bounds only when it is in the indicator's unit,
// full-width or half-width alike (％ is %, 元／人 is 元/人); a value in
// another unit, even of the same kind at another scale (人 for 万人), is
// not, for its number is not in the unit the bounds are for.
func TestWarnStoredComparesUnitsButForWidth(t *testing.T) {
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	inds := []catalog.Indicator{
		{Code: "1", Level: 1, Name: "学习参与"},
		{Code: "1.1", ParentCode: "1", Level: 2, Name: "市民参与"},
	}
	for _, q := range []struct{ code, name, unit string }{
		{"1.1.1", "成人年参与学习率", "%"},
		{"1.1.2", "老年人参与老年教育比例", "％"},
		{"1.1.3", "市民年参与学习活动人数", "万人"},
		{"1.1.4", "社区教育培训人数", "人"},
		{"1.1.5", "人均社区教育经费", "元／人"},
		{"1.1.6", "人均受教育年限", "年"},
	} {
		inds = append(inds, catalog.Indicator{Code: q.code, ParentCode: "1.1", Level: catalog.KeyLevel, Name: q.name,
			Kind: catalog.Quantitative, Unit: q.unit})
	}
	if _, err := cat.ImportFramework(ctx, catalog.Framework{ID: "demo", Name: "示例", Version: "1"}, inds, "admin"); err != nil {
		t.Fatalf("import framework: %v", err)
	}
	s := NewService(cat, nil)
	tests := []struct {
		indicator, unit string
		number          float64
		warned          bool
	}{
		// The same unit, written in either width: bounds checked.
		{"1.1.1", "%", 150, true},
		{"1.1.1", "％", 150, true},
		{"1.1.2", "%", 150, true},
		{"1.1.2", "％", 150, true},
		{"1.1.5", "元/人", -5, true},
		{"1.1.5", "元／人", -5, true},
		{"1.1.6", "年", 35, true},
		{"1.1.3", "万人", 150000, true}, // 15 亿人
		{"1.1.4", "人", 1.5e9, true},
		// Within bounds in the same unit: nothing to say.
		{"1.1.1", "％", 85.3, false},
		{"1.1.3", "万人", 12.3, false},
		// Another unit: not checked against these bounds.
		{"1.1.3", "人", 150000, false}, // 15 万人, not 15 亿
		{"1.1.4", "万人", 1.5e9, false},
		{"1.1.1", "个百分点", 150, false},
		{"1.1.6", "岁", 35, false},
		{"1.1.5", "元", -5, false},
	}
	for _, tt := range tests {
		v := &catalog.Value{Indicator: tt.indicator, Unit: tt.unit, Number: tt.number}
		if err := s.warnStored(ctx, v); err != nil {
			t.Fatalf("warnStored %s %v%s: %v", tt.indicator, tt.number, tt.unit, err)
		}
		if got := len(v.Warnings) > 0; got != tt.warned {
			t.Errorf("indicator %s (%s) value %v%s: warnings %+v, want warned %v", tt.indicator,
				unitOf(inds, tt.indicator), tt.number, tt.unit, v.Warnings, tt.warned)
		}
	}
}

func unitOf(inds []catalog.Indicator, code string) string {
	for _, ind := range inds {
		if ind.Code == code {
			return ind.Unit
		}
	}
	return ""
}
