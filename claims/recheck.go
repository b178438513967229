package claims

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// RecheckQuotes looks again for the quotes the claims' citations and the
// values cite in the text sha, read anew (重新读取, evidence repair), and
// records where each is found now (catalog.RecordQuotesFoundAgain, an
// audit event for each mark that changed): a quote saved as not found
// in the text an older reader gave is marked 原文中找到 once the new text
// has it, and one no longer there says so. It returns how many marks
// changed. A text nothing cites costs one indexed query.
func (s *Service) RecheckQuotes(ctx context.Context, sha string) (int, error) {
	quotes, err := s.cat.QuotesIn(ctx, sha)
	if err != nil || len(quotes) == 0 {
		return 0, err
	}
	found := make([]catalog.QuoteFoundAgain, len(quotes))
	for i, q := range quotes {
		ct, err := ReadCitedText(ctx, s.blobs, s.budget, sha, q.Page, q.Quote)
		if err != nil {
			return 0, fmt.Errorf("look again for the quote of %s %s: %w", q.Kind, q.Owner, err)
		}
		found[i] = catalog.QuoteFoundAgain{Quote: q, Found: ct.Match.Found, FoundOnPage: ct.Match.FoundOnPage}
		ct.Close()
	}
	return s.cat.RecordQuotesFoundAgain(ctx, found)
}
