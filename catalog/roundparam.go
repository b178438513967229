package catalog

import (
	"strconv"
	"strings"
)

// FirstRoundYear and LastRoundYear bound the year of a monitoring round:
// AddRound adds none outside them, so a request naming a round (a
// report's, a values list's, a saved search's year filter) that is
// outside them names no round that could ever exist.
const (
	FirstRoundYear = 2000
	LastRoundYear  = 2100
)

// ParseRound reads the monitoring round a request names in field
// (?round=, a form's round, one of ?rounds=): blank is 0, the current
// round, as clients that leave the parameter out have always meant; a
// year from FirstRoundYear to LastRoundYear is that year, whether or not
// it is a round yet (the caller says 不存在 of one that is not); anything
// else — 0, a negative number, 99999, 2017a — is EINVALID about field,
// naming the rounds it may be (NotARound). Full-width digits read as
// ASCII ones.
func ParseRound(field, s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	year, err := strconv.Atoi(halfWidthDigits(s))
	if err != nil || !RoundYear(year) {
		return 0, NotARound(field, s)
	}
	return year, nil
}

// ParseListRound reads the round a listing request names (the claim and
// value lists, the task list and progress, the coverage, an indicator's
// evidence): as ParseRound, except that blank, 0 here, means every round,
// and a mistake's message says so rather than promise the current round.
func ParseListRound(field, s string) (int, error) {
	round, err := ParseRound(field, s)
	if err != nil {
		return 0, FieldErrorf(field, EINVALID, "监测轮次应为 %d 至 %d 年间的年份（如 2018），或留空表示全部轮次；收到 %.40q", FirstRoundYear, LastRoundYear, strings.TrimSpace(s))
	}
	return round, nil
}

// RoundYear reports whether year may be a monitoring round's
// (FirstRoundYear to LastRoundYear).
func RoundYear(year int) bool { return year >= FirstRoundYear && year <= LastRoundYear }

// NotARound is the EINVALID error about field for s, given as a
// monitoring round, that is no round's year: it names the years a round
// may be, and the blank that means the current one.
func NotARound(field, s string) error {
	return FieldErrorf(field, EINVALID, "监测轮次应为 %d 至 %d 年间的年份（如 2018），或留空表示本轮；收到 %.40q", FirstRoundYear, LastRoundYear, s)
}

// NoSuchRound is the EINVALID error about field for year, a round's year
// that no monitoring round has: what to do about it too, since the person
// who typed it cannot add a round.
func NoSuchRound(field string, year int) error {
	return FieldErrorf(field, EINVALID, "监测轮次 %d 不存在：请填写已有的轮次；如确需这一轮次，请管理员先在“系统管理”页的“监测轮次”中添加", year)
}

// NoRoundYet is the EINVALID error about field for a round left blank,
// which stands for the current round, when the archive has no monitoring
// round at all: what is missing and who sets it up, never "round 0",
// which nobody typed.
func NoRoundYet(field string) error {
	return FieldErrorf(field, EINVALID, "尚未设置监测轮次，请管理员先在“系统管理”页的“监测轮次”中新建")
}

// ParseRounds reads the rounds a request names in field, one year each
// (?rounds=2017,2019), by ParseRound's rule, except that 0 is none here
// either; every one that is no round's year is said at once
// (rounds=0,-1 names both).
func ParseRounds(field string, each []string) ([]int, error) {
	var rounds []int
	var bad []error
	for _, s := range each {
		year, err := ParseRound(field, s)
		if err != nil || year == 0 {
			bad = append(bad, FieldErrorf(field, EINVALID, "要对比的监测轮次应为 %d 至 %d 年间的年份，如 2017,2019；收到 %.40q", FirstRoundYear, LastRoundYear, s))
			continue
		}
		rounds = append(rounds, year)
	}
	if len(bad) > 0 {
		return nil, Join(bad...)
	}
	return rounds, nil
}
