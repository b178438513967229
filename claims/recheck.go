package claims

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// Recheck looks again for the quotes cited in the text sha, read anew
// (catalog.QuotesIn: the claims' citations and the values, listed in one
// query), and records where each is found now
// (catalog.RecordQuotesFoundAgain, an audit event for each mark that
// changed): a quote saved as not found in the text an older reader gave
// is marked found once the new text has it, and one no longer there says
// so. numbers gives a value's marks of its number from the match of its
// quote in pages (nil: left as they are); without numbers the values'
// quotes are left alone, their marks and their number's kept together.
// The text is read once for all its quotes when it is held whole (up to
// wholeTextBytes); only a bigger one is streamed for each. It returns how
// many quotes it looked for and how many marks changed. A text nothing
// cites costs one indexed query.
func Recheck(ctx context.Context, cat *catalog.Store, blobs blob.Store, budget TextBudget, sha string,
	numbers func(q catalog.CitedQuote, pages []string, m Match) *catalog.ValueMarks) (catalog.QuotesRechecked, error) {
	var none catalog.QuotesRechecked
	quotes, err := cat.QuotesIn(ctx, sha)
	if err != nil || len(quotes) == 0 {
		return none, err
	}
	return lookAndRecord(ctx, cat, blobs, budget, sha, quotes, numbers)
}

// lookAndRecord looks for quotes in the text sha (lookFor) and records
// where each is found (catalog.RecordQuotesFoundAgain); it returns how
// many it looked for and how many marks changed.
func lookAndRecord(ctx context.Context, cat *catalog.Store, blobs blob.Store, budget TextBudget, sha string, quotes []catalog.CitedQuote,
	numbers func(q catalog.CitedQuote, pages []string, m Match) *catalog.ValueMarks) (catalog.QuotesRechecked, error) {
	var none catalog.QuotesRechecked
	found, err := lookFor(ctx, blobs, budget, sha, quotes, numbers)
	if err != nil {
		return none, err
	}
	changed, err := cat.RecordQuotesFoundAgain(ctx, found)
	if err != nil {
		return none, err
	}
	return catalog.QuotesRechecked{Checked: len(found), Changed: changed}, nil
}

// lookFor looks for quotes in the text sha and gives where each is found
// now, as Recheck records it; a value's quote only with numbers (see
// Recheck).
func lookFor(ctx context.Context, blobs blob.Store, budget TextBudget, sha string, quotes []catalog.CitedQuote,
	numbers func(q catalog.CitedQuote, pages []string, m Match) *catalog.ValueMarks) ([]catalog.QuoteFoundAgain, error) {
	var err error
	var whole *CitedText // the text held whole, read for the first quote
	defer func() {
		if whole != nil {
			whole.Close()
		}
	}()
	found := make([]catalog.QuoteFoundAgain, 0, len(quotes))
	for _, q := range quotes {
		if q.Kind == "value" && numbers == nil {
			continue
		}
		ct := whole
		if ct != nil {
			ct.Match = ct.Find(q.Page, q.Quote)
		} else if ct, err = ReadCitedText(ctx, blobs, budget, sha, q.Page, q.Quote); err != nil {
			return nil, fmt.Errorf("look again for the quote of %s %s: %w", q.Kind, q.Owner, err)
		} else if ct.heldWhole {
			whole = ct
		}
		m := ct.Match
		f := catalog.QuoteFoundAgain{Quote: q, Found: m.Found, FoundOnPage: m.FoundOnPage, Read: m.Read}
		if q.Kind == "value" {
			f.Value = numbers(q, ct.Pages, m)
		}
		if ct != whole {
			ct.Close()
		}
		if q.Kind == "value" && f.Value == nil && q.RecheckError != "" {
			// Its marks stay (another city's or round's, or gone):
			// recording the quote alone would clear 引文待重新核对
			// while leaving the old text's number mark.
			continue
		}
		found = append(found, f)
	}
	return found, nil
}
