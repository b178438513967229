package values

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// RecheckQuotes looks again for the quotes the values cite in the text
// sha, read anew (重新读取, evidence repair), and for each value's number
// in the passage found, and records the marks that changed
// (claims.Recheck): a value whose quote was saved as not found in the
// text an older reader gave is then marked as its save would mark it
// today. It returns how many values' marks changed.
func (s *Service) RecheckQuotes(ctx context.Context, sha string) (int, error) {
	return claims.Recheck(ctx, s.cat, s.blobs, s.budget, "value", sha, func(q catalog.CitedQuote, found bool) *catalog.ValueMarks {
		return s.numberFoundAgain(ctx, q.ID, found)
	})
}

// rechecker checks values again as the system, which may see every city's.
var rechecker = &catalog.User{Username: "system", Role: catalog.RoleAdmin}

// numberFoundAgain is whether the number of value id is written in the
// passage its quote finds now, checked as saving the value as it stands
// checks it (Record): not found when the quote is not (no passage);
// nil, leaving the marks as they are, when that check fails (its document
// deleted, its indicator gone) or reads another number from what was
// typed.
func (s *Service) numberFoundAgain(ctx context.Context, id string, quoteFound bool) *catalog.ValueMarks {
	if !quoteFound {
		return &catalog.ValueMarks{}
	}
	v, err := s.cat.Value(ctx, id)
	if err != nil {
		return nil
	}
	c := v.Citation
	again, err := s.check(ctx, rechecker, Input{City: v.City, Round: v.Round, Indicator: v.Indicator, Value: Written(v.Given),
		Citation: claims.CitationInput{DocumentID: c.DocumentID, Page: c.Page, Quote: c.Quote}})
	if err != nil || again.Number != v.Number || !again.Citation.QuoteFound {
		return nil
	}
	return &catalog.ValueMarks{Found: again.ValueFound, PassageUnit: again.PassageUnit}
}
