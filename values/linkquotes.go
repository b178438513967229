package values

import (
	"context"
	"log/slog"

	"github.com/lcmonitor/evidence/claims"
)

// linkTextsPage is how many texts CheckLinkQuotes asks the catalog for
// at a time: a page of their SHA-256s, never the whole archive's.
const linkTextsPage = 100

// LinkQuotesChecked is what CheckLinkQuotes did: the texts whose link
// quotes it looked for, the quotes, and the texts it could not read now
// (their quotes stay not looked for).
type LinkQuotesChecked struct {
	Texts, Quotes, Skipped int
}

// CheckLinkQuotes looks for every link quote not looked for yet (a link
// made before its quotes were looked for, migration 032, or whose look
// failed) in the text of its document, and records the marks
// (claims.CheckUncheckedLinks): evidence quotes check. The texts are
// listed a page at a time (catalog.UncheckedLinkTexts) and each is read
// once for its quotes; the claims' and values' quotes there are left as
// they are. A text that cannot be read now is counted in Skipped and
// left. done, when not nil, is called after each text.
func (s *Service) CheckLinkQuotes(ctx context.Context, done func()) (LinkQuotesChecked, error) {
	var out LinkQuotesChecked
	after := ""
	for {
		shas, err := s.cat.UncheckedLinkTexts(ctx, after, linkTextsPage)
		if err != nil || len(shas) == 0 {
			return out, err
		}
		for _, sha := range shas {
			n, err := claims.CheckUncheckedLinks(ctx, s.cat, s.blobs, s.budget, sha)
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			if err != nil {
				slog.Warn("values: check link quotes", "sha256", sha, "err", err)
				out.Skipped++
			} else {
				out.Texts, out.Quotes = out.Texts+1, out.Quotes+n.Checked
			}
			if done != nil {
				done()
			}
		}
		after = shas[len(shas)-1]
	}
}
