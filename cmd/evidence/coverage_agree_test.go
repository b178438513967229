package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/web"
)

// everyStateCells are one cell of each state (coverage.State), and the
// cells whose carried items stand beside their state, among them the
// 全部 cell with evidence the command line called 【待确认】.
var everyStateCells = []coverage.Cell{
	{Code: "1.1.1", Name: "出台推进学习型城市建设的决定", Kind: "qualitative", Documents: 2, Claims: 2, Backed: 2, Verified: 1, Contradicted: 1},
	{Code: "1.1.2", Name: "制定学习型城市建设规划", Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1, Insufficient: 1, ToConfirm: 1},
	{Code: "1.2.1", Name: "成立领导小组", Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1, Verified: 1},
	{Code: "1.2.2", Name: "建立工作协调机制", Kind: "qualitative", Documents: 1, ToConfirm: 1},
	{Code: "1.3.1", Name: "经费投入", Kind: "quantitative", Documents: 1, Values: 1, ValuesNotFound: 1, SourcesDeleted: 1},
	{Code: "1.3.2", Name: "专项经费", Kind: "quantitative", Insufficient: 1, SourcesDeleted: 1},
	{Code: "2.1.1", Name: "社区教育网络建成率", Kind: "quantitative", Documents: 1, Values: 1, ValuesNotFound: 1, Claims: 1, Backed: 1, ClaimsNotFound: 1},
	{Code: "2.1.2", Name: "市民学习活动", Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1, ClaimsNotFound: 1},
	{Code: "2.1.3", Name: "学习活动场次", Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1, ClaimsSpaced: 1},
	{Code: "2.2.1", Name: "市民终身学习账户开户数", Kind: "quantitative", Documents: 1, Values: 1, ValuesSpaced: 1},
	{Code: "2.2.2", Name: "市民终身学习基地数", Kind: "quantitative", Documents: 3},
	{Code: "2.2.3", Name: "学习型组织数", Kind: "quantitative", Documents: 1, Values: 1, QuotesToRecheck: 1, QuoteRecheck: "文本重新读取失败"},
	{Code: "3.1.1", Name: "社区学习共同体", Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1},
	{Code: "3.1.2", Name: "老年教育参与率", Kind: "quantitative", Documents: 1, Values: 1},
	{Code: "3.2.1", Name: "数字化学习资源", Kind: "qualitative", Documents: 2},
	{Code: "3.2.2", Name: "学习型家庭", Kind: "qualitative"},
	{Code: "3.3.1", Name: "全民终身学习活动周", Kind: "qualitative", Documents: 2, ToConfirm: 1, AllRounds: true},
	{Code: "3.3.2", Name: "读书节", Kind: "qualitative", Documents: 1, Verified: 1, ToConfirm: 2, AllRounds: true},
	{Code: "2.3.1", Name: "读书驿站", Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1, QuoteNotFound: true},
	{Code: "2.3.2", Name: "社区学校", Kind: "qualitative", Documents: 1, Claims: 1, Backed: 1, Verified: 1, VerifiedQuoteNotFound: true},
}

// Each view's words of a state, read back, as Chinese users read them
// (a count written N).
var (
	shared = map[string]coverage.State{"与证据矛盾": coverage.StateContradicted, "证据不足": coverage.StateInsufficient,
		"待确认": coverage.StateToConfirm, "出处已删除": coverage.StateSourceDeleted, "数值未在引文中找到": coverage.StateValueNotFound,
		"定性描述中的数字未在引文中找到": coverage.StateClaimNumberNotFound, "定性描述中的数字待核对": coverage.StateClaimNumberToCheck,
		"数值待核对": coverage.StateValueToCheck, "引文待重新核对": coverage.StateQuoteRecheck, "已提交定性描述": coverage.StateClaimed,
		"已填报数值": coverage.StateValued, "引文未找到": coverage.StateQuoteNotFound,
		"已核实（引文在文字中未找到）": coverage.StateVerifiedQuoteNotFound}
	heatSays = with(shared, map[string]coverage.State{"属实": coverage.StateVerified, "N 份材料，缺数值": coverage.StateNoValue,
		"N 份材料": coverage.StateDocuments, "缺少佐证": coverage.StateGap})
	sheetSays = with(shared, map[string]coverage.State{"已核实": coverage.StateVerified, "有佐证，缺数值": coverage.StateNoValue,
		"N": coverage.StateDocuments, "有证据": coverage.StateDocuments, "缺": coverage.StateGap})
)

