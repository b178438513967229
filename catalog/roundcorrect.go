package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// RoundNames are the names a round gives its indicators: those it keeps
// (Kept; catalog/roundnames.go) or, for a round that keeps none, the
// current framework's. Pages showing a kept round's things name an
// indicator as the round did, with today's name beside one renamed since
// (Name), as the round's report does.
type RoundNames struct {
	Round int
	// Current is true for the current round.
	Current bool
	// Kept is true when the round keeps its own names.
	Kept      bool
	Framework Framework
	// Indicators are the round's indicators in the framework's order.
	Indicators []Indicator
	// Now is today's indicator of each code a kept round names otherwise
	// (Renamed); empty for a round that follows the framework.
	Now    map[string]Indicator
	byCode map[string]Indicator
}

// Name is the indicator code as the round names it, in English when
// english and the framework has an English name, with today's name beside
// it when it was renamed since (NameNow); ok is false when the round has
// no indicator code.
func (n *RoundNames) Name(code string, english bool) (name string, ok bool) {
	ind, ok := n.byCode[code]
	if !ok {
		return "", false
	}
	return NameNow(ind.Name, ind.NameEN, n.Now[code], english), true
}

// Indicator is the indicator code as the round has it (its kept name,
// English name, info and unit for a round that keeps its own); ok is false
// when the round has no such code.
func (n *RoundNames) Indicator(code string) (ind Indicator, ok bool) {
	ind, ok = n.byCode[code]
	return ind, ok
}

// NameNow is an indicator's name as a round had it (nameEN in English
// when there is one), with the current framework's name beside it when it
// was renamed since (now not zero): 社区教育覆盖率（现名：社区教育参与率）,
// "Coverage (now: Participation)" (today's Chinese name when only that
// changed), so that a reader of an earlier round finds it on today's
// pages. The report and the pages share it. A Chinese name unchanged
// since is not a rename, whatever became of its English: the kept name
// alone (in English today's translation when the round had none).
func NameNow(name, nameEN string, now Indicator, english bool) string {
	named := func(zh, en string) string { return NameIn(zh, en, english) }
	was := named(name, nameEN)
	switch {
	case now.Code == "":
		return was
	case now.Name == name && english && nameEN == "":
		return named(now.Name, now.NameEN) // the name unchanged, only translated since
	case now.Name == name:
		return was // the name unchanged, only its English since
	case english:
		is := named(now.Name, now.NameEN)
		if is == was {
			is = now.Name // renamed in Chinese only: the English reads the same
		}
		return was + " (now: " + is + ")"
	}
	return was + "\uFF08\u73B0\u540D\uFF1A" + now.Name + "\uFF09"
}

// NameIn is a name in English (en) when english and there is one, else
// in Chinese (zh).
func NameIn(zh, en string, english bool) string {
	if english && en != "" {
		return en
	}
	return zh
}

// Renamed returns, by code, the current framework's indicators whose name
// differs from the name a kept round has for the code (inds).
func Renamed(inds, current []Indicator) map[string]Indicator {
	then := make(map[string]Indicator, len(inds))
	for _, ind := range inds {
		then[ind.Code] = ind
	}
	out := map[string]Indicator{}
	for _, ind := range current {
		if was, ok := then[ind.Code]; ok && (was.Name != ind.Name || (was.NameEN != ind.NameEN && ind.NameEN != "")) {
			out[ind.Code] = ind
		}
	}
	return out
}

// RoundNames returns the names round gives its indicators. ENOTFOUND when
// there is no such round, or no framework at all.
func (s *Store) RoundNames(ctx context.Context, round int) (*RoundNames, error) {
	var current int
	err := s.db.QueryRowContext(ctx, `SELECT is_current FROM round WHERE year = ?`, round).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "监测轮次 %d 不存在", round)
	}
	if err != nil {
		return nil, fmt.Errorf("read round %d: %w", round, err)
	}
	fw, inds, kept, err := s.RoundFramework(ctx, round)
	if err != nil {
		return nil, err
	}
	n := &RoundNames{Round: round, Current: current == 1, Kept: kept, Framework: *fw, Indicators: inds,
		Now: map[string]Indicator{}, byCode: make(map[string]Indicator, len(inds))}
	for _, ind := range inds {
		n.byCode[ind.Code] = ind
	}
	if kept {
		_, today, err := s.CurrentFramework(ctx)
		if err != nil && !IsNotFound(err) {
			return nil, err
		}
		n.Now = Renamed(inds, today)
	}
	return n, nil
}

