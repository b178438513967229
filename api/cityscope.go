package api

import (
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// cityInReach is ENOTFOUND, in the words missing.xlsx, /coverage/compare
// and the web pages give (城市 330100 不在您的账号可查看的城市范围内……),
// when a listing of the assignments, departments, values, carry-overs,
// claims, documents, the indicator tree or an indicator's evidence asks
// by ?city= for a city u may not see; nil when no city is asked or u may
// see it. An empty 200 would read as "this city owes nothing", or has
// nothing to show. A city the archive does not have (a mistyped code, or
// the city's name, 杭州, for its code) is 400 on city saying what a code
// is, as the search answers it: not an empty list to anyone who sees
// every city, nor to a coordinator "not among your cities" of their own.
func (h *handler) cityInReach(r *http.Request, u *catalog.User, city string) error {
	city = strings.TrimSpace(city)
	if city == "" {
		return nil
	}
	if _, err := h.Framework.City(r.Context(), city); err != nil {
		return catalog.OnInvalidField("city", catalog.NotFoundAsInvalid(err))
	}
	return u.SeeObject(city, catalog.ObjectCity, city)
}
