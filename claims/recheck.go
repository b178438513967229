package claims

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// RecheckQuotes looks again for the quotes the claims' citations cite in
// the text sha, read anew (重新读取, evidence repair), and records where
// each is found now (Recheck). (values.Service's does the values'.)
func (s *Service) RecheckQuotes(ctx context.Context, sha string) (int, error) {
	return Recheck(ctx, s.cat, s.blobs, s.budget, "claim", sha, nil)
}

// Recheck looks again for the quotes of kind ("claim" or "value",
// catalog.QuotesIn) in the text sha, read anew, and records where each is
// found now (catalog.RecordQuotesFoundAgain, an audit event for each
// mark that changed): a quote saved as not found in the text an older
// reader gave is marked found once the new text has it, and one no
// longer there says so. numbers, when not nil, gives a value's marks of
// its number for its quote found or not (nil: left as they are). It
// returns how many marks changed. A text nothing of kind cites costs one
// indexed query.
func Recheck(ctx context.Context, cat *catalog.Store, blobs blob.Store, budget TextBudget, kind, sha string,
	numbers func(q catalog.CitedQuote, found bool) *catalog.ValueMarks) (int, error) {
	quotes, err := cat.QuotesIn(ctx, kind, sha)
	if err != nil || len(quotes) == 0 {
		return 0, err
	}
	found := make([]catalog.QuoteFoundAgain, len(quotes))
	for i, q := range quotes {
		ct, err := ReadCitedText(ctx, blobs, budget, sha, q.Page, q.Quote)
		if err != nil {
			return 0, fmt.Errorf("look again for the quote of %s %s: %w", q.Kind, q.Owner, err)
		}
		m := ct.Match
		ct.Close()
		found[i] = catalog.QuoteFoundAgain{Quote: q, Found: m.Found, FoundOnPage: m.FoundOnPage}
		if numbers != nil {
			found[i].Value = numbers(q, m.Found)
		}
	}
	return cat.RecordQuotesFoundAgain(ctx, found)
}