// CorrectRoundName corrects the Chinese name round keeps for its
// indicator code (CorrectRoundNames with only Name).
func (s *Store) CorrectRoundName(ctx context.Context, round int, code, name, by string) (*NameCorrection, error) {
	return s.CorrectRoundNames(ctx, round, code, RoundNameEdit{Name: &name}, by)
}

// RoundNameEdit is a correction of the names a round keeps for one
// indicator: the Chinese name, the English name, or both; nil leaves one
// as it is. WasName and WasNameEN, when not nil, are the names the
// corrector saw: a name it changes that someone else has changed since
// is refused (ECONFLICT) rather than overwritten.
type RoundNameEdit struct {
	Name   *string
	NameEN *string

	WasName   *string
	WasNameEN *string
}

// MaxIndicatorName is the longest indicator name, in characters, either
// language: a correction of a round's kept name and a framework import
// (package framework) refuse a longer one, so a kept name, copied from
// the framework, is never one its correction would refuse.
const MaxIndicatorName = 200

// CorrectRoundNames corrects the names round keeps for its indicator code
// (a framework imported with a typo, then a later round made current):
// the Chinese name, the English one or both (edit), and records who did
// it, with the old and the new names, as round.correct_name (detail from
// and to for the Chinese name, from_en and to_en for the English one,
// only those that changed). It returns the correction made. The round's
// report and pack then use the new names. Refused: an empty Chinese name
// (EINVALID; an empty English name says the round had none: English
// readers then see today's English name while the round's Chinese name
// is today's, else the Chinese name, NameNow), a name over 200
// characters (EINVALID), a name changed by someone else since the
// corrector saw it (WasName, WasNameEN; ECONFLICT), a name another indicator of the
// round has, in either language (ECONFLICT), a round that keeps no names
// of its own and so follows the framework, such as the current round
// (EINVALID, saying to correct the framework), an unknown round or code
// (ENOTFOUND), an edit of neither name (EINVALID). The same names again
// change nothing and record nothing.
func (s *Store) CorrectRoundNames(ctx context.Context, round int, code string, edit RoundNameEdit, by string) (*NameCorrection, error) {
	if edit.Name == nil && edit.NameEN == nil {
		return nil, FieldErrorf("name", EINVALID, "请填写要改正的指标名称（中文名称或英文名称）")
	}
	clean := func(p *string) *string {
		if p == nil {
			return nil
		}
		v := strings.TrimSpace(DropInvisible(*p))
		return &v
	}
	edit = RoundNameEdit{Name: clean(edit.Name), NameEN: clean(edit.NameEN), WasName: clean(edit.WasName), WasNameEN: clean(edit.WasNameEN)}
	if edit.Name != nil && *edit.Name == "" {
		return nil, FieldErrorf("name", EINVALID, "指标名称不能为空；请填写该轮次应有的名称")
	}
	if edit.Name != nil && utf8.RuneCountInString(*edit.Name) > MaxIndicatorName {
		return nil, FieldErrorf("name", EINVALID, "指标名称太长（%d 个字符）；最多 %d 个字符", utf8.RuneCountInString(*edit.Name), MaxIndicatorName)
	}
	if edit.NameEN != nil && utf8.RuneCountInString(*edit.NameEN) > MaxIndicatorName {
		return nil, FieldErrorf("name_en", EINVALID, "英文名称太长（%d 个字符）；最多 %d 个字符", utf8.RuneCountInString(*edit.NameEN), MaxIndicatorName)
	}
	c := &NameCorrection{Round: round, Code: code}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.keptRound(ctx, tx, round); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT name, name_en FROM round_indicator WHERE round = ? AND code = ?`, round, code).Scan(&c.Old, &c.OldEN)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "%d年度的指标体系中没有编码为 %s 的指标", round, code)
		}
		if err != nil {
			return fmt.Errorf("read the names of %s in round %d: %w", code, round, err)
		}
		if err := changedSince(c, edit); err != nil {
			return err
		}
		c.New, c.NewEN = c.Old, c.OldEN
		if edit.Name != nil {
			c.New = *edit.Name
		}
		if edit.NameEN != nil {
			c.NewEN = *edit.NameEN
		}
		if !c.Changed() {
			return nil
		}
		if err := s.roundNameFree(ctx, tx, c); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE round_indicator SET name = ?, name_en = ? WHERE round = ? AND code = ?`, c.New, c.NewEN, round, code)
		if err != nil {
			return fmt.Errorf("correct the names of %s in round %d: %w", code, round, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("correct the names of %s in round %d: %w", code, round, err)
		} else if n == 0 {
			return Errorf(ENOTFOUND, "%d年度的指标体系中没有编码为 %s 的指标", round, code)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "round.correct_name", Object: fmt.Sprintf("round:%d", round),
			Detail: c.detail()})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// changedSince refuses an edit of a name that someone else changed after
