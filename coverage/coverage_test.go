package coverage

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

var inds = []catalog.Indicator{
	{Code: "1", Level: 1, Name: "组织保障"},
	{Code: "1.1", ParentCode: "1", Level: 2, Name: "规划与政策法规"},
	{Code: "1.1.1", ParentCode: "1.1", Level: 3, Name: "出台决定", Kind: catalog.Qualitative},
	{Code: "1.1.2", ParentCode: "1.1", Level: 3, Name: "地方性法规", Kind: catalog.Qualitative},
	{Code: "1.2", ParentCode: "1", Level: 2, Name: "领导与协调机制"},
	{Code: "1.2.1", ParentCode: "1.2", Level: 3, Name: "领导小组", Kind: catalog.Qualitative},
	{Code: "1.2.3", ParentCode: "1.2", Level: 3, Name: "成员单位数", Kind: catalog.Quantitative},
	{Code: "2", Level: 1, Name: "终身学习体系建设"},
	{Code: "2.3", ParentCode: "2", Level: 2, Name: "学习成果认证"},
	{Code: "2.3.1", ParentCode: "2.3", Level: 3, Name: "学分银行", Kind: catalog.Qualitative},
}

// TestUnderRollsKeyIndicatorsUpToTheirAreas: a key indicator's evidence
// counts under itself, its parent and its area; a code above the key
// indicators counts under nothing (a link to 1.1 is no key indicator's
// evidence).
func TestUnderRollsKeyIndicatorsUpToTheirAreas(t *testing.T) {
	under := Under(inds)
	want := map[string][]string{
		"1.1.1": {"1.1.1", "1.1", "1"}, "1.1.2": {"1.1.2", "1.1", "1"},
		"1.2.1": {"1.2.1", "1.2", "1"}, "1.2.3": {"1.2.3", "1.2", "1"},
		"2.3.1": {"2.3.1", "2.3", "2"},
	}
	if !reflect.DeepEqual(under, want) {
		t.Errorf("under %v, want %v", under, want)
	}
}

// TestTreePutsEachNodesCount: the tree holds every indicator under its
// parent with the count given for its code, 0 when none is.
func TestTreePutsEachNodesCount(t *testing.T) {
	roots := Tree(inds, map[string]int{"1": 3, "1.1": 3, "1.1.1": 2, "1.1.2": 2, "1.2": 1, "1.2.1": 1, "2": 1, "2.3": 1, "2.3.1": 1})
	got := map[string]int{}
	var walk func([]*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			got[n.Code] = n.Evidence
			walk(n.Children)
		}
	}
	walk(roots)
	want := map[string]int{"1": 3, "1.1": 3, "1.1.1": 2, "1.1.2": 2, "1.2": 1, "1.2.1": 1, "1.2.3": 0, "2": 1, "2.3": 1, "2.3.1": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tree counts %v, want %v", got, want)
	}
	if len(roots) != 2 || len(roots[0].Children) != 2 || len(roots[0].Children[0].Children) != 2 {
		t.Errorf("tree shape wrong: %+v", roots)
	}
}

