package assignments

import (
	"context"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// CopyPrevious starts round's responsibility table (0: the current round)
// of a city from the latest earlier round that has one: every task
// becomes an open task (未提交) of the same key indicator, department and
// contact, due on the same day of the new round's year, with nothing
// handed in. Tasks the round already has are left as they are, so
// copying again adds only what is missing; tasks of indicators the
// current framework no longer has as key indicators are skipped and
// listed. The earlier round's tasks and hand-ins do not change. EINVALID
// when no earlier round has a table for the city.
func (s *Service) CopyPrevious(ctx context.Context, u *catalog.User, city string, round int) (*catalog.AssignmentCopy, error) {
	today, overdue := s.today(), 0
	cp, err := s.copyPrevious(ctx, u, city, round, func(shifted string) (string, error) {
		if shifted < today {
			overdue++
		}
		return shifted, nil
	})
	if err != nil {
		return nil, err
	}
	cp.Overdue = overdue
	return cp, nil
}

// OverdueWarning is what a copy given no new date says of the tasks it
// left 逾期 (AssignmentCopy.Overdue): how to give them one.
func OverdueWarning(cp *catalog.AssignmentCopy) (catalog.Words, bool) {
	if cp.Overdue == 0 {
		return catalog.Words{}, false
	}
	return catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
		"复制来的 %d 项任务截止日期已过，显示为逾期；请导入写有本轮截止日期的责任分解表（已有任务的截止日期随之更新），或逐项修改截止日期", cp.Overdue)), true
}

// CopyPreviousDue is CopyPrevious for a coordinator who is asked, on the
// copy form, for the round's new deadline: a table copied into a round
// late (2019's in 2020) would otherwise start with every task 逾期, its
// dates shifted by a year and still past. A task whose shifted date is
// today or later keeps it; one whose date is past is due on due instead.
// With due empty and a date past, nothing is copied and the refusal
// (EINVALID, field "due") says which date and asks for one; a due that is
// not a date, or is past itself, is refused alike.
func (s *Service) CopyPreviousDue(ctx context.Context, u *catalog.User, city string, round int, due string) (*catalog.AssignmentCopy, error) {
	today := s.today()
	if due = strings.TrimSpace(due); due != "" {
		parsed, ok := ParseDue(due)
		if !ok {
			return nil, catalog.FieldErrorf("due", catalog.EINVALID, "截止日期 %q 无法识别，应为 YYYY-MM-DD（如 2018-03-31）", due)
		}
		if parsed < today {
			return nil, catalog.FieldErrorf("due", catalog.EINVALID, "新的截止日期 %s 已过，请填写今天或以后的日期", parsed)
		}
		due = parsed
	}
	return s.copyPrevious(ctx, u, city, round, func(shifted string) (string, error) {
		switch {
		case shifted >= today:
			return shifted, nil
		case due != "":
			return due, nil
		}
		return "", catalog.FieldErrorf("due", catalog.EINVALID,
			"复制过来的任务截止日期顺延后为 %s 等，已早于今天，复制后会显示为逾期；请填写本轮任务新的截止日期", shifted)
	})
}

// copyPrevious copies the table of the round before round, each task
// added due on dueOf of its shifted date (nil: that date).
func (s *Service) copyPrevious(ctx context.Context, u *catalog.User, city string, round int, dueOf func(string) (string, error)) (*catalog.AssignmentCopy, error) {
	city, round, err := s.target(ctx, u, city, round)
	if err != nil {
		return nil, err
	}
	from, err := s.cat.PreviousAssignmentRound(ctx, city, round)
	if err != nil {
		return nil, err
	}
	if from == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "%d年度之前本市没有责任分解表可复制；请导入责任分解表或逐项添加任务", round)
	}
	ch, err := newChecker(ctx, s.cat, city, round)
	if err != nil {
		return nil, err
	}
	keep := func(code string) bool {
		ind, ok := ch.inds[code]
		return ok && ind.Level == catalog.KeyLevel
	}
	return s.cat.CopyAssignmentsDue(ctx, city, from, round, keep, dueOf, u.Username)
}
