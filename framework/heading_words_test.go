package framework

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestMissingHeadingSaysItsColumnInChinese: a table without a needed
// heading names the column by its Chinese heading with the English one in
// brackets (指标类型(kind)), and in English the other way round, never
// a bare English word in a Chinese sentence.
func TestMissingHeadingSaysItsColumnInChinese(t *testing.T) {
	for _, tt := range []struct {
		data, zh, en string
	}{
		{"编码,名称\n1,组织保障\n", "没有含 指标类型\uFF08kind\uFF09列的表头", "the kind column (指标类型)"},
		{"类型,名称\n定性,组织保障\n", "没有含 指标编码\uFF08code\uFF09列的表头", "the code column (指标编码)"},
		{"code,kind\n1,qualitative\n", "没有含 指标名称\uFF08name\uFF09列的表头", "the name column (指标名称)"},
	} {
		_, err := Parse("x.csv", []byte(tt.data), catalog.Framework{})
		zh, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
		if !strings.Contains(zh, tt.zh) || !strings.Contains(en, tt.en) {
			t.Errorf("%.20q: %q / %q, want %q and %q", tt.data, zh, en, tt.zh, tt.en)
		}
		if strings.Contains(zh, "code, name") {
			t.Errorf("%.20q: %q lists the headings in English", tt.data, zh)
		}
	}
}

// TestCodeHeadedIndicatorNumber: a framework table whose code column is
// headed 指标编号, as many cities' tables are, imports its codes.
func TestCodeHeadedIndicatorNumber(t *testing.T) {
	p, err := Parse("体系.csv", []byte("指标编号,指标名称,指标类型\n1,组织保障,\n1.1,规划,\n1.1.1,出台决定,定性\n"), catalog.Framework{ID: "t", Name: "测试", Version: "1"})
	if err != nil {
		t.Fatalf("a table headed 指标编号: %v", err)
	}
	if n := len(p.Indicators); n != 3 || p.Indicators[2].Code != "1.1.1" {
		t.Errorf("a table headed 指标编号 read %d indicators %+v, want 1, 1.1 and 1.1.1", n, p.Indicators)
	}
}
