package api

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/framework"
)

// importNamed imports today's framework again, as the admin, with code
// named name: plainly, or for the next round (the current round keeps the
// names it has).
func (e *env) importNamed(code, name string, nextRound bool) {
	e.t.Helper()
	ctx := context.Background()
	fw, inds, err := e.cat.CurrentFramework(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	for i := range inds {
		if inds[i].Code == code {
			inds[i].Name = name
		}
	}
	table, err := framework.ExportCSV(inds)
	if err != nil {
		e.t.Fatal(err)
	}
	imp := e.deps.Framework.Import
	if nextRound {
		imp = e.deps.Framework.ImportForNextRound
	}
	if _, err := imp(ctx, framework.System, "体系.csv", table, *fw); err != nil {
		e.t.Fatal(err)
	}
}

// keptRound is a round that keeps its names: the current round, its names
// kept by an import for the next round, unless one keeps them already.
func (e *env) keptRound() int {
	e.t.Helper()
	rounds, err := e.cat.Rounds(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, rd := range rounds {
		if rd.NamesKept {
			return rd.Year
		}
	}
	e.importNamed("2.3.1", "建立学分银行或学分积累、转换与认证制度", true)
	return e.keptRound()
}

// TestCorrectingARoundsKeptName: 2018 was monitored under a framework
// with a typo in 2.3.1 (学分银行建役) and kept it when 2019 was made
// current; the framework was corrected since. GET
// /api/v1/rounds/2018/indicators shows the kept name with 现名; a
// coordinator may not correct it; the admin's empty name, another
// indicator's name and the current round are refused in Chinese; the
// admin's correction is answered with the old name, listed, and audited.
func TestCorrectingARoundsKeptName(t *testing.T) {
	e := newEnv(t)
	const typo, right = "学分银行建役", "建立学分银行制度"
	e.importNamed("2.3.1", typo, false)
	if resp, body := e.do(e.request("POST", "/api/v1/rounds", map[string]any{"year": 2019, "current": true}), "admin"); resp.StatusCode != 201 {
		t.Fatalf("make 2019 current: %d %v", resp.StatusCode, body)
	}
	e.importNamed("2.3.1", right, false)
	if got := e.kept(2018, "2.3.1"); got["name"] != typo || got["now"] != right || got["shown"] != typo+"（现名："+right+"）" {
		t.Fatalf("2018's 2.3.1 before the correction: %v, want the typo with 现名", got)
	}
	path := "/api/v1/rounds/2018/indicators/2.3.1"
	if resp, _ := e.do(e.request("PATCH", path, map[string]any{"name": right}), "coordA"); resp.StatusCode != 403 {
		t.Errorf("a coordinator correcting a round's name: %d, want 403", resp.StatusCode)
	}
	for _, c := range []struct {
		path, name string
		status     int
		says       string
	}{
		{path, " ", 400, "指标名称不能为空"},
		{path, "市民终身学习卡与个人学习档案", 409, "2.3.2 已叫“市民终身学习卡与个人学习档案”"},
		{"/api/v1/rounds/2019/indicators/2.3.1", right, 400, "2019年度是当前轮次，其指标名称随当前指标体系"},
		{"/api/v1/rounds/2018/indicators/9.9.9", right, 404, "没有编码为 9.9.9 的指标"},
	} {
		resp, body := e.do(e.request("PATCH", c.path, map[string]any{"name": c.name}), "admin")
		if resp.StatusCode != c.status || !strings.Contains(fmt.Sprint(body["error"]), c.says) {
			t.Errorf("PATCH %s %q: %d %v, want %d saying %q", c.path, c.name, resp.StatusCode, body, c.status, c.says)
		}
	}
	resp, body := e.do(e.request("PATCH", path, map[string]any{"name": right}), "admin")
	if resp.StatusCode != 200 || body["old_name"] != typo || body["name"] != right {
		t.Fatalf("the admin's correction: %d %v", resp.StatusCode, body)
	}
	if got := e.kept(2018, "2.3.1"); got["name"] != right || got["now"] != nil || got["shown"] != right {
		t.Errorf("2018's 2.3.1 after the correction: %v, want the right name alone", got)
	}
	events, err := e.cat.Events(context.Background(), "round:2018", 5)
	if err != nil || len(events) == 0 || events[0].Action != "round.correct_name" || events[0].User != "admin" ||
		events[0].Detail["from"] != typo || events[0].Detail["to"] != right {
		t.Errorf("the audit entry of the correction: %+v %v", events, err)
	}
}

// TestCorrectingARoundsKeptEnglishName: the admin corrects 2018's kept
// English name of 2.3.1 alone (the Chinese name stays): the answer has
// the old and new English name, GET ?lang=en shows it, the audit entry
// has from_en/to_en; an English name 2.3.2 has is a 409 in Chinese and,
// with lang=en, in English.
func TestCorrectingARoundsKeptEnglishName(t *testing.T) {
	e := newEnv(t)
	const typo, right = "学分银行建役", "建立学分银行制度"
	e.importNamed("2.3.1", typo, false)
	if resp, body := e.do(e.request("POST", "/api/v1/rounds", map[string]any{"year": 2019, "current": true}), "admin"); resp.StatusCode != 201 {
		t.Fatalf("make 2019 current: %d %v", resp.StatusCode, body)
	}
	path := "/api/v1/rounds/2018/indicators/2.3.1"
	was := e.kept(2018, "2.3.1")
	resp, body := e.do(e.request("PATCH", path, map[string]any{"name_en": " Credit bank system "}), "admin")
	if resp.StatusCode != 200 || body["name"] != typo || body["name_en"] != "Credit bank system" || body["old_name_en"] != fmt.Sprint(orEmpty(was["name_en"])) {
		t.Fatalf("the English correction: %d %v", resp.StatusCode, body)
	}
	if got := e.kept(2018, "2.3.1"); got["name"] != typo || got["name_en"] != "Credit bank system" {
		t.Errorf("2018's 2.3.1 after the English correction: %v", got)
	}
	resp, body = e.do(e.request("GET", "/api/v1/rounds/2018/indicators?lang=en", nil), "expert")
	if resp.StatusCode != 200 || !strings.Contains(fmt.Sprint(body["indicators"]), "shown:Credit bank system") {
		t.Errorf("2018's names in English: %d %v, want 2.3.1 shown as corrected", resp.StatusCode, body)
	}
	events, err := e.cat.Events(context.Background(), "round:2018", 5)
	if err != nil || len(events) == 0 || events[0].Action != "round.correct_name" || events[0].Detail["to_en"] != "Credit bank system" || events[0].Detail["to"] != nil {
		t.Errorf("the audit entry of the English correction: %+v %v", events, err)
	}
	other := fmt.Sprint(orEmpty(e.kept(2018, "2.3.2")["name_en"]))
	if other == "" {
		t.Fatal("the demo framework's 2.3.2 has no English name")
	}
	for lang, says := range map[string]string{"": "2.3.2 的英文名称已是“" + other + "”", "?lang=en": "indicator 2.3.2's English name is already “" + other + "”"} {
		resp, body := e.do(e.request("PATCH", path+lang, map[string]any{"name_en": other}), "admin")
		if resp.StatusCode != 409 || !strings.Contains(fmt.Sprint(body["error"]), says) {
			t.Errorf("PATCH %s another indicator's English name: %d %v, want 409 saying %q", lang, resp.StatusCode, body, says)
		}
	}
	stale := map[string]any{"name_en": "Credit banks", "was_name_en": "Credit bank"}
	if resp, body := e.do(e.request("PATCH", path, stale), "admin"); resp.StatusCode != 409 || !strings.Contains(fmt.Sprint(body["error"]), "英文名称在你打开页面后已被他人由“Credit bank”改为“Credit bank system”，与你填写的“Credit banks”冲突") {
		t.Errorf("PATCH from a stale read: %d %v, want 409 saying who changed it since", resp.StatusCode, body)
	}
}

func orEmpty(v any) any {
	if v == nil {
		return ""
	}
	return v
}

// kept is code as GET /api/v1/rounds/{round}/indicators lists it.
func (e *env) kept(round int, code string) map[string]any {
	e.t.Helper()
	_, body := e.do(e.request("GET", fmt.Sprintf("/api/v1/rounds/%d/indicators", round), nil), "expert")
	inds, _ := body["indicators"].([]any)
	for _, x := range inds {
		if ind := x.(map[string]any); ind["code"] == code {
			return ind
		}
	}
	e.t.Fatalf("round %d lists no %s: %v", round, code, body)
	return nil
}
