package claims

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// RecheckQuotes looks again for the quotes the claims' citations cite in
// the text sha, read anew (重新读取, evidence repair), and records where
// each is found now (catalog.RecordQuotesFoundAgain, an audit event for
// each mark that changed): a quote saved as not found in the text an
// older reader gave is marked found once the new text has it, and one no
// longer there says so. It returns how many marks changed. A text no
// claim cites costs one indexed query. (values.Service's does the values'.)
func (s *Service) RecheckQuotes(ctx context.Context, sha string) (int, error) {
	quotes, err := s.cat.QuotesIn(ctx, "claim", sha)
	if err != nil || len(quotes) == 0 {
		return 0, err
	}
	found := make([]catalog.QuoteFoundAgain, len(quotes))
	for i, q := range quotes {
		m, err := QuoteFoundAgain(ctx, s.blobs, s.budget, q)
		if err != nil {
			return 0, err
		}
		found[i] = catalog.QuoteFoundAgain{Quote: q, Found: m.Found, FoundOnPage: m.FoundOnPage}
	}
	return s.cat.RecordQuotesFoundAgain(ctx, found)
}

// QuoteFoundAgain is where q's quote is found in its text now.
func QuoteFoundAgain(ctx context.Context, blobs blob.Store, budget TextBudget, q catalog.CitedQuote) (Match, error) {
	ct, err := ReadCitedText(ctx, blobs, budget, q.SHA256, q.Page, q.Quote)
	if err != nil {
		return Match{}, fmt.Errorf("look again for the quote of %s %s: %w", q.Kind, q.Owner, err)
	}
	defer ct.Close()
	return ct.Match, nil
}
