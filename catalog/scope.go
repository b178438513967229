package catalog

import "slices"

// The city scope: the one rule every service applies to what a user may
// see, whichever surface (API, web UI, CLI) asked.
//
//   - Admins, experts, and reviewers without a list of cities see every
//     city.
//   - A reviewer with a list of cities (User.Cities) sees and reviews only
//     those cities: their documents, claims, values, coverage and search
//     hits, exactly as a coordinator sees one city.
//   - A coordinator or a contributor (a city's department) sees only their
//     own city: its documents, claims and coverage, whichever department
//     handed them in. Which assignments a contributor sees is narrower
//     still, their department's only; the assignments service applies it.
//   - A single object (a document, a claim, a cited original) of a city the
//     user may not see is "not found" (ENOTFOUND), never "forbidden", so
//     that ids of other cities reveal nothing.
//   - A listing (documents, claims, search hits, coverage, the indicator
//     tree's counts) is filtered: with no city asked, a user held to some
//     cities gets those; asking only for cities they may not see gives an
//     empty listing (visible false), not an error and not their own cities
//     instead.
//
// Services ask ScopeCities for a listing's cities and pass the list to the
// store; there is no single-city shortcut, because a reviewer's scope can
// be several cities.
//
// Writing is narrower than seeing: see CanEdit.

// CanSee reports whether u may read objects of city.
func (u *User) CanSee(city string) bool {
	allowed := u.scope()
	return allowed == nil || slices.Contains(allowed, city)
}

// HeldTo returns the cities u is held to (a copy), nil for every city:
// a listing says so to the user, since a search that found nothing in
// them may find it in a city they cannot see.
func (u *User) HeldTo() []string { return slices.Clone(u.scope()) }

// scope returns the cities u is held to, nil for every city: a
// coordinator's or contributor's one city, a reviewer's list.
func (u *User) scope() []string {
	switch {
	case u == nil:
		return nil
	case u.Role == RoleCoordinator || u.Role == RoleContributor:
		return []string{u.City}
	case u.Role == RoleReviewer && len(u.Cities) > 0:
		return u.Cities
	}
	return nil
}

// ScopeCities applies the rule to the cities a listing asks for: it returns
// the cities to list (nil means all) and visible false when the user asked
// only for cities they may not see, in which case the listing is empty.
func (u *User) ScopeCities(requested []string) (cities []string, visible bool) {
	allowed := u.scope()
	if allowed == nil {
		return requested, true
	}
	if len(requested) == 0 {
		return slices.Clone(allowed), true
	}
	for _, c := range requested {
		if slices.Contains(allowed, c) && !slices.Contains(cities, c) {
			cities = append(cities, c)
		}
	}
	return cities, len(cities) > 0
}

// ScopeCity is ScopeCities for a listing that asks for at most one city
// ("" means all cities it may see). The cities to list are returned as a
// list (nil: all), since a reviewer's scope can be several.
func (u *User) ScopeCity(requested string) (cities []string, visible bool) {
	var req []string
	if requested != "" {
		req = []string{requested}
	}
	return u.ScopeCities(req)
}

// SeeObject returns ENOTFOUND when u may not see an object of city, nil
// otherwise: the message the catalog gives when there is no such object
// ("文档 <id> 不存在", "There is no document <id>"), so that another city's
// object reads as missing, in either language.
//
// A city is no secret (its name is on every page), so asking for one the
// user may not see says that, not that it does not exist.
func (u *User) SeeObject(city string, what Words, id string) error {
	if u.CanSee(city) {
		return nil
	}
	if what == ObjectCity {
		return Errorf(ENOTFOUND, "城市 %s 不在您的账号可查看的城市范围内；请选择您负责的城市，或请管理员调整您的账号", id)
	}
	return Errorf(ENOTFOUND, "%s %s 不存在", what, id)
}

// The objects SeeObject speaks of.
var (
	ObjectCity       = Words{Chinese: "城市", English: "city"}
	ObjectDocument   = Words{Chinese: "文档", English: "document"}
	ObjectClaim      = Words{Chinese: "定性描述", English: "statement"}
	ObjectValue      = Words{Chinese: "数值", English: "value"}
	ObjectCarried    = Words{Chinese: "结转记录", English: "carried-over item"}
	ObjectDepartment = Words{Chinese: "责任单位", English: "department"}
	ObjectAssignment = Words{Chinese: "任务", English: "task"}
)
