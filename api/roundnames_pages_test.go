package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// pastRoundRenamed makes 2018 a past round that kept 2.3.1 as typo, with
// the English name typoEN corrected into it, while today's framework
// names it right, and 2019 the current round.
func (e *env) pastRoundRenamed() (typo, typoEN, right string) {
	e.t.Helper()
	typo, typoEN, right = "学分银行建役", "Credit bank (2018 wording)", "建立学分银行制度"
	e.importNamed("2.3.1", typo, false)
	if resp, body := e.do(e.request("POST", "/api/v1/rounds", map[string]any{"year": 2019, "current": true}), "admin"); resp.StatusCode != 201 {
		e.t.Fatalf("make 2019 current: %d %v", resp.StatusCode, body)
	}
	e.importNamed("2.3.1", right, false)
	if resp, body := e.do(e.request("PATCH", "/api/v1/rounds/2018/indicators/2.3.1", map[string]any{"name_en": typoEN}), "admin"); resp.StatusCode != 200 {
		e.t.Fatalf("2018's English name: %d %v", resp.StatusCode, body)
	}
	return typo, typoEN, right
}

// entryOf is the object of list (a JSON array) whose code is code.
func entryOf(t *testing.T, list any, code string) map[string]any {
	t.Helper()
	items, _ := list.([]any)
	for _, x := range items {
		if m, ok := x.(map[string]any); ok && m["code"] == code {
			return m
		}
	}
	t.Fatalf("no %s in %v", code, list)
	return nil
}

// TestCoverageNamesARoundsIndicatorsAsItDid: GET /api/v1/coverage for
// 2018 (a past round that keeps its names) names 2.3.1 as 2018 did, in
// Chinese and English, with today's names as now/now_en; for 2019 (the
// current round) and for all rounds it has today's names alone.
func TestCoverageNamesARoundsIndicatorsAsItDid(t *testing.T) {
	e := newEnv(t)
	typo, typoEN, right := e.pastRoundRenamed()
	resp, body := e.do(e.request("GET", "/api/v1/coverage?city="+cityA+"&round=2018", nil), "expert")
	if resp.StatusCode != 200 || body["names_kept"] != true {
		t.Fatalf("2018's coverage: %d %v, want names_kept", resp.StatusCode, body)
	}
	col := entryOf(t, body["indicators"], "2.3.1")
	if col["name"] != typo || col["name_en"] != typoEN || col["now"] != right || col["now_en"] == nil {
		t.Errorf("2018's column 2.3.1: %v, want %q/%q with today's %q as now", col, typo, typoEN, right)
	}
	cities, _ := body["cities"].([]any)
	if len(cities) != 1 || entryOf(t, cities[0].(map[string]any)["cells"], "2.3.1")["name"] != typo {
		t.Errorf("2018's cell 2.3.1: %v, want it named %q", cities, typo)
	}
	for _, round := range []string{"2019", ""} {
		_, body := e.do(e.request("GET", "/api/v1/coverage?city="+cityA+"&round="+round, nil), "expert")
		if col := entryOf(t, body["indicators"], "2.3.1"); col["name"] != right || col["now"] != nil || body["names_kept"] != nil {
			t.Errorf("round %q's column 2.3.1: %v (names_kept %v), want today's %q alone", round, col, body["names_kept"], right)
		}
	}
}

// TestCompareNamesEachRoundAsItDid: GET /api/v1/coverage/compare with
// 2018 alone names the row as 2018 did (Chinese and English) with
// today's name as now; with 2018 and 2019 the row has today's name (the
// latest round's) and 2018's cell its own names.
func TestCompareNamesEachRoundAsItDid(t *testing.T) {
	e := newEnv(t)
	typo, typoEN, right := e.pastRoundRenamed()
	_, body := e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds=2018", nil), "expert")
	row := entryOf(t, body["indicators"], "2.3.1")
	if row["name"] != typo || row["name_en"] != typoEN || row["now"] != right {
		t.Errorf("2018's row 2.3.1: %v, want %q/%q now %q", row, typo, typoEN, right)
	}
	_, body = e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds=2018,2019", nil), "expert")
	row = entryOf(t, body["indicators"], "2.3.1")
	cells, _ := row["rounds"].([]any)
	if row["name"] != right || row["now"] != nil || len(cells) != 2 {
		t.Fatalf("row 2.3.1 of 2018 and 2019: %v, want today's %q", row, right)
	}
	if c18, c19 := cells[0].(map[string]any), cells[1].(map[string]any); c18["name"] != typo || c18["name_en"] != typoEN || c19["name"] != nil {
		t.Errorf("cells of 2.3.1: 2018 %v, 2019 %v; want 2018 named %q/%q, 2019 unnamed (today's)", c18, c19, typo, typoEN)
	}
}

// TestAssignmentsNameARoundsIndicatorsAsItDid: a 2018 task of 2.3.1 is
// listed with 2018's name and today's as indicator_now (in English
// indicator_now_en), and the
// missing-materials sheet writes 旧名（现名：新名）; a 2019 task has
// today's name alone.
func TestAssignmentsNameARoundsIndicatorsAsItDid(t *testing.T) {
	e := newEnv(t)
	typo, _, right := e.pastRoundRenamed()
	ctx := context.Background()
	for _, round := range []int{2018, 2019} {
		if _, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: round, Indicator: "2.3.1",
			Department: "市教育局", Due: fmt.Sprintf("%d-10-31", round)}); err != nil {
			t.Fatal(err)
		}
	}
	today, err := e.cat.Indicator(ctx, "2.3.1")
	if err != nil || today.NameEN == "" {
		t.Fatalf("today's 2.3.1: %+v %v, want an English name", today, err)
	}
	for round, want := range map[int][3]any{2018: {typo, right, today.NameEN}, 2019: {right, nil, nil}} {
		_, body := e.do(e.request("GET", fmt.Sprintf("/api/v1/assignments?city=%s&round=%d", cityA, round), nil), "coordA")
		list, _ := body["assignments"].([]any)
		if len(list) != 1 {
			t.Fatalf("%d's assignments: %v", round, body)
		}
		if a := list[0].(map[string]any); a["indicator_name"] != want[0] || a["indicator_now"] != want[1] || a["indicator_now_en"] != want[2] {
			t.Errorf("%d's task of 2.3.1: %v, want indicator_name %v, indicator_now %v, indicator_now_en %v", round, a, want[0], want[1], want[2])
		}
	}
	resp, data, err := e.fetch(e.request("GET", "/api/v1/assignments/missing.xlsx?city="+cityA+"&round=2018", nil), "coordA")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("missing materials: %v %v %.200s", resp, err, data)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("未交材料")
	if len(rows) != 2 || len(rows[1]) < 4 || rows[1][3] != typo+"（现名："+right+"）" {
		t.Errorf("missing materials of 2018: %v, want 2.3.1 as %s（现名：%s）", rows, typo, right)
	}
	if !strings.Contains(rows[0][3], "关键指标") {
		t.Errorf("header %v", rows[0])
	}
}