// the corrector saw it (edit.WasName, edit.WasNameEN, cleaned), the names
// now in c (Old, OldEN): the edit would silently undo theirs. The names
// now are compared cleaned as the edit's are (SameName), so that a name
// stored with an invisible character (imported before imports dropped
// them) is not taken for one changed since. A name already made what the
// edit asks is no conflict. The refusal says what conflicts (the name
// shown, the name now, the name sent) and what the corrector can do:
// keep the other's name (nothing to send), or confirm theirs over it.
func changedSince(c *NameCorrection, edit RoundNameEdit) error {
	for _, f := range []struct {
		field   string
		words   Words
		was, to *string
		now     string
	}{
		{"name", Words{Chinese: "名称", English: "name"}, edit.WasName, edit.Name, c.Old},
		{"name_en", Words{Chinese: "英文名称", English: "English name"}, edit.WasNameEN, edit.NameEN, c.OldEN},
	} {
		if f.to == nil || f.was == nil || SameName(*f.was, f.now) || SameName(*f.to, f.now) {
			continue
		}
		// The punctuation is written full-width: beside a %s, Fullwidth
		// cannot tell the clause is Chinese.
		change := nameChange(*f.was, f.now)
		if SameName(*f.to, *f.was) {
			// Sent as shown: the corrector changed the other name, or none.
			back := Words{Chinese: "要改回“" + *f.was + "”", English: "to put “" + *f.was + "” back"}
			if blankName(*f.was) {
				back = Words{Chinese: "要清空它", English: "to clear it"}
			}
			return FieldErrorf(f.field, ECONFLICT, "%d年度指标 %s 的%s在你打开页面后已被他人%s；你没有改动它，所以未作修改，刷新页面即可看到新的%s；%s，请确认覆盖他人的修改后再提交",
				c.Round, c.Code, f.words, change, f.words, back)
		}
		yours := Words{Chinese: "与你填写的“" + *f.to + "”冲突", English: "which conflicts with your “" + *f.to + "”"}
		still := Words{Chinese: "仍要改为“" + *f.to + "”", English: "to make it “" + *f.to + "” all the same"}
		if blankName(*f.to) {
			yours = Words{Chinese: "与你清空它冲突", English: "which conflicts with your clearing it"}
			still = Words{Chinese: "仍要清空它", English: "to clear it all the same"}
		}
		return FieldErrorf(f.field, ECONFLICT, "%d年度指标 %s 的%s在你打开页面后已被他人%s，%s，未作修改；要保留他人的%s，无需再提交，刷新页面即可；%s，请确认覆盖他人的修改后再提交",
			c.Round, c.Code, f.words, change, yours, f.words, still)
	}
	return nil
}

// nameChange says how a name was changed, from was to now: a name that
// was blank (a round with no English name yet) or was cleared is said so,
// not quoted as “”.
func nameChange(was, now string) Words {
	switch {
	case blankName(was):
		return Words{Chinese: "由空白改为“" + now + "”", English: "from blank to “" + now + "”"}
	case blankName(now):
		return Words{Chinese: "由“" + was + "”改为空白", English: "from “" + was + "” to blank"}
	}
	return Words{Chinese: "由“" + was + "”改为“" + now + "”", English: "from “" + was + "” to “" + now + "”"}
}

// blankName reports whether a name is none once cleaned (SameName).
func blankName(s string) bool { return SameName(s, "") }

