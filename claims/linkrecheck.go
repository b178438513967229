package claims

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// linkLooks bounds how often RecheckLink looks for a link's quotes in a
// text put again while it looked: a text is read anew once in a while
// (evidence repair), never over and over.
const linkLooks = 3

// RecheckLink looks for the quotes of link id, just given one, in the
// text sha of its document and records where each is found
// (catalog.LinkQuotes, catalog.RecordQuotesFoundAgain): those quotes
// only, not the claims' and values' cited in that text, whose marks its
// saving did not change. A mark is recorded only while the document
// still has the text sha (checked with its row locked). A text put again
// while the quotes were looked for (a repair reading it anew) may have
// had its own look come first: its version is asked before and after,
// and the quotes are looked for again in the new text. A text missing
// (not read yet, or deleted for a repair) is ENOTFOUND: its reading looks
// for them. It returns how many quotes it looked for and how many marks
// changed.
func RecheckLink(ctx context.Context, cat *catalog.Store, blobs blob.Store, budget TextBudget, sha, id string) (catalog.QuotesRechecked, error) {
	var out catalog.QuotesRechecked
	for range linkLooks {
		before, err := blobs.Stat(ctx, catalog.TextKey(sha))
		if err != nil {
			return out, fmt.Errorf("look for the quotes of link %s: %w", id, err)
		}
		quotes, err := cat.LinkQuotes(ctx, sha, id)
		if err != nil || len(quotes) == 0 {
			return out, err
		}
		n, err := lookAndRecord(ctx, cat, blobs, budget, sha, quotes, nil)
		if err != nil {
			return out, err
		}
		out.Checked, out.Changed = n.Checked, out.Changed+n.Changed
		after, err := blobs.Stat(ctx, catalog.TextKey(sha))
		if catalog.IsNotFound(err) {
			return out, nil // deleted to be read anew: that reading looks for them after this
		}
		if err != nil {
			return out, fmt.Errorf("look for the quotes of link %s: %w", id, err)
		}
		if after.Version == before.Version {
			return out, nil
		}
	}
	return out, fmt.Errorf("look for the quotes of link %s: text %s put again %d times while they were looked for", id, sha, linkLooks)
}

// CheckUncheckedLinks looks for the link quotes not looked for yet
// (catalog.CitedQuote's Unchecked) in the text sha and records their
// marks, leaving every other quote cited there as it is: evidence quotes
// check, for the links made before their quotes were looked for. It
// returns how many quotes it looked for and how many marks changed.
func CheckUncheckedLinks(ctx context.Context, cat *catalog.Store, blobs blob.Store, budget TextBudget, sha string) (catalog.QuotesRechecked, error) {
	quotes, err := cat.QuotesIn(ctx, sha)
	if err != nil {
		return catalog.QuotesRechecked{}, err
	}
	quotes = slices.DeleteFunc(quotes, func(q catalog.CitedQuote) bool { return q.Kind != "link" || !q.Unchecked })
	if len(quotes) == 0 {
		return catalog.QuotesRechecked{}, nil
	}
	return lookAndRecord(ctx, cat, blobs, budget, sha, quotes, nil)
}
