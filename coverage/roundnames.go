package coverage

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// roundIndicators are the current framework's indicators named as round
// names them: for a round that keeps its own names (a past round), each
// code the round has takes the round's name and English name, and now
// holds today's indicator of each code renamed since (catalog.Renamed);
// kind, unit and order stay today's, so that counts and values line up
// with every other page. Round 0 (all rounds), a round that follows the
// framework and a round that is not there take the framework's names.
func roundIndicators(ctx context.Context, cat *catalog.Store, round int) (inds []catalog.Indicator, now map[string]catalog.Indicator, kept bool, err error) {
	_, inds, err = cat.CurrentFramework(ctx)
	if err != nil || round == 0 {
		return inds, nil, false, err
	}
	n, err := cat.RoundNames(ctx, round)
	if catalog.IsNotFound(err) {
		return inds, nil, false, nil
	}
	if err != nil || !n.Kept {
		return inds, nil, false, err
	}
	named := make([]catalog.Indicator, len(inds))
	for i, ind := range inds {
		if then, ok := n.Indicator(ind.Code); ok {
			ind.Name, ind.NameEN = then.Name, then.NameEN
		}
		named[i] = ind
	}
	return named, n.Now, true, nil
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
// roundIndicators), with today's names beside those renamed since (now).
func (m *Matrix) nameRound(now map[string]catalog.Indicator, kept bool) {
	m.NamesKept = kept
	for i, col := range m.Indicators {
		if is, ok := now[col.Code]; ok {
			m.Indicators[i].Now, m.Indicators[i].NowEN = is.Name, is.NameEN
		}
	}
}