// SameName reports whether two names are one once cleaned as a
// correction cleans them: invisible characters dropped (DropInvisible),
// spaces trimmed at either end.
func SameName(a, b string) bool {
	return strings.TrimSpace(DropInvisible(a)) == strings.TrimSpace(DropInvisible(b))
}

// roundNameFree refuses, inside tx, a corrected name (c) that another
// indicator of the round has: the Chinese name as it is, the English one
// whatever its letter case.
func (s *Store) roundNameFree(ctx context.Context, tx *sql.Tx, c *NameCorrection) error {
	var other string
	if c.New != c.Old {
		err := tx.QueryRowContext(ctx, `SELECT code FROM round_indicator WHERE round = ? AND name = ? AND code <> ? ORDER BY position LIMIT 1`,
			c.Round, c.New, c.Code).Scan(&other)
		if err == nil {
			return FieldErrorf("name", ECONFLICT, "%d年度的指标 %s 已叫“%s”；同一轮次的两个指标不能同名，请换一个名称", c.Round, other, c.New)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("look for the name in round %d: %w", c.Round, err)
		}
	}
	if c.NewEN == c.OldEN || c.NewEN == "" {
		return nil
	}
	// Letter case is folded here, not by SQL LOWER(), which folds only
	// ASCII on SQLite: "ÉDUCATION" and "Éducation" are one name on both.
	rows, err := tx.QueryContext(ctx, `SELECT code, name_en FROM round_indicator WHERE round = ? AND code <> ? AND name_en <> '' ORDER BY position`,
		c.Round, c.Code)
	if err != nil {
		return fmt.Errorf("look for the English name in round %d: %w", c.Round, err)
	}
	defer rows.Close()
	for rows.Next() {
		var en string
		if err := rows.Scan(&other, &en); err != nil {
			return fmt.Errorf("look for the English name in round %d: %w", c.Round, err)
		}
		if strings.EqualFold(en, c.NewEN) {
			return FieldErrorf("name_en", ECONFLICT, "%d年度的指标 %s 的英文名称已是“%s”；同一轮次的两个指标不能同名，请换一个名称", c.Round, other, c.NewEN)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("look for the English name in round %d: %w", c.Round, err)
	}
	return nil
}

// NameCorrection is a kept name corrected: the indicator code of round,
// named Old (in English OldEN) before and New (NewEN) now.
type NameCorrection struct {
	Round        int
	Code         string
	Old, New     string
	OldEN, NewEN string
}

// Changed reports whether the correction changed either name.
func (c *NameCorrection) Changed() bool { return c.Old != c.New || c.OldEN != c.NewEN }

// detail is the correction's audit detail: the code, and from/to for
// each name that changed.
func (c *NameCorrection) detail() map[string]any {
	d := map[string]any{"code": c.Code}
	if c.Old != c.New {
		d["from"], d["to"] = c.Old, c.New
	}
	if c.OldEN != c.NewEN {
		d["from_en"], d["to_en"] = c.OldEN, c.NewEN
	}
	return d
}

// keptRound refuses, inside tx, a round that is not there or keeps no
// names of its own: its names are the framework's, corrected there. It
// locks the round's round_framework row (dialect.lockRow), so that on
// PostgreSQL corrections of one round queue: each then reads the names
// the one before it left, for its check that no two share a name and for
// the old name it records.
func (s *Store) keptRound(ctx context.Context, tx *sql.Tx, round int) error {
	var kept int
	err := tx.QueryRowContext(ctx, `SELECT round FROM round_framework WHERE round = ?`+s.dialect.lockRow, round).Scan(&kept)
	switch {
	case err == nil:
		return nil
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("lock round %d's names: %w", round, err)
	}
	var current int
	err = tx.QueryRowContext(ctx, `SELECT is_current FROM round WHERE year = ?`, round).Scan(&current)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Errorf(ENOTFOUND, "监测轮次 %d 不存在", round)
	case err != nil:
		return fmt.Errorf("read round %d: %w", round, err)
	case current == 1:
		return Errorf(EINVALID, "%d年度是当前轮次，其指标名称随当前指标体系，不能在这里单独修改；请改正指标体系文件后重新导入", round)
	}
	return Errorf(EINVALID, "%d年度没有保存自己的指标名称，随当前指标体系，不能在这里单独修改；请改正指标体系文件后重新导入", round)
}
