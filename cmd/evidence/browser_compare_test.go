package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCompareOfTwoPastRoundsInARealBrowser: 2018 and 2019 both keep
// their names and neither is current. 2019's framework dropped 2.3.2
// and brought 2.3.9 (社区学习共同体建设); today's (2020's) has 2.3.2 again
// and no 2.3.9. /compare of 2018 and 2019, as a coordinator sees it,
// has both rows, each saying 本轮无此指标 in the round that never had it
// and only there.
func TestCompareOfTwoPastRoundsInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2019"
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "wang", "--role", "coordinator", "--city", "330100",
		"--password", pw); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	today := filepath.Join(dir, "体系2018.csv")
	if _, err := runCLI(t, "framework", "export", "--data", s.dataDir, "--format", "csv", "--out", today); err != nil {
		t.Fatal(err)
	}
	table, err := os.ReadFile(today)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(strings.TrimRight(string(table), "\n"), "\n") {
		if !strings.HasPrefix(line, "2.3.2,") {
			rows = append(rows, line)
		}
	}
	rows = append(rows, "2.3.9,社区学习共同体建设,,qualitative,,,")
	of2019 := filepath.Join(dir, "体系2019.csv")
	if err := os.WriteFile(of2019, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, step := range [][]string{
		{"round", "add", "--year", "2019", "--current"},
		{"framework", "import", of2019},
		{"round", "add", "--year", "2020", "--current"},
		{"framework", "import", today},
	} {
		if _, err := runCLI(t, append(step, "--data", s.dataDir)...); err != nil {
			t.Fatal(err)
		}
	}

	u.login(s.base, "wang", pw)
	u.do("compare 2018 and 2019", chromedp.Navigate(s.base+"/compare?city=330100&rounds=2018,2019"),
		chromedp.WaitVisible(chromedp.CSS(`table.compare`)))
	for _, tt := range []struct {
		code, name string
		absent     [2]bool
	}{
		{"2.3.2", "市民终身学习卡", [2]bool{false, true}},
		{"2.3.9", "社区学习共同体建设", [2]bool{true, false}},
	} {
		row := `tr[data-code="` + tt.code + `"]`
		if n := eval[int](u, `document.querySelectorAll('`+row+`').length`); n != 1 {
			t.Errorf("/compare of 2018 and 2019 has %d rows %s, want one", n, tt.code)
			continue
		}
		if got := u.text(row + ` th`); !strings.Contains(got, tt.name) {
			t.Errorf("row %s named %q, want %q", tt.code, got, tt.name)
		}
		for i, round := range []string{"2018", "2019"} {
			cell := u.text(row + ` td:nth-of-type(` + string(rune('1'+i)) + `)`)
			if says := cell == "本轮无此指标"; says != tt.absent[i] {
				t.Errorf("%s in %s: %q, want 本轮无此指标 %v", tt.code, round, cell, tt.absent[i])
			}
		}
	}
	u.compareOnAPhone(s.base + "/compare?city=330100&rounds=2018,2019,2020")
}

// compareOnAPhone opens /compare at a phone's 390 px in Chinese and in
// English: the page does not scroll sideways (the table does, in its
// frame), and no cell breaks a word across lines: an English word
// (Evide|nce) or a short run of Han characters (0 份文|档) stays on one
// line, as the probe of session 53 saw them broken.
func (u ui) compareOnAPhone(page string) {
	u.t.Helper()
	u.do("a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	for _, lang := range []string{"zh", "en"} {
		u.do("/compare on a phone in "+lang, chromedp.Navigate(page+"&lang="+lang), chromedp.WaitVisible(chromedp.CSS(`table.compare`)))
		u.fitsTheWidth("/compare in " + lang)
		broken := eval[[]string](u, `(function () {
			var out = [];
			document.querySelectorAll('table.compare td, table.compare thead th').forEach(function (cell) {
				var walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), n;
				while ((n = walk.nextNode())) {
					var re = /[A-Za-z]+|[\u4e00-\u9fff]{2,4}/g, m;
					while ((m = re.exec(n.data))) {
						var r = document.createRange();
						r.setStart(n, m.index);
						r.setEnd(n, m.index + m[0].length);
						var lines = {};
						Array.prototype.forEach.call(r.getClientRects(), function (b) { if (b.width > 0) { lines[Math.round(b.top)] = true; } });
						if (Object.keys(lines).length > 1) { out.push(m[0] + ' in “' + cell.textContent.trim().slice(0, 30) + '”'); }
					}
				}
			});
			return out.slice(0, 8);
		})()`)
		for _, b := range broken {
			u.t.Errorf("/compare in %s at 390 px breaks a word across lines: %s", lang, b)
		}
	}
}