func TestMatrixPutsQualitativeGapsFirst(t *testing.T) {
	cities := []catalog.City{{Code: "330100", Name: "杭州"}, {Code: "510100", Name: "成都"}}
	counts := []catalog.LinkCount{
		{City: "330100", Indicator: "1.1.1", Documents: 2},
		{City: "330100", Indicator: "2.3.1", Documents: 1},
		{City: "510100", Indicator: "1.2.3", Documents: 4},
	}
	claims := []catalog.ClaimCount{{City: "330100", Indicator: "2.3.1", Claims: 2, Verified: 1}}
	m := Build(2017, cities, inds, counts, claims)
	m.Finish()
	if len(m.Indicators) != 5 {
		t.Fatalf("%d key indicators, want 5", len(m.Indicators))
	}
	hz := m.Cities[0]
	if hz.Covered != 2 || hz.Total != 5 {
		t.Errorf("杭州 covered %d of %d, want 2 of 5", hz.Covered, hz.Total)
	}
	order := ""
	for _, c := range hz.Cells {
		order += c.Code + " "
	}
	// Qualitative gaps (1.1.2, 1.2.1), quantitative gap (1.2.3), then covered.
	if order != "1.1.2 1.2.1 1.2.3 1.1.1 2.3.1 " {
		t.Errorf("杭州 cells in order %q", order)
	}
	if last := hz.Cells[len(hz.Cells)-1]; last.Code != "2.3.1" || last.Claims != 2 || last.Verified != 1 {
		t.Errorf("杭州 2.3.1 claims %+v", last)
	}
	// 成都's 1.2.3 has documents but no value: quantitative, it is no
	// covered indicator (TestAQuantitativeIndicatorIsCoveredByItsValue).
	cd := m.Cities[1]
	if cd.Covered != 0 || cd.Cells[len(cd.Cells)-1].Code != "1.2.3" || cd.Cells[len(cd.Cells)-1].Documents != 4 {
		t.Errorf("成都 %+v", cd)
	}

	data, err := m.XLSX(false)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("覆盖情况")
	if len(rows) != 6 || rows[0][3] != "杭州\uFF08330100\uFF09" || rows[1][0] != "1.1.1" || rows[1][3] != "2" || rows[2][3] != "缺" ||
		rows[4][3] != "缺" || rows[4][4] != "有佐证\uFF0C缺数值\uFF084 份\uFF09" || rows[5][3] != "已核实\uFF081 份\uFF09" {
		t.Errorf("xlsx rows %v", rows)
	}
}

// TestAQuantitativeIndicatorIsCoveredByItsValue: 成都 has four documents
// for 成员单位数 (1.2.3, quantitative) and no value: it does not count as
// covered, as the report says 缺; once a value citing one is reported, it
// does. Build counts nothing: Finish counts, once the values are in.
func TestAQuantitativeIndicatorIsCoveredByItsValue(t *testing.T) {
	cities := []catalog.City{{Code: "510100", Name: "成都"}}
	counts := []catalog.LinkCount{{City: "510100", Indicator: "1.2.3", Documents: 4}}
	m := Build(2018, cities, inds, counts, nil)
	m.Finish()
	if got := m.Cities[0].Covered; got != 0 {
		t.Errorf("成都 with documents and no value for 1.2.3: %d covered, want 0", got)
	}
	m = Build(2018, cities, inds, counts, nil)
	if got := m.Cities[0].Covered; got != 0 {
		t.Errorf("Build alone counts %d covered, want none until Finish", got)
	}
	m.AddValues([]catalog.Value{{City: "510100", Round: 2018, Indicator: "1.2.3", Number: 36, Given: "36", ValueFound: true,
		Status: catalog.ClaimPending, Citation: catalog.Citation{DocumentID: "D1", Page: 1, Quote: "成员单位36个"}}}, nil, nil)
	m.Finish()
	if got := m.Cities[0].Covered; got != 1 {
		t.Errorf("成都 with a value for 1.2.3: %d covered, want 1", got)
	}
}

// TestXLSXCellSaysWhatTheHeatMapSays: a coverage spreadsheet's cell reads
// as the heat map's cell: what a reviewer found outweighs the count, a
// submitted claim citing a live document is no gap even without a linked
// document, an indicator with nothing at all is 缺 whatever its kind, and
// a claim's number in no quote is the claim's (定性描述中的数字未在引文中找到),
// a value's the value's.
func TestXLSXCellSaysWhatTheHeatMapSays(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cell   Cell
		zh, en any
	}{
		{"与证据矛盾", Cell{Documents: 2, Claims: 2, Verified: 1, Contradicted: 1, Backed: 2}, "与证据矛盾\uFF082 份\uFF09", "Contradicted by evidence (2 documents)"},
		{"已核实", Cell{Documents: 1, Claims: 1, Verified: 1, Backed: 1}, "已核实\uFF081 份\uFF09", "Verified (1 document)"},
		{"定性描述未关联文档", Cell{Claims: 1, Backed: 1}, "已提交定性描述", "Claim submitted"},
		{"定性描述引用的文档已撤回", Cell{Claims: 1}, "缺", "Gap"},
		{"只有关联文档", Cell{Documents: 3}, 3, 3},
		{"定量指标什么都没有", Cell{Kind: "quantitative"}, "缺", "Gap"},
		{"数值仅见以空格分开的数字", Cell{Kind: "quantitative", Documents: 2, Values: 1, ValuesSpaced: 1}, "数值待核对\uFF082 份\uFF09", "A value's number to check (2 documents)"},
		{"定性描述中的数字未在引文中找到", Cell{Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1, ClaimsNotFound: 1}, "定性描述中的数字未在引文中找到\uFF081 份\uFF09", "A claim's number not found in its quotes (1 document)"},
		{"数值未在引文中找到", Cell{Kind: "quantitative", Documents: 1, Values: 1, ValuesNotFound: 1, Claims: 1, Backed: 1, ClaimsNotFound: 1}, "数值未在引文中找到\uFF081 份\uFF09", "Number not found in its quote (1 document)"},
	} {
		if got := xlsxWords[false].cellMark(tt.cell); got != tt.zh {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.zh)
		}
		if got := xlsxWords[true].cellMark(tt.cell); got != tt.en {
			t.Errorf("%s in English: %v, want %v", tt.name, got, tt.en)
		}
	}
}

