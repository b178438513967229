package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCoverageNamesAPastRoundsIndicatorsAsItDid: `evidence coverage
// --round 2018`, 2018 a past round that kept the demo framework's names,
// names 2.3.1 as 2018 did with today's name beside it (旧名（现名：新名）;
// English "(now: …)"), as the heat map, /compare and the XLSX do, and
// lists 2.3.2, which today's framework dropped, with the document 2018
// linked to it; for 2019, the current round, 2.3.1 has today's name
// alone and there is no 2.3.2.
func TestCoverageNamesAPastRoundsIndicatorsAsItDid(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	cli := func(args ...string) string {
		t.Helper()
		out, err := runCLI(t, append(args, "--data", data)...)
		if err != nil {
			t.Fatalf("evidence %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	cli("ingest", filepath.Join("testdata", "wuhan-case.html"), "--city", "420100", "--type", "case", "--round", "2018", "--indicator", "2.3.2")
	cli("round", "add", "--year", "2019", "--current")
	table := filepath.Join(t.TempDir(), "体系.csv")
	cli("framework", "export", "--format", "csv", "--out", table)
	body, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	const then, now = "建立学分银行或学分积累、转换与认证制度", "建立学分银行制度"
	var lines []string
	for _, line := range strings.Split(string(body), "\n") {
		if !strings.HasPrefix(line, "2.3.2,") {
			lines = append(lines, strings.Replace(line, then, now, 1))
		}
	}
	if err := os.WriteFile(table, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	cli("framework", "import", table)

	out := cli("coverage", "--round", "2018", "--city", "420100")
	for _, want := range []string{"2.3.1   定性  " + then + "（现名：" + now + "）", "  1 份  2.3.2   定性  市民终身学习卡与个人学习档案"} {
		if !strings.Contains(out, want) {
			t.Errorf("coverage of 2018 lacks %q:\n%s", want, out)
		}
	}
	if en := cli("coverage", "--round", "2018", "--city", "420100", "--lang", "en"); !strings.Contains(en, "(now: ") {
		t.Errorf("coverage of 2018 in English does not give 2.3.1 today's name beside 2018's:\n%s", en)
	}
	out = cli("coverage", "--round", "2019", "--city", "420100")
	if !strings.Contains(out, "2.3.1   定性  "+now+"\n") || strings.Contains(out, "2.3.2") {
		t.Errorf("coverage of 2019: want 2.3.1 named %q alone and no 2.3.2:\n%s", now, out)
	}
}
