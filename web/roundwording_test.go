package web

import (
	"regexp"
	"slices"
	"testing"
)

// A round as the messages name it, the way roundYear writes it: 2018年度
// with no space between the year and 年度 (as 2018年 is written), and in
// English "round 2018" in running text, "Round 2018" only where a
// sentence or a heading begins.
var (
	spacedRoundZh  = regexp.MustCompile(`(%[ds]|\{round\}|\{year\}|\d)\s+年度`)
	roundZh        = regexp.MustCompile(`(%[ds]|\{round\}|\{year\})\s*年度`)
	roundEn        = regexp.MustCompile(`[Rr]ound (%[ds]|\{round\}|\{year\})`)
	capitalRoundEn = regexp.MustCompile(`[^.!?:]\s+Round (%[ds]|\{round\}|\{year\})`)
)

// roundWordingFaults are the ways a message's two languages break the
// round's one form: a space before 年度, a round the Chinese names by its
// year that the English calls by its bare year ("the 2018 report"), or a
// capital Round inside a sentence.
func roundWordingFaults(zh, en string) []string {
	var faults []string
	if spacedRoundZh.MatchString(zh) {
		faults = append(faults, "a space between the year and 年度 (write %d年度, as roundYear does)")
	}
	if en == "" {
		return faults
	}
	if n, m := len(roundZh.FindAllString(zh, -1)), len(roundEn.FindAllString(en, -1)); m < n {
		faults = append(faults, "the Chinese names a round by its year (…年度) that the English does not call \"round …\"")
	}
	if capitalRoundEn.MatchString(en) {
		faults = append(faults, "\"Round\" capitalised inside a sentence")
	}
	return faults
}

// TestEveryMessageNamesARoundAsRoundYearDoes walks the web's message
// catalogue: a round reads 2018年度 / round 2018 in every message, as in
// roundYear's round.year, not 2018 年度 in one place, 2018年度 in another,
// and "Round 2018", "round 2018" or a bare 2018 on the English pages.
func TestEveryMessageNamesARoundAsRoundYearDoes(t *testing.T) {
	keys := make([]string, 0, len(messages))
	for k := range messages {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		m := messages[k]
		for _, f := range roundWordingFaults(m[Chinese], m[English]) {
			t.Errorf("%s: %s\n\tzh: %s\n\ten: %s", k, f, m[Chinese], m[English])
		}
	}
}

// TestRoundWordingFaults: the rule's own cases, so that the walk above
// cannot pass by matching nothing.
func TestRoundWordingFaults(t *testing.T) {
	for _, c := range []struct {
		zh, en string
		faults int
	}{
		{"%s年度", "round %s", 0},
		{"%d 年度（%d 项任务）", "Round %d (%d tasks)", 1},
		{"下载%d年度监测报告（XLSX）", "Download the %d report (XLSX)", 1},
		{"下载%d年度监测报告（XLSX）", "Download the round %d report (XLSX)", 0},
		{"%d年度：%d 条", "Round %d: %d claims", 0},
		{"已从 %d年度复制", "Copied from Round %d", 1},
		{"监测轮次：{round} 年度", "round: {round}", 2},
		{"2017 年度的材料", "", 1},
	} {
		if got := roundWordingFaults(c.zh, c.en); len(got) != c.faults {
			t.Errorf("%q / %q: faults %q, want %d", c.zh, c.en, got, c.faults)
		}
	}
}

// signIn is the English for 登录 that the login page's own words (Log in,
// Log out) do not use.
var signIn = regexp.MustCompile(`(?i)\bsign(ed)?[ -]in\b`)

// TestEnglishCallsLoggingInOneThing: the login page's button says Log in
// and the top bar Log out, so a flash that says "sign in with the new
// one" (密码已修改，请用新密码登录, found by the s60 probe) names another
// step; every English message says log in.
func TestEnglishCallsLoggingInOneThing(t *testing.T) {
	for k, m := range messages {
		if signIn.MatchString(m[English]) {
			t.Errorf("%s: %q says sign in; the pages say Log in", k, m[English])
		}
	}
	if got := tr(English, "login.submit"); got != "Log in" {
		t.Errorf("login.submit: %q, want Log in", got)
	}
}
