package web

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestCompareRoundsAreChosenFromAList: /compare offers the archive's
// rounds as boxes to tick (rounds=2017&rounds=2018; a <select multiple>
// needed Ctrl, which a phone has not), the ones compared ticked, and still reads rounds=2017,2018 in an address; a
// round that is no year (abc, -1, 0: the API's rule, catalog.ParseRounds)
// or no round (2099) answers 400 with the
// form again and the error beside the list, in English too, never an
// error page without the form, as the probe saw.
func TestCompareRoundsAreChosenFromAList(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	selected := regexp.MustCompile(`<input type="checkbox" name="rounds" value="(\d+)" checked>`)
	chosen := func(page string) []string {
		list := regexp.MustCompile(`(?s)<fieldset class="rounds" id="c-rounds".*?</fieldset>`).FindString(page)
		var out []string
		for _, m := range selected.FindAllStringSubmatch(list, -1) {
			out = append(out, m[1])
		}
		return out
	}
	for _, path := range []string{"/compare?city=330100&rounds=2017&rounds=2018", "/compare?city=330100&rounds=2017,2018"} {
		resp, page := wang.get(path)
		if got := chosen(page); resp.StatusCode != 200 || strings.Join(got, ",") != "2017,2018" || !strings.Contains(page, `<table class="compare">`) {
			t.Errorf("%s: %d, rounds chosen %v; want 200, the comparison and 2017, 2018 selected in the list", path, resp.StatusCode, got)
		}
	}
	// None chosen, or an empty rounds= (old bookmarks of the text box
	// left blank), compares every round.
	for _, path := range []string{"/compare?city=330100", "/compare?city=330100&rounds=", "/compare?city=330100&rounds=&rounds="} {
		resp, page := wang.get(path)
		if got := chosen(page); resp.StatusCode != 200 || len(got) < 2 || !strings.Contains(page, `<table class="compare">`) {
			t.Errorf("%s: %d, rounds chosen %v; want 200 and the comparison of every round", path, resp.StatusCode, got)
		}
	}
	_, page := wang.get("/compare?city=330100&rounds=2018")
	if got := chosen(page); strings.Join(got, ",") != "2018" || !strings.Contains(page, `<input type="checkbox" name="rounds" value="2017">`) {
		t.Errorf("rounds=2018: %v chosen, want 2018 with 2017 offered unchosen", got)
	}
	for _, tc := range []struct{ rounds, want, wantEN string }{
		{"abc", "要对比的监测轮次应为 2000 至 2100 年间的年份\uFF0C如 2017,2019\uFF1B收到“abc”", "The monitoring rounds to compare should be years from 2000 to 2100, such as 2017,2019"},
		{"-1", "要对比的监测轮次应为 2000 至 2100 年间的年份\uFF0C如 2017,2019\uFF1B收到“-1”", "The monitoring rounds to compare should be years from 2000 to 2100"},
		{"0", "要对比的监测轮次应为 2000 至 2100 年间的年份\uFF0C如 2017,2019\uFF1B收到“0”", "The monitoring rounds to compare should be years from 2000 to 2100"},
		{"2099", "监测轮次 2099 不存在", "There is no monitoring round 2099"},
	} {
		b := s.login("wang")
		for _, want := range []string{tc.want, tc.wantEN} {
			if want == tc.wantEN {
				b.english()
			}
			resp, page := b.get("/compare?city=330100&rounds=" + tc.rounds)
			page = html.UnescapeString(page)
			if resp.StatusCode != 400 || !strings.Contains(page, `<span class="field-error" id="c-rounds-err">`+want) ||
				!strings.Contains(page, `id="c-rounds" aria-describedby="c-rounds-err"`) || strings.Contains(page, `<table class="compare">`) {
				t.Errorf("rounds=%s: %d, want 400 with the form and %q beside the list: %.1500s", tc.rounds, resp.StatusCode, want, textOf(page))
			}
		}
	}
}
