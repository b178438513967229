package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRoundCurrent: `evidence round current` makes a round added without
// --current the current one, on the data folder and through a running
// archive, and says what the round still lacks; adding it again says how
// (probe s27 finding 2).
func TestRoundCurrent(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := runCLI(t, "round", "add", "--data", data, "--year", "2019"); err != nil {
		t.Fatal(err)
	}
	_, err := runCLI(t, "round", "add", "--data", data, "--year", "2019", "--current")
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(describe(err), "evidence round current --year 2019") {
		t.Errorf("round add of 2019 again: %v, want a conflict naming evidence round current", err)
	}
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"--year", "2019"}, []string{"已将监测轮次 2019 设为当前轮次", "尚无城市结转到 2019年度", "2019年度尚无责任分解表"}},
		{[]string{"--year", "2019"}, []string{"监测轮次 2019 已是当前轮次"}},
		{[]string{"--year", "2018", "--lang", "en"}, []string{"The monitoring round 2018 is now the current round"}},
	}
	for _, st := range steps {
		out, err := runCLI(t, append([]string{"round", "current", "--data", data}, st.args...)...)
		if err != nil {
			t.Fatalf("round current %v: %v", st.args, err)
		}
		for _, w := range st.want {
			if !strings.Contains(out, w) {
				t.Errorf("round current %v: no %q in %q", st.args, w, out)
			}
		}
	}
	// 2020 carried into before it is made current: told that what 2019
	// gained since is not carried, and how to carry it (s28 D6).
	if _, err := runCLI(t, "round", "add", "--data", data, "--year", "2020"); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(t.Context(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cat.CarryOver(t.Context(), "330100", 2019, 2020, "admin")
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "round", "current", "--data", data, "--year", "2020")
	if want := "2020年度此前已结转过；此后上一轮新增的关联、定性描述和数值未自动结转：如需补结转，请在“结转事项核对”页面点“从上一轮结转”"; err != nil || !strings.Contains(out, want) {
		t.Errorf("round current --year 2020, carried into before: %q %v, want %q", out, err, want)
	}
	if _, err := runCLI(t, "round", "current", "--data", data, "--year", "2018"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "round", "current", "--data", data, "--year", "2031"); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("round current --year 2031: %v, want not found", err)
	}

	s := startServer(t, data)
	out, err = runCLI(t, "round", "current", "--year", "2019", "--server", s.base, "--token", s.token)
	if err != nil || !strings.Contains(out, "已将监测轮次 2019 设为当前轮次") {
		t.Errorf("round current --server: %q %v", out, err)
	}
	coord := addUser(t, data, "--name", "hz-coord", "--role", "coordinator", "--city", "330100", "--department", "市教育局")
	if _, err := runCLI(t, "round", "current", "--year", "2018", "--server", s.base, "--token", coord); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("round current --server as a coordinator: %v, want forbidden", err)
	}
}

// TestRoundAddThroughARunningServer: an admin adds a round through the
// API (round add --server); adding it again says how to make it current;
// a coordinator is refused, told that an administrator must do it, as
// round current --server tells them, in Chinese and in English.
func TestRoundAddThroughARunningServer(t *testing.T) {
	s := startServer(t, "")
	out, err := runCLI(t, "round", "add", "--year", "2021", "--label", "2021年度监测", "--server", s.base, "--token", s.token)
	if err != nil || !strings.Contains(out, "已添加监测轮次 2021") {
		t.Fatalf("round add --server: %q %v", out, err)
	}
	status, body := s.get("/api/v1/rounds", nil)
	if status != 200 || !strings.Contains(mustJSON(t, body), `"label":"2021年度监测"`) {
		t.Errorf("the server's rounds after round add --server: %d %s", status, mustJSON(t, body))
	}
	_, err = runCLI(t, "round", "add", "--year", "2021", "--server", s.base, "--token", s.token)
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(describe(err), "evidence round current --year 2021") {
		t.Errorf("round add --server of 2021 again: %v, want a conflict naming evidence round current", err)
	}
	coord := addUser(t, s.dataDir, "--name", "hz-coord", "--role", "coordinator", "--city", "330100")
	for _, args := range [][]string{{"round", "add", "--year", "2022"}, {"round", "current", "--year", "2021"}} {
		args = append(args, "--server", s.base, "--token", coord)
		_, err := runCLI(t, args...)
		if want := "您的角色（协调员）不能执行此操作，请由管理员执行"; catalog.ErrorCode(err) != catalog.EFORBIDDEN || describe(err) != want {
			t.Errorf("%v as a coordinator: %v, want %q", args, err, want)
		}
		said := englishRun(t, append(args, "--lang", "en")...)
		if !strings.Contains(said, "Your role (coordinator) cannot do this; ask an administrator to do it") {
			t.Errorf("%v --lang en as a coordinator says %q", args, said)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRoundList: `evidence round list` lists the rounds under Chinese
// columns (English with --lang en), the current one marked, on the data
// folder and through a running archive with any role's token; --json is
// the API's shape in both modes (probe s29 §8).
func TestRoundList(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := runCLI(t, "round", "add", "--data", data, "--year", "2030", "--label", "2030年度试点监测"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "round", "add", "--data", data, "--year", "2031", "--current"); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "round", "list", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	row := func(year string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, year+"  ") {
				return l
			}
		}
		return ""
	}
	if !strings.HasPrefix(lines[0], "年度") || !strings.Contains(lines[0], "当前轮次") ||
		!strings.HasPrefix(row("2030"), "2030  2030年度试点监测") || strings.Contains(row("2030"), "是") ||
		!strings.Contains(row("2031"), "是") || strings.Contains(row("2018"), "是") {
		t.Errorf("round list:\n%s\nwant a header, 2030 with its label not current, 2031 current, 2018 no longer", out)
	}
	if en, _ := runCLI(t, "round", "list", "--data", data, "--lang", "en"); !strings.HasPrefix(en, "Year") || !strings.Contains(en, "Current") || !strings.Contains(en, "yes") {
		t.Errorf("round list --lang en:\n%s", en)
	}
	local, err := runCLI(t, "round", "list", "--data", data, "--json")
	if err != nil {
		t.Fatal(err)
	}

	s := startServer(t, data)
	expert := addUser(t, data, "--name", "zhuanjia", "--role", "expert")
	remote, err := runCLI(t, "round", "list", "--json", "--server", s.base, "--token", expert)
	if err != nil {
		t.Fatal(err)
	}
	_, body := s.get("/api/v1/rounds", nil)
	api := mustJSON(t, body)
	for mode, got := range map[string]string{"data folder": local, "--server": remote} {
		var v any
		if err := json.Unmarshal([]byte(got), &v); err != nil || mustJSON(t, v) != api {
			t.Errorf("round list --json (%s) = %s, want the API's %s", mode, got, api)
		}
	}
	if out, err := runCLI(t, "round", "list", "--server", s.base, "--token", expert); err != nil || !strings.Contains(out, "2030年度试点监测") || !strings.Contains(out, "沿用本轮监测时的名称") {
		t.Errorf("round list --server: %q %v", out, err)
	}
}
