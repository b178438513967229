package values

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// CarryOver starts round to for a city from the city's latest earlier
// round: its links, claims and values are taken over as 待确认 for the
// coordinator to confirm, update or drop. Admins and the city's
// coordinator may do it; running it again takes only what is new.
func (s *Service) CarryOver(ctx context.Context, u *catalog.User, city string, to int) (*catalog.CarryReport, error) {
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if _, err := s.cat.City(ctx, city); err != nil {
		return nil, catalog.NotFoundAsInvalid(err)
	}
	if err := u.SeeObject(city, catalog.ObjectCity, city); err != nil {
		return nil, err
	}
	if err := u.CanEdit(city); err != nil {
		return nil, err
	}
	if ok, err := s.cat.RoundExists(ctx, to); err != nil {
		return nil, err
	} else if !ok {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "监测轮次 %d 不存在", to)
	}
	rounds, err := s.cat.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	from := 0
	for _, r := range rounds {
		if r.Year < to {
			from = r.Year
		}
	}
	if from == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "监测轮次 %d 之前没有轮次，无可结转的内容", to)
	}
	return s.cat.CarryOver(ctx, city, from, to, u.Username)
}

// Carryovers lists what was carried into a round for the cities u may
// see (state "" for all).
func (s *Service) Carryovers(ctx context.Context, u *catalog.User, city string, round int, state catalog.CarryState) ([]catalog.Carryover, error) {
	cities, visible := u.ScopeCity(city)
	if !visible {
		return []catalog.Carryover{}, nil
	}
	return s.cat.Carryovers(ctx, catalog.CarryFilter{Cities: cities, Round: round, State: state})
}

// Carryover is one carried object by its ID, of a city u may see:
// ENOTFOUND when there is none (its round deleted since) or u may not see
// its city. The audit log names an old decision's item by it.
func (s *Service) Carryover(ctx context.Context, u *catalog.User, id string) (*catalog.Carryover, error) {
	c, err := s.cat.CarryoverByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(c.City, catalog.ObjectCarried, id); err != nil {
		return nil, err
	}
	return c, nil
}

// CarryoversByID returns the carry-over rows of ids that exist and u may
// see, by ID, in one query (Carryover reads one): the audit log names a
// page's carry-over decisions by them.
func (s *Service) CarryoversByID(ctx context.Context, u *catalog.User, ids []string) (map[string]*catalog.Carryover, error) {
	rows, err := s.cat.CarryoversByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, c := range rows {
		if u.SeeObject(c.City, catalog.ObjectCarried, id) != nil {
			delete(rows, id)
		}
	}
	return rows, nil
}

// Decide confirms ("confirm") or drops ("drop") a carried object; to
// update one, change the claim or record the value again. A link dropped
// from the round may be confirmed again ("restore" or "confirm"): it
// counts in the round again; "restore" of anything else is EINVALID.
// It is DecideChecked by one who did not tick 已核对，仍沿用: confirming an
// item found 与证据矛盾 in the round it came from is refused.
func (s *Service) Decide(ctx context.Context, u *catalog.User, id, action string) (*catalog.Carryover, error) {
	return s.DecideChecked(ctx, u, id, action, false)
}

// DecideChecked is Decide for a person who may not have seen last round's
// verdict: unless checked says they did, confirming a claim or value that
// a reviewer found 与证据矛盾 in the round it came from is EINVALID,
// which says so and what to do instead.
func (s *Service) DecideChecked(ctx context.Context, u *catalog.User, id, action string, checked bool) (*catalog.Carryover, error) {
	c, err := s.cat.CarryoverByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(c.City, catalog.ObjectCarried, id); err != nil {
		return nil, err
	}
	if err := u.CanEdit(c.City); err != nil {
		return nil, err
	}
	if action == "restore" && c.State != catalog.CarryDropped {
		return nil, catalog.Errorf(catalog.EINVALID, "只有本轮不用的事项才能恢复；这一项请用 confirm（确认沿用）或 drop（本轮不再使用）")
	}
	if action == "restore" && c.Kind != catalog.CarryLink {
		// Its copy was deleted when dropped: copied again, it waits to
		// be confirmed as it did before.
		if err := s.cat.RestoreCarried(ctx, id, u.Username); err != nil {
			return nil, err
		}
		return s.cat.CarryoverByID(ctx, id)
	}
	if (action == "confirm" || action == "restore") && !checked && c.State == catalog.CarryToConfirm {
		verdict, err := s.lastVerdict(ctx, *c)
		if err != nil {
			return nil, err
		}
		if verdict == catalog.ClaimContradicted {
			return nil, catalog.FieldErrorf("checked", catalog.EINVALID, "这一项在 %d年度经审核与证据矛盾；请先核对，确需沿用时勾选“已核对，仍沿用”再确认，否则请重新填报数值、修改定性描述或本轮不用", c.FromRound)
		}
	}
	var state catalog.CarryState
	switch action {
	case "confirm", "restore":
		// restore: a link dropped from the round (本轮不用) counts there
		// again; confirming it is the same.
		state = catalog.CarryConfirmed
	case "drop":
		state = catalog.CarryDropped
	default:
		return nil, catalog.Errorf(catalog.EINVALID, "未知的处理方式 %q；可选：confirm（确认沿用）、drop（本轮不再使用）、restore（恢复本轮不用的事项）；修改请直接编辑定性描述或重新填报数值", action)
	}
	if err := s.cat.DecideCarryover(ctx, id, state, u.Username); err != nil {
		return nil, err
	}
	return s.cat.CarryoverByID(ctx, id)
}

// DeleteRound removes a round that holds no data (admins only).
func (s *Service) DeleteRound(ctx context.Context, u *catalog.User, year int) error {
	if u.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员可以删除监测轮次")
	}
	return s.cat.DeleteRound(ctx, year, u.Username)
}
