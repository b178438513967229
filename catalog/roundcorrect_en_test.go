package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestCorrectingAKeptEnglishName: 2018 kept 1.1.1 with no English name
// and 1.1.2 as "Learning sites". The admin gives 1.1.1 its English name
// alone (the Chinese name stays), then both at once; English readers of
// 2018 see it, the audit log has the old and new English name, an English
// name 1.1.2 has (in any letter case) is refused, and an edit of neither
// name is refused; clearing an English name is allowed (English pages
// then show today's English name while the round's Chinese name is
// today's, else the Chinese name: NameNow).
func TestCorrectingAKeptEnglishName(t *testing.T) {
	forEachStore(t, testCorrectingAKeptEnglishName)
}

func testCorrectingAKeptEnglishName(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	en := func(v string) RoundNameEdit { return RoundNameEdit{NameEN: &v} }
	if _, err := s.CorrectRoundNames(ctx, 2018, "1.1.2", en("Learning sites"), "li"); err != nil {
		t.Fatal(err)
	}
	c, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", en(" Community education coverage "), "li")
	if err != nil || c.Old != "指标 1.1.1" || c.New != "指标 1.1.1" || c.OldEN != "" || c.NewEN != "Community education coverage" {
		t.Fatalf("1.1.1's English name: %+v %v, want it set and the Chinese name kept", c, err)
	}
	n, err := s.RoundNames(ctx, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := n.Name("1.1.1", true); got != "Community education coverage" {
		t.Errorf("2018's 1.1.1 in English: %q", got)
	}
	if got, _ := n.Name("1.1.1", false); got != "指标 1.1.1" {
		t.Errorf("2018's 1.1.1 in Chinese: %q, want it untouched", got)
	}
	events, err := s.Events(ctx, "round:2018", 10)
	if err != nil || len(events) == 0 || events[0].Action != "round.correct_name" || events[0].Detail["from_en"] != "" ||
		events[0].Detail["to_en"] != "Community education coverage" || events[0].Detail["to"] != nil {
		t.Fatalf("the English correction's audit entry: %+v %v", events, err)
	}
	zh, enName := "社区教育覆盖率", "Coverage of community education"
	c, err = s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{Name: &zh, NameEN: &enName}, "li")
	if err != nil || c.New != zh || c.NewEN != enName {
		t.Fatalf("both names: %+v %v", c, err)
	}
	if ind, err := s.Indicator(ctx, "1.1.1"); err != nil || ind.Name != "指标 1.1.1" || ind.NameEN != "" {
		t.Errorf("today's 1.1.1 after correcting 2018: %+v %v, want it untouched", ind, err)
	}
	for _, tt := range []struct {
		edit RoundNameEdit
		want string
		says string
	}{
		{en("LEARNING SITES"), ECONFLICT, "1.1.2 的英文名称已是“LEARNING SITES”"},
		{RoundNameEdit{}, EINVALID, "请填写要改正的指标名称"},
	} {
		_, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", tt.edit, "li")
		if ErrorCode(err) != tt.want || !strings.Contains(ErrorMessage(err), tt.says) {
			t.Errorf("edit %+v: %v, want %s saying %q", tt.edit, err, tt.want, tt.says)
		}
	}
	if c, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", en(""), "li"); err != nil || c.NewEN != "" || c.OldEN != enName {
		t.Errorf("clearing the English name: %+v %v", c, err)
	}
	if events, _ := s.Events(ctx, "round:2018", 10); len(events) != 5 {
		t.Errorf("%d events, want 5 (kept, four corrections; the refusals none)", len(events))
	}
}

// TestAStaleCorrectionIsRefused: two admins load 2018's names page; B
// corrects the Chinese name. A, whose page still shows the old names,
// corrects only the English name: B's Chinese name stays. A then sends a
// Chinese name over the one B changed: refused (ECONFLICT) rather than
// silently undoing B's, saying in both languages what conflicts and what
// A can do, and so is the Chinese name A was shown sent back unedited
// (nothing to send, or confirm to put it back). Names over 200
// characters are refused, and an
// English name another indicator has in any letter case (É and é alike).
func TestAStaleCorrectionIsRefused(t *testing.T) { forEachStore(t, testAStaleCorrectionIsRefused) }

