package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
)

// TestCompareNamesAPastRoundAsItDid: /compare of 2018 alone (a past
// round that kept a typo in 2.3.1, with an English name of its own) names
// the row 旧名（现名：新名） on the Chinese page and "old (now: new)" on the
// English one; with 2018 and 2019 the row has today's name and 2018's
// cell says what 2018 called it, in each language; 2.3.2, never renamed,
// whose English name 2018 did not keep, has no "named then" in 2018's
// cell on the English page.
func TestCompareNamesAPastRoundAsItDid(t *testing.T) {
	s := newSite(t)
	typo, right := pastRoundWithTypo(t, s)
	const typoEN = "Credit bank (2018 wording)"
	en := typoEN
	if _, err := s.env.Framework.CorrectRoundNames(context.Background(), framework.System, 2018, "2.3.1", catalog.RoundNameEdit{NameEN: &en}); err != nil {
		t.Fatal(err)
	}
	ind, err := s.env.Catalog.Indicator(context.Background(), "2.3.1")
	if err != nil || ind.NameEN == "" {
		t.Fatalf("today's 2.3.1: %+v %v, want an English name", ind, err)
	}
	none := ""
	if _, err := s.env.Framework.CorrectRoundNames(context.Background(), framework.System, 2018, "2.3.2", catalog.RoundNameEdit{NameEN: &none}); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	rowOf := func(code, rounds string) string {
		_, page := b.get("/compare?city=330100&rounds=" + rounds)
		return html.UnescapeString(textOf(regexp.MustCompile(`(?s)<tr data-code="` + regexp.QuoteMeta(code) + `">.*?</tr>`).FindString(page)))
	}
	row := func(rounds string) string { return rowOf("2.3.1", rounds) }
	row232 := func(rounds string) string { return rowOf("2.3.2", rounds) }
	for _, tt := range []struct {
		english                 bool
		alone, today, both, not string
	}{
		{false, "2.3.1 " + typo + "（现名：" + right + "）", "2.3.1 " + right, "本轮名称：" + typo, typoEN},
		{true, "2.3.1 " + typoEN + " (now: " + ind.NameEN + ")", "2.3.1 " + ind.NameEN, "Named then: " + typoEN, typo},
	} {
		if tt.english {
			b.english()
		}
		if got := row("2018"); !strings.Contains(got, tt.alone) || strings.Contains(got, tt.not) {
			t.Errorf("2.3.1 on /compare of 2018 (English %v): %q, want %q", tt.english, got, tt.alone)
		}
		if got := row232("2018,2019"); strings.Contains(got, "Named then") || strings.Contains(got, "本轮名称") {
			t.Errorf("2.3.2, never renamed, 2018 keeping no English name (English %v): %q, want no name of 2018's", tt.english, got)
		}
		got := row("2018,2019")
		if !strings.Contains(got, tt.both) || !strings.Contains(got, tt.today) || strings.Contains(got, "now") || strings.Contains(got, "现名") || strings.Count(got, tt.both) != 1 {
			t.Errorf("2.3.1 on /compare of 2018 and 2019 (English %v): %q, want today's name and 2018's cell saying %q", tt.english, got, tt.both)
		}
	}
}
