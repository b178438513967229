package assignments

import (
	"context"

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
	city, round, err := s.target(ctx, u, city, round)
	if err != nil {
		return nil, err
	}
	from, err := s.cat.PreviousAssignmentRound(ctx, city, round)
	if err != nil {
		return nil, err
	}
	if from == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "%d 年度之前本市没有责任分解表可复制；请导入责任分解表或逐项添加任务", round)
	}
	ch, err := newChecker(ctx, s.cat, city)
	if err != nil {
		return nil, err
	}
	keep := func(code string) bool {
		ind, ok := ch.inds[code]
		return ok && ind.Level == catalog.KeyLevel
	}
	return s.cat.CopyAssignments(ctx, city, from, round, keep, u.Username)
}