func testAStaleCorrectionIsRefused(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.AddRound(ctx, Round{Year: 2018 + 1, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	p := func(v string) *string { return &v }
	if _, err := s.CorrectRoundNames(ctx, 2018, "1.1.2", RoundNameEdit{NameEN: p("Éducation")}, "b"); err != nil {
		t.Fatal(err)
	}
	shown, shownEN := "指标 1.1.1", ""
	if _, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{Name: p("社区教育覆盖率"), WasName: &shown, WasNameEN: &shownEN}, "b"); err != nil {
		t.Fatalf("B's correction: %v", err)
	}
	c, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{NameEN: p("Coverage"), WasName: &shown, WasNameEN: &shownEN}, "a")
	if err != nil || c.New != "社区教育覆盖率" || c.NewEN != "Coverage" {
		t.Fatalf("A's English correction on a stale page: %+v %v, want B's Chinese name kept", c, err)
	}
	for _, tt := range []struct {
		name string
		edit RoundNameEdit
		want string
		says string
	}{
		{"Chinese over B's", RoundNameEdit{Name: p("社区教育普及率"), WasName: &shown}, ECONFLICT, "2018年度指标 1.1.1 的名称在你打开页面后已被他人由“指标 1.1.1”改为“社区教育覆盖率”，与你填写的“社区教育普及率”冲突，未作修改；要保留他人的名称，无需再提交，刷新页面即可；仍要改为“社区教育普及率”，请确认覆盖他人的修改后再提交"},
		{"the Chinese name sent as shown", RoundNameEdit{Name: &shown, WasName: &shown}, ECONFLICT, "2018年度指标 1.1.1 的名称在你打开页面后已被他人由“指标 1.1.1”改为“社区教育覆盖率”；你没有改动它，所以未作修改，刷新页面即可看到新的名称；要改回“指标 1.1.1”，请确认覆盖他人的修改后再提交"},
		{"English over A's", RoundNameEdit{NameEN: p("Reach"), WasNameEN: &shownEN}, ECONFLICT, "英文名称在你打开页面后已被他人由空白改为“Coverage”，与你填写的“Reach”冲突"},
		{"the blank English name sent as shown", RoundNameEdit{NameEN: &shownEN, WasNameEN: &shownEN}, ECONFLICT, "英文名称在你打开页面后已被他人由空白改为“Coverage”；你没有改动它，所以未作修改，刷新页面即可看到新的英文名称；要清空它，请确认覆盖他人的修改后再提交"},
		{"English of 1.1.2 in other letter case", RoundNameEdit{NameEN: p("ÉDUCATION")}, ECONFLICT, "1.1.2 的英文名称已是“ÉDUCATION”"},
		{"Chinese too long", RoundNameEdit{Name: p(strings.Repeat("名", 201))}, EINVALID, "指标名称太长"},
		{"English too long", RoundNameEdit{NameEN: p(strings.Repeat("a", 201))}, EINVALID, "英文名称太长"},
	} {
		_, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", tt.edit, "a")
		if ErrorCode(err) != tt.want || !strings.Contains(ErrorMessage(err), tt.says) {
			t.Errorf("%s: %v, want %s saying %q", tt.name, err, tt.want, tt.says)
		}
	}
	// In English, the conflict says the same: what conflicts, what to do.
	_, err = s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{Name: p("社区教育普及率"), WasName: &shown}, "a")
	if got, want := MessageIn(err, true), "In round 2018, someone else changed indicator 1.1.1's name from “指标 1.1.1” to “社区教育覆盖率” after you opened the page, which conflicts with your “社区教育普及率”: nothing was changed; to keep their name, there is nothing to send, reload the page; to make it “社区教育普及率” all the same, confirm that you replace their change and send it again"; got != want {
		t.Errorf("the conflict in English:\n%q, want\n%q", got, want)
	}
	// A round with no English name yet: the name it had is said to be
	// blank, not quoted as “”, and the way back is to clear it.
	for _, tt := range []struct {
		edit RoundNameEdit
		want string
	}{
		{RoundNameEdit{NameEN: p("Reach"), WasNameEN: &shownEN}, "In round 2018, someone else changed indicator 1.1.1's English name from blank to “Coverage” after you opened the page, which conflicts with your “Reach”: nothing was changed; to keep their English name, there is nothing to send, reload the page; to make it “Reach” all the same, confirm that you replace their change and send it again"},
		{RoundNameEdit{NameEN: &shownEN, WasNameEN: &shownEN}, "In round 2018, someone else changed indicator 1.1.1's English name from blank to “Coverage” after you opened the page; you had not changed it, so nothing was changed: reload the page to see the new English name; to clear it, confirm that you replace their change and send it again"},
	} {
		_, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", tt.edit, "a")
		if got := MessageIn(err, true); got != tt.want {
			t.Errorf("the conflict over a blank English name in English:\n%q, want\n%q", got, tt.want)
		}
	}
	// An English name someone cleared since: said to be made blank, and
	// one who cleared it too is told so.
	coverage := "Coverage"
	if _, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{NameEN: &shownEN, WasNameEN: &coverage}, "b"); err != nil {
		t.Fatalf("B clears the English name: %v", err)
	}
	_, err = s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{NameEN: p("Reach"), WasNameEN: &coverage}, "a")
	if got, want := ErrorMessage(err), "2018年度指标 1.1.1 的英文名称在你打开页面后已被他人由“Coverage”改为空白，与你填写的“Reach”冲突，未作修改；要保留他人的英文名称，无需再提交，刷新页面即可；仍要改为“Reach”，请确认覆盖他人的修改后再提交"; got != want {
		t.Errorf("the conflict over a cleared English name:\n%q, want\n%q", got, want)
	}
	if got, want := MessageIn(err, true), "from “Coverage” to blank after you opened the page"; !strings.Contains(got, want) {
		t.Errorf("the conflict over a cleared English name in English: %q, want it saying %q", got, want)
	}
	if c, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{Name: p("社区教育覆盖率"), WasName: &shown}, "a"); err != nil || c.Changed() {
		t.Errorf("the name B already gave, from a stale page: %+v %v, want no conflict and no change", c, err)
	}
	if c, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{Name: p(strings.Repeat("名", 200))}, "a"); err != nil || len([]rune(c.New)) != 200 {
		t.Errorf("a name of 200 characters: %v, want it taken", err)
	}
}
