package framework

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestImportRefusesANameLongerThanACorrectionMay: a round's kept names
// are copied from the framework, and a correction refuses a name over
// catalog.MaxIndicatorName characters; an import refuses one too, naming
// its row, and imports nothing, whatever the file's format. A name of
// exactly the limit is imported.
func TestImportRefusesANameLongerThanACorrectionMay(t *testing.T) {
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	svc := NewService(cat)
	if _, err := svc.EnsureDemo(ctx); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("学", catalog.MaxIndicatorName+1)
	longEN := strings.Repeat("e", catalog.MaxIndicatorName+1)
	atLimit := strings.Repeat("学", catalog.MaxIndicatorName)
	rows := func(name, nameEN string) [][]string {
		return [][]string{
			{"code", "name", "name_en", "kind"},
			{"1", "组织保障", "", ""},
			{"1.1", "规划与政策法规", "", ""},
			{"1.1.1", "出台推进学习型城市建设的决定", "", "定性"},
			{"1.1.2", name, nameEN, "定量"},
		}
	}
	for _, tt := range []struct {
		name, file string
		data       []byte
		phrase     string // "" when the import must succeed
		english    string
	}{
		{"a Chinese name of 201 characters in a CSV", "指标体系.csv", csvOf(rows(long, "")),
			"第 5 行(编码“1.1.2”):指标名称太长(201 个字符);最多 200 个字符",
			`Row 5 (code “1.1.2”): The indicator's name is too long (201 characters); at most 200 characters`},
		{"an English name of 201 characters in an XLSX", "指标体系.xlsx", makeXLSX(t, rows("社区教育参与率", longEN)),
			"第 5 行(编码“1.1.2”):英文名称太长(201 个字符);最多 200 个字符",
			`Row 5 (code “1.1.2”): The English name is too long (201 characters); at most 200 characters`},
		{"a Chinese name of 201 characters in a YAML", "指标体系.yaml", []byte("framework: {id: t, name: 测试, version: \"2\"}\nindicators:\n" +
			"  - code: \"1\"\n    name: 组织保障\n    children:\n      - code: \"1.1\"\n        name: 规划\n        children:\n" +
			"          - {code: \"1.1.1\", name: " + long + ", kind: 定性}\n"),
			"indicators[1].children[1].children[1](编码“1.1.1”):指标名称太长(201 个字符)", ""},
		{"names of exactly 200 characters", "指标体系.csv", csvOf(rows(atLimit, strings.Repeat("e", catalog.MaxIndicatorName))), "", ""},
	} {
		_, before, err := svc.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Import(ctx, System, tt.file, tt.data, catalog.Framework{ID: "t", Name: "测试", Version: "2"})
		_, after, cerr := svc.Current(ctx)
		if cerr != nil {
			t.Fatal(cerr)
		}
		if tt.phrase == "" {
			if err != nil || len(after) != 4 || after[3].Name != atLimit {
				t.Errorf("%s: %v, %d indicators, want the four imported", tt.name, err, len(after))
			}
			continue
		}
		if want := catalog.Fullwidth(tt.phrase); catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), want) {
			t.Errorf("%s: %v, want EINVALID saying %q", tt.name, err, want)
		}
		if !strings.Contains(catalog.ErrorMessage(err), catalog.Fullwidth("未导入任何内容")) {
			t.Errorf("%s: %q does not say nothing was imported", tt.name, catalog.ErrorMessage(err))
		}
		if tt.english != "" && !strings.Contains(catalog.MessageIn(err, true), tt.english) {
			t.Errorf("%s: English %q, want %q", tt.name, catalog.MessageIn(err, true), tt.english)
		}
		if len(after) != len(before) || after[0].Name != before[0].Name {
			t.Errorf("%s: the framework changed (%d indicators, was %d): part of a refused file imported", tt.name, len(after), len(before))
		}
	}
}

func csvOf(rows [][]string) []byte {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return []byte(b.String())
}
