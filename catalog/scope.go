package catalog

// The city scope: the one rule every service applies to what a user may
// see, whichever surface (API, web UI, CLI) asked.
//
//   - Admins, experts and reviewers see every city.
//   - A coordinator or a contributor (a city's department) sees only their
//     own city: its documents, claims and coverage, whichever department
//     handed them in. Which assignments a contributor sees is narrower
//     still, their department's only; the assignments service applies it.
//   - A single object (a document, a claim, a cited original) of a city the
//     user may not see is "not found" (ENOTFOUND), never "forbidden", so
//     that ids of other cities reveal nothing.
//   - A listing (documents, claims, search hits, coverage, the indicator
//     tree's counts) is filtered: with no city asked, a coordinator or
//     contributor gets their own city; asking only for cities they may not
//     see gives an empty listing (visible false), not an error and not
//     their own city instead.
//
// Writing is narrower than seeing: see CanEdit.

// CanSee reports whether u may read objects of city.
func (u *User) CanSee(city string) bool {
	return !u.cityBound() || u.City == city
}

// cityBound reports whether u is held to one city: coordinators and
// contributors.
func (u *User) cityBound() bool {
	return u.Role == RoleCoordinator || u.Role == RoleContributor
}

// ScopeCities applies the rule to the cities a listing asks for: it returns
// the cities to list (nil means all) and visible false when the user asked
// only for cities they may not see, in which case the listing is empty.
func (u *User) ScopeCities(requested []string) (cities []string, visible bool) {
	if u == nil || !u.cityBound() {
		return requested, true
	}
	if len(requested) == 0 {
		return []string{u.City}, true
	}
	for _, c := range requested {
		if c == u.City {
			return []string{u.City}, true
		}
	}
	return nil, false
}

// ScopeCity is ScopeCities for a listing of at most one city ("" means
// all cities).
func (u *User) ScopeCity(requested string) (city string, visible bool) {
	var req []string
	if requested != "" {
		req = []string{requested}
	}
	cities, visible := u.ScopeCities(req)
	if !visible || len(cities) == 0 {
		return "", visible
	}
	return cities[0], true
}

// SeeObject returns ENOTFOUND ("<what> <id> 不存在") when u may not see an
// object of city, nil otherwise.
func (u *User) SeeObject(city, what, id string) error {
	if u.CanSee(city) {
		return nil
	}
	return Errorf(ENOTFOUND, "%s %s 不存在", what, id)
}
