package catalog

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestCorrectingAKeptName: 2018's framework was imported with a typo
// (社区教肓) and 2019 made current, so 2018 kept it. The admin corrects
// 2018's kept name: the round names it so, the audit log has who and the
// old and new name, and today's framework is untouched; the names are
// shown with today's beside them where they differ.
func TestCorrectingAKeptName(t *testing.T) { forEachStore(t, testCorrectingAKeptName) }

func testCorrectingAKeptName(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if _, err := s.importRenamed(ctx, "1.1.1", "社区教肓覆盖率"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.importRenamed(ctx, "1.1.1", "社区教育参与率"); err != nil {
		t.Fatal(err)
	}
	c, err := s.CorrectRoundName(ctx, 2018, "1.1.1", " 社区教育覆盖率 ", "li")
	if err != nil || c.Old != "社区教肓覆盖率" || c.New != "社区教育覆盖率" {
		t.Fatalf("correct 2018's 1.1.1: %+v, %v; want the typo replaced", c, err)
	}
	_, inds, kept, err := s.RoundFramework(ctx, 2018)
	if err != nil || !kept || nameOf(inds, "1.1.1") != "社区教育覆盖率" {
		t.Fatalf("2018's 1.1.1 after the correction: %q (kept %v, %v)", nameOf(inds, "1.1.1"), kept, err)
	}
	if ind, err := s.Indicator(ctx, "1.1.1"); err != nil || ind.Name != "社区教育参与率" {
		t.Errorf("today's 1.1.1 after correcting 2018: %v %v, want it untouched", ind, err)
	}
	events, err := s.Events(ctx, "round:2018", 10)
	if err != nil || len(events) == 0 || events[0].Action != "round.correct_name" || events[0].User != "li" ||
		events[0].Detail["code"] != "1.1.1" || events[0].Detail["from"] != "社区教肓覆盖率" || events[0].Detail["to"] != "社区教育覆盖率" {
		t.Fatalf("the correction's audit entry: %+v %v", events, err)
	}
	n, err := s.RoundNames(ctx, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := n.Name("1.1.1", false); got != "社区教育覆盖率（现名：社区教育参与率）" {
		t.Errorf("2018's 1.1.1 as pages show it: %q", got)
	}
	if got, _ := n.Name("1.1.2", false); got != "指标 1.1.2" {
		t.Errorf("2018's 1.1.2, not renamed: %q, want its name alone", got)
	}
	if c, err := s.CorrectRoundName(ctx, 2018, "1.1.1", "社区教育覆盖率", "li"); err != nil || c.Old != "社区教育覆盖率" {
		t.Errorf("the same name again: %+v %v, want nothing changed", c, err)
	}
	if events, _ := s.Events(ctx, "round:2018", 10); len(events) != 2 {
		t.Errorf("the same name again wrote an event: %d events, want 2 (kept, corrected)", len(events))
	}
}

// TestCorrectingAKeptNameRefuses: an empty name, another indicator's
// name in that round, the current round (its names follow the
// framework) and a round that was never current (2017, no names of its
// own), an unknown round or code; nothing changes and nothing is
// recorded.
func TestCorrectingAKeptNameRefuses(t *testing.T) { forEachStore(t, testCorrectingAKeptNameRefuses) }

func testCorrectingAKeptNameRefuses(t *testing.T, s *Store) {
	ctx := context.Background()
	keptRound2018(t, s)
	cases := []struct {
		round      int
		code, name string
		want       string
		says       string
	}{
		{2018, "1.1.1", "  ", EINVALID, "不能为空"},
		{2018, "1.1.1", "指标 1.1.2", ECONFLICT, "1.1.2 已叫“指标 1.1.2”"},
		{2019, "1.1.1", "社区教育覆盖率", EINVALID, "当前轮次，其指标名称随当前指标体系"},
		{2017, "1.1.1", "社区教育覆盖率", EINVALID, "没有保存自己的指标名称"},
		{2010, "1.1.1", "社区教育覆盖率", ENOTFOUND, "监测轮次 2010 不存在"},
		{2018, "9.9.9", "社区教育覆盖率", ENOTFOUND, "没有编码为 9.9.9 的指标"},
	}
	for _, c := range cases {
		_, err := s.CorrectRoundName(ctx, c.round, c.code, c.name, "li")
		if ErrorCode(err) != c.want || !strings.Contains(ErrorMessage(err), c.says) {
			t.Errorf("round %d %s named %q: %v, want %s saying %q", c.round, c.code, c.name, err, c.want, c.says)
		}
	}
	_, inds, _, err := s.RoundFramework(ctx, 2018)
	if err != nil || nameOf(inds, "1.1.1") != "指标 1.1.1" {
		t.Errorf("2018's 1.1.1 after the refusals: %q %v", nameOf(inds, "1.1.1"), err)
	}
	events, err := s.FindEvents(ctx, EventFilter{Action: "round.correct_name", Limit: 10})
	if err != nil || len(events) != 0 {
		t.Errorf("refusals recorded: %v %v", events, err)
	}
}

// TestNameNow: a kept name alone, with today's beside it in Chinese and
// English, and today's Chinese name when only that changed.
func TestNameNow(t *testing.T) {
	now := Indicator{Code: "2.2.1", Name: "市民终身学习基地数量", NameEN: "Learning sites"}
	for _, tt := range []struct {
		name, nameEN string
		now          Indicator
		english      bool
		want         string
	}{
		{"市民学习基地数量", "Sites", Indicator{}, false, "市民学习基地数量"},
		{"市民学习基地数量", "Sites", now, false, "市民学习基地数量（现名：市民终身学习基地数量）"},
		{"市民学习基地数量", "Sites", now, true, "Sites (now: Learning sites)"},
		{"市民学习基地数量", "Learning sites", now, true, "Learning sites (now: 市民终身学习基地数量)"},
		{"市民学习基地数量", "", Indicator{Code: "2.2.1", Name: "市民终身学习基地数量"}, true, "市民学习基地数量 (now: 市民终身学习基地数量)"},
		// only the English changed or was added since: not a rename
		{"市民终身学习基地数量", "", now, false, "市民终身学习基地数量"},
		{"市民终身学习基地数量", "Sites", now, false, "市民终身学习基地数量"},
		{"市民终身学习基地数量", "Sites", now, true, "Sites"},
		{"市民终身学习基地数量", "", now, true, "Learning sites"},
	} {
		if got := NameNow(tt.name, tt.nameEN, tt.now, tt.english); got != tt.want {
			t.Errorf("NameNow(%q, %q, %q, %v) = %q, want %q", tt.name, tt.nameEN, tt.now.Name, tt.english, got, tt.want)
		}
	}
}

// TestCorrectingKeptNamesAtOnce: two admins correct 2018's kept names at
// the same moment. Renaming two indicators to one name, one of them is
// refused (two indicators of a round never share a name); renaming one
// indicator twice, the second correction's audit entry has the first's
// new name as its "from" (corrections of a round queue, also on
// PostgreSQL).
func TestCorrectingKeptNamesAtOnce(t *testing.T) { forEachStore(t, testCorrectingKeptNamesAtOnce) }

func testCorrectingKeptNamesAtOnce(t *testing.T, s *Store) {
	ctx := context.Background()
	keptRound2018(t, s)
	at := func(n int, do func(i int) error) []error {
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[i] = do(i)
			}()
		}
		close(start)
		wg.Wait()
		return errs
	}
	codes := []string{"1.1.1", "1.1.2"}
	for i := range 15 {
		name := fmt.Sprintf("社区教育覆盖率第%d稿", i)
		errs := at(2, func(j int) error {
			_, err := s.CorrectRoundName(ctx, 2018, codes[j], name, "li")
			return err
		})
		if errs[0] == nil && errs[1] == nil {
			t.Fatalf("try %d: both 1.1.1 and 1.1.2 of 2018 renamed %q at once", i, name)
		}
		for _, err := range errs {
			if err != nil && ErrorCode(err) != ECONFLICT {
				t.Fatalf("try %d: %v, want ECONFLICT", i, err)
			}
		}
		// free the name again for the next try
		for _, code := range codes {
			if _, err := s.CorrectRoundName(ctx, 2018, code, fmt.Sprintf("指标 %s 第%d稿", code, i), "li"); err != nil {
				t.Fatal(err)
			}
		}
		errs = at(2, func(j int) error {
			_, err := s.CorrectRoundName(ctx, 2018, "1.1.1", fmt.Sprintf("终身学习参与率第%d-%d稿", i, j), "wang")
			return err
		})
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("try %d: renaming 1.1.1 twice at once: %v", i, errs)
		}
		ev, err := s.FindEvents(ctx, EventFilter{Action: "round.correct_name", User: "wang", Limit: 2})
		if err != nil || len(ev) != 2 {
			t.Fatalf("try %d: audit entries %v %v", i, ev, err)
		}
		if ev[0].Detail["from"] != ev[1].Detail["to"] && ev[1].Detail["from"] != ev[0].Detail["to"] {
			t.Fatalf("try %d: the two corrections of 1.1.1 do not chain in the audit log: %v then %v", i, ev[1].Detail, ev[0].Detail)
		}
	}
}

// keptRound2018 imports the small framework in 2018 and makes 2019
// current, so 2018 keeps its names.
func keptRound2018(t *testing.T, s *Store) {
	t.Helper()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.AddRound(context.Background(), Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
}
