package coverage

import (
	"context"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// roundIndicators are the current framework's indicators named as round
// names them: for a round that keeps its own names (a past round), each
// code the round has takes the round's name and English name, and now
// holds today's indicator of each code renamed since (catalog.Renamed);
// kind, unit and order stay today's, so that counts and values line up
// with every other page. An indicator the round had that today's
// framework dropped is the round's still: it comes as the round had it
// (name, kind, unit), after the indicator before it in the round's order
// (withDropped). Round 0 (all rounds), a round that follows the
// framework and a round that is not there take the framework's names,
// and its indicators only.
func roundIndicators(ctx context.Context, cat *catalog.Store, round int) ([]catalog.Indicator, roundNaming, error) {
	_, inds, err := cat.CurrentFramework(ctx)
	if err != nil || round == 0 {
		return inds, roundNaming{}, err
	}
	n, err := cat.RoundNames(ctx, round)
	if catalog.IsNotFound(err) {
		return inds, roundNaming{}, nil
	}
	if err != nil || !n.Kept {
		return inds, roundNaming{}, err
	}
	named := make([]catalog.Indicator, len(inds))
	for i, ind := range inds {
		if then, ok := n.Indicator(ind.Code); ok {
			ind.Name, ind.NameEN = then.Name, then.NameEN
		}
		named[i] = ind
	}
	naming := roundNaming{now: n.Now, kept: true, dropped: map[string]bool{}}
	for _, ind := range n.Indicators {
		naming.dropped[ind.Code] = true
	}
	for _, ind := range inds {
		delete(naming.dropped, ind.Code)
	}
	return withDropped(named, n.Indicators), naming, nil
}

// roundNaming is how a matrix's round names its columns: now holds
// today's indicator of each code renamed since, kept is true for a round
// that keeps its own names, and dropped holds the codes it had that
// today's framework lacks.
type roundNaming struct {
	now     map[string]catalog.Indicator
	kept    bool
	dropped map[string]bool
}

// withDropped adds to today's indicators (inds, parents first) the
// round's (then, in the round's order) that today's lack. Each is
// inserted after the code before it in the round's order (at the start
// when there is none), skipping that code's descendants unless the new
// code is one of them: a dropped key indicator stays beside its
// siblings, a dropped first child goes right under its parent, and a
// dropped area keeps its elements beneath it.
func withDropped(inds, then []catalog.Indicator) []catalog.Indicator {
	has := make(map[string]bool, len(inds))
	for _, ind := range inds {
		has[ind.Code] = true
	}
	out := inds
	prev := ""
	for _, ind := range then {
		if !has[ind.Code] {
			at := 0
			if i := slices.IndexFunc(out, func(o catalog.Indicator) bool { return o.Code == prev }); i >= 0 {
				at = i + 1
				for !strings.HasPrefix(ind.Code, prev+".") && at < len(out) && strings.HasPrefix(out[at].Code, prev+".") {
					at++
				}
			}
			out = slices.Insert(slices.Clip(out), at, ind)
			has[ind.Code] = true
		}
		prev = ind.Code
	}
	return out
}

// IndicatorName is a key indicator named as a round names it, Column's
// and CompareRow's: Now and NowEN are today's name of one a past round
// names otherwise (旧名（现名：新名）, as the round's report writes it).
type IndicatorName struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en,omitempty"`
	Now    string `json:"now,omitempty"`
	NowEN  string `json:"now_en,omitempty"`
}

// Shown is the name as pages and spreadsheets write it
// (catalog.NameNow): the round's name, today's beside it when renamed
// since.
func (n IndicatorName) Shown(english bool) string {
	var now catalog.Indicator
	if n.Now != "" {
		now = catalog.Indicator{Code: n.Code, Name: n.Now, NameEN: n.NowEN}
	}
	return catalog.NameNow(n.Name, n.NameEN, now, english)
}

// nameRound names the matrix's columns as its round does (inds from
// roundIndicators): today's names beside those renamed since, and
// Dropped on those today's framework lacks.
func (m *Matrix) nameRound(n roundNaming) {
	m.NamesKept = n.kept
	for i, col := range m.Indicators {
		if is, ok := n.now[col.Code]; ok {
			m.Indicators[i].Now, m.Indicators[i].NowEN = is.Name, is.NameEN
		}
		m.Indicators[i].Dropped = n.dropped[col.Code]
	}
}