// TestAValueFoundOnlySpacedIsANumberToCheck: 杭州's 1200人 for 1.2.3 is
// found in its quote “累计开户 1 200 人” only as digits parted by a space
// (one number, or a table's 1 and 200): while it waits for review the
// cell counts it in ValuesSpaced and its status is number_to_check, as a
// claim's would be; a value reviewed, not found, written plainly, whose
// quote is to be checked again or whose source is withdrawn is not (probe
// s30 §3).
func TestAValueFoundOnlySpacedIsANumberToCheck(t *testing.T) {
	spaced := func(v *catalog.Value) string {
		if strings.Contains(v.Citation.Quote, "1 200") {
			return "1 200"
		}
		return ""
	}
	pending := catalog.Value{City: "330100", Round: 2018, Indicator: "1.2.3", Number: 1200, Given: "1200", Unit: "人", ValueFound: true,
		Status: catalog.ClaimPending, Citation: catalog.Citation{DocumentID: "D1", Page: 1, Quote: "累计开户 1 200 人", QuoteFound: true, FoundOnPage: 1}}
	for _, tt := range []struct {
		name   string
		change func(v *catalog.Value)
		check  ValueSpaced
		want   int
		status string
	}{
		{"待审核，仅见以空格分开的数字", func(*catalog.Value) {}, spaced, 1, StatusNumberToCheck},
		{"引文中写作1200", func(v *catalog.Value) { v.Citation.Quote = "累计开户1200人" }, spaced, 0, StatusEvidence},
		{"已审核属实", func(v *catalog.Value) { v.Status = catalog.ClaimVerified }, spaced, 0, StatusVerified},
		{"数值未在引文中找到", func(v *catalog.Value) { v.ValueFound = false }, spaced, 0, StatusValueNotFound},
		{"引文待重新核对", func(v *catalog.Value) { v.Citation.RecheckError = "文本重新读取失败" }, spaced, 0, StatusEvidence},
		{"来源文档已撤回", func(*catalog.Value) {}, spaced, 0, StatusSourceDeleted},
		{"未接入核对", func(*catalog.Value) {}, nil, 0, StatusEvidence},
	} {
		v := pending
		tt.change(&v)
		withdrawn := map[string]bool{}
		documents := 1
		if tt.name == "来源文档已撤回" {
			withdrawn["D1"], documents = true, 0
		}
		m := Build(2018, []catalog.City{{Code: "330100", Name: "杭州"}}, inds, []catalog.LinkCount{{City: "330100", Indicator: "1.2.3", Documents: documents}}, nil)
		m.AddValues([]catalog.Value{v}, withdrawn, tt.check)
		for _, c := range m.Cities[0].Cells {
			if c.Code == "1.2.3" && (c.ValuesSpaced != tt.want || c.Status() != tt.status) {
				t.Errorf("%s: values_spaced %d, status %s; want %d, %s", tt.name, c.ValuesSpaced, c.Status(), tt.want, tt.status)
			}
		}
	}
}
