package main

import (
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
		{[]string{"--year", "2019"}, []string{"已将监测轮次 2019 设为当前轮次", "尚无城市结转到 2019 年度", "2019 年度尚无责任分解表"}},
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
	if want := "2020 年度此前已结转过；此后上一轮新增的关联、定性描述和数值未自动结转：如需补结转，请在“结转事项核对”页面点“从上一轮结转”"; err != nil || !strings.Contains(out, want) {
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
