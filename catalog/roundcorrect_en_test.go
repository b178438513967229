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
// name is refused; clearing an English name is allowed (the round then
// shows its Chinese name in English too).
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
