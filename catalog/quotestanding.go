package catalog

import (
	"context"
	"fmt"
)

// QuoteStanding is how the quotes of a key indicator's evidence in a city
// stand (引文未找到): the one rule the heat map, /compare, the report and
// the evidence pack's manifest follow, so that an indicator resting only
// on quotes its documents' text does not have is said so on every view,
// not green on the heat map and 引文未找到 in report.xlsx.
type QuoteStanding struct {
	// NotFound: no claim's or value's citation of the indicator's
	// evidence ties it soundly (with none, no link or passage of one),
	// and the best of them quotes words on no page of its document's
	// text, nobody having verified them: what would be 有证据 is 引文未找到,
	// whatever documents are linked besides (QuoteStandingOf).
	NotFound bool
	// VerifiedNotFound: the best use quotes such words and a reviewer
	// verified its claim or value all the same (属实, checked against the
	// original's image, which OCR may have misread): 已核实（引文在文字中
	// 未找到）.
	VerifiedNotFound bool
}

// QuoteUse is one use's say in its indicator's QuoteStanding: the status
// of the claim or value citing the document ("" for a link), whether its
// quote was looked for and is on no page of the document's text
// (Nowhere: not a quote to check again, whose marks are the old text's),
// and whether it is carried over from the last round and still 待确认
// (Carried), which says nothing of the round.
type QuoteUse struct {
	Status  ClaimStatus
	Nowhere bool
	Carried bool
}

// Ties of a use to its indicator, best first: what QuoteStandingOf
// takes the best of.
const (
	tieSound = iota
	tieVerifiedNowhere
	tieNowhere
	tieInsufficient
	tieContradicted
	tieNone
)

// tie is how well u ties its document to the indicator: a verdict
// against its claim or value outweighs its quote.
func (u QuoteUse) tie() int {
	switch {
	case u.Status == ClaimContradicted:
		return tieContradicted
	case u.Status == ClaimInsufficient:
		return tieInsufficient
	case u.Nowhere && u.Status == ClaimVerified:
		return tieVerifiedNowhere
	case u.Nowhere:
		return tieNowhere
	}
	return tieSound
}

// QuoteStandingOf is the standing of an indicator whose evidence's uses
// (live documents only: EvidenceUses' rule) are uses: the best tie of
// those not carried over to confirm says it, and the claims' and the
// value's citations (a use with a Status) say it alone when there are
// any: a link ties a document to the indicator, not the words a claim
// (定性描述) says, so a link without a quote, or with a quote found, does
// not hide that the only quotes of the claims are on no page
// (引文未找到). Among citations one sound use (a quote found) makes the
// indicator's evidence sound whatever the others quote; links alone
// (none of them sound) say it when no claim or value cites.
func QuoteStandingOf(uses []QuoteUse) QuoteStanding {
	best, bestCited := tieNone, tieNone
	for _, u := range uses {
		switch {
		case u.Carried:
		case u.Status != "":
			bestCited = min(bestCited, u.tie())
		default:
			best = min(best, u.tie())
		}
	}
	if bestCited != tieNone {
		best = bestCited
	}
	return QuoteStanding{NotFound: best == tieNowhere, VerifiedNotFound: best == tieVerifiedNowhere}
}

// QuoteStandings returns, per city and indicator, the standing of the
// quotes of the evidence f selects (QuoteStandingOf over the uses
// EvidenceUses would list, each with its mark), in one query: only the
// indicators whose standing is not sound are in it. The heat map,
// /compare and the report all ask it, so they say one state.
func (s *Store) QuoteStandings(ctx context.Context, f EvidenceFilter) (map[[2]string]QuoteStanding, error) {
	q, args := evidenceUnionOf(f, false, true)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query the quotes of the evidence: %w", err)
	}
	defer rows.Close()
	uses := map[[2]string][]QuoteUse{}
	for rows.Next() {
		var city, indicator, id string
		var u QuoteUse
		if err := rows.Scan(&city, &indicator, &id, &u.Status, &u.Nowhere, &u.Carried); err != nil {
			return nil, fmt.Errorf("read the quotes of the evidence: %w", err)
		}
		key := [2]string{city, indicator}
		uses[key] = append(uses[key], u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the quotes of the evidence: %w", err)
	}
	out := map[[2]string]QuoteStanding{}
	for key, list := range uses {
		if st := QuoteStandingOf(list); st != (QuoteStanding{}) {
			out[key] = st
		}
	}
	return out, nil
}
