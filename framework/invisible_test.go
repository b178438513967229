package framework

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestImportDropsInvisibleCharactersFromNames: a name pasted with a
// zero-width space (U+200B) or a byte-order mark, and spaces around it,
// is imported as a round's correction would store it, so that the kept
// name the round's page shows is the one the correction compares with; a
// name of nothing but invisible characters is a missing one.
func TestImportDropsInvisibleCharactersFromNames(t *testing.T) {
	head := "code,name,name_en,kind\n1,组织保障,,\n1.1,规划与政策法规,,\n"
	for _, tt := range []struct {
		name, row    string
		want, wantEN string
		refused      string
	}{
		{"a zero-width space inside", "1.1.1,社区教\u200b育覆盖率,Commu\u200bnity coverage,定性\n", "社区教育覆盖率", "Community coverage", ""},
		{"a byte-order mark and spaces around", "1.1.1, \ufeff社区教育覆盖率 ,\u200b Coverage ,定性\n", "社区教育覆盖率", "Coverage", ""},
		{"nothing but a zero-width space", "1.1.1,\u200b,,定性\n", "", "", "缺少指标名称"},
	} {
		p, err := Parse("体系.csv", []byte(head+tt.row), catalog.Framework{ID: "t", Name: "测试", Version: "1"})
		if tt.refused != "" {
			if !strings.Contains(catalog.ErrorMessage(err), tt.refused) {
				t.Errorf("%s: %v, want it refused: %s", tt.name, err, tt.refused)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := p.Indicators[len(p.Indicators)-1]
		if got.Name != tt.want || got.NameEN != tt.wantEN {
			t.Errorf("%s: imported %q / %q, want %q / %q", tt.name, got.Name, got.NameEN, tt.want, tt.wantEN)
		}
	}
}
