package catalog

import (
	"slices"
	"strings"
)

// A passage pasted into the search box (KeepPassage) is kept with the
// scope of the account that pasted it, and read back (Passage) only by an
// account that sees every city that one sees: its key travels in a link
// that may be shared, logged by a proxy or sent as a Referer, and an
// account of another city that comes upon it must learn nothing, not even
// that a passage is kept under it.
//
// The scope is the account's cities, not the account itself: a passage
// is what its search finds in those cities, and whoever sees them all may
// read it (a coordinator's search link works for the city's contributors
// and for the experts who review the city, and two experts share links).
// An account that sees fewer cities than the one that pasted it, such as
// a coordinator given an expert's link, is told to paste the passage
// again, as for a key never kept.

// passageScopeAll is the scope of a passage pasted by an account that
// sees every city (admin, expert, reviewer without a list).
const passageScopeAll = "*"

// PassageScope returns the scope a passage u pastes is kept with: "*" when
// u sees every city, else the codes of the cities u is held to, sorted
// and joined by commas ("330100" for a coordinator or contributor of
// 杭州). It is "" for no account: nothing is kept for no one.
func (u *User) PassageScope() string {
	if u == nil {
		return ""
	}
	cities := u.scope()
	if cities == nil {
		return passageScopeAll
	}
	cities = slices.Clone(cities)
	slices.Sort(cities)
	return strings.Join(slices.Compact(cities), ",")
}

// CanReadPassage reports whether u may read a passage kept with scope
// (PassageScope): u sees every city of the scope. A passage kept before
// passages had scopes ("") is read by no one.
func (u *User) CanReadPassage(scope string) bool {
	switch {
	case u == nil || scope == "":
		return false
	case u.scope() == nil:
		return true
	case scope == passageScopeAll:
		return false
	}
	for _, city := range strings.Split(scope, ",") {
		if !u.CanSee(city) {
			return false
		}
	}
	return true
}