func with(a, b map[string]coverage.State) map[string]coverage.State {
	out := map[string]coverage.State{}
	for _, m := range []map[string]coverage.State{a, b} {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

var (
	trailingNote = regexp.MustCompile(`（[^（]*）$`)
	digits       = regexp.MustCompile(`[0-9]+`)
)

// readState is the state a view's words say, and whether they say
// 待确认 beside it: the words without their trailing （…） (a count, a
// reason, an example) and their “ · 待确认”, up to words of a state
// (已核实（引文在文字中未找到）'s are its own).
func readState(t *testing.T, view, said string, says map[string]coverage.State) (coverage.State, bool) {
	t.Helper()
	beside := false
	for {
		if _, ok := says[digits.ReplaceAllString(said, "N")]; ok {
			break
		}
		before := said
		said = trailingNote.ReplaceAllString(strings.TrimSpace(said), "")
		if s, ok := strings.CutSuffix(said, " · 待确认"); ok {
			said, beside = s, true
		}
		if said == before {
			break
		}
	}
	st, ok := says[digits.ReplaceAllString(said, "N")]
	if !ok {
		t.Errorf("%s says %q: no state of its words", view, said)
	}
	return st, beside
}

// TestHeatMapSheetAndCommandLineSayOneState: for a matrix with a cell of
// every state, the heat map, the xlsx sheet and `evidence coverage` say
// the cell's state (coverage.Cell.State), each in its own words, and all
// three say 待确认 beside it for the same cells: the command line had
// 【待确认】 for a 全部 cell with evidence, the xlsx and the command line
// nothing of a quote to check again.
func TestHeatMapSheetAndCommandLineSayOneState(t *testing.T) {
	m := &coverage.Matrix{Cities: []coverage.CityCoverage{{Code: "330100", Name: "杭州", Total: len(everyStateCells), Cells: everyStateCells}}}
	seen := map[coverage.State]bool{}
	for _, c := range everyStateCells {
		m.Indicators = append(m.Indicators, coverage.Column{IndicatorName: coverage.IndicatorName{Code: c.Code, Name: c.Name}, Kind: c.Kind})
		seen[c.State()] = true
	}
	for _, st := range coverage.States() {
		if !seen[st] {
			t.Fatalf("no cell of state %d in the matrix", st)
		}
	}
	body, err := m.XLSX(false)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("覆盖情况")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	printCoverage(&out, report.Chinese, m)
	lines := map[string]string{}
	for _, l := range strings.Split(out.String(), "\n") {
		for _, c := range everyStateCells {
			if strings.Contains(l, " "+c.Code+" ") {
				lines[c.Code] = l
			}
		}
	}
	for i, c := range everyStateCells {
		want, wantBeside := c.State(), c.ToConfirm > 0 && c.State() != coverage.StateToConfirm
		_, _, label := web.CellLook(web.Chinese, c)
		heat, heatBeside := readState(t, "heat map "+c.Code, label, heatSays)
		var mark string
		if len(rows) > i+1 && len(rows[i+1]) > 3 {
			mark = rows[i+1][3]
		}
		sheet, sheetBeside := readState(t, "xlsx "+c.Code, mark, sheetSays)
		line := lines[c.Code]
		var cli coverage.State
		var cliBeside bool
		if _, note, ok := strings.Cut(line, "【"); ok {
			cli, cliBeside = readState(t, "evidence coverage "+c.Code, strings.TrimSuffix(note, "】"), sheetSays)
		} else if strings.Contains(line, "  缺  ") {
			cli = coverage.StateGap
		} else {
			cli = coverage.StateDocuments
		}
		if heat != want || sheet != want || cli != want {
			t.Errorf("%s %s: heat map %d (%q), xlsx %d (%q), command line %d (%q); want state %d", c.Code, c.Name, heat, label, sheet, mark, cli, line, want)
		}
		if heatBeside != wantBeside || sheetBeside != wantBeside || cliBeside != wantBeside {
			t.Errorf("%s %s: 待确认 beside on the heat map %v, in the xlsx %v, on the command line %v; want %v", c.Code, c.Name, heatBeside, sheetBeside, cliBeside, wantBeside)
		}
	}
}
