package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
)

// roundNamer names indicators as the rounds of a page's items had them: a
// round that keeps its own names (a past round) names an indicator as its
// report does, today's name beside one renamed since (catalog.NameNow:
// 旧名（现名：新名）, English "old (now: new)"). A round is read once per
// page, and only when an item of it is shown.
type roundNamer struct {
	h      *handler
	r      *http.Request
	rounds map[int]*catalog.RoundNames
}

func (h *handler) roundNamer(r *http.Request) *roundNamer {
	return &roundNamer{h: h, r: r, rounds: map[int]*catalog.RoundNames{}}
}

// name is code as round keeps it, "" when the round keeps no names of its
// own (the page's name, the current framework's, stands), has no such
// code, or is 0 (all rounds).
func (n *roundNamer) name(round int, code string) string {
	if n == nil || n.h.Framework == nil || round == 0 {
		return ""
	}
	rn, ok := n.rounds[round]
	if !ok {
		var err error
		if rn, err = n.h.Framework.RoundNames(n.r.Context(), round); err != nil {
			if !catalog.IsNotFound(err) {
				n.h.Logger.Warn("read a round's indicator names", "round", round, "err", err)
			}
			rn = nil
		}
		n.rounds[round] = rn
	}
	if rn == nil || !rn.Kept {
		return ""
	}
	name, _ := rn.Name(code, langOf(n.r) == English)
	return name
}
