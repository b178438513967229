package values

import (
	"context"
	"log/slog"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// RecheckQuotes looks again for the quotes cited in the text sha, read
// anew (重新读取, evidence repair, a text read by older rules read again):
// the claims' citations and the values', and each value's number in the
// passage its quote finds; it records the marks that changed
// (claims.Recheck). A value whose quote was saved as not found in the
// text an older reader gave is then marked as its save would mark it
// today: its number found or not, and the unit the passage writes it in.
// Only those marks are recorded; the warnings a save gives are not (no
// value's are stored), so a number found now only within a rough number
// (12万 in 十多万人) gets no 约数 warning here. Its card and the report
// say 约数 from the quote when they show it (PageContext.Rough, RoughIn).
// It returns how many quotes it looked for and how many marks changed.
func (s *Service) RecheckQuotes(ctx context.Context, sha string) (catalog.QuotesRechecked, error) {
	return claims.Recheck(ctx, s.cat, s.blobs, s.budget, sha, func(q catalog.CitedQuote, pages []string, m claims.Match) *catalog.ValueMarks {
		return s.numberFoundAgain(ctx, q, pages, m, false)
	})
}

// RecheckLinkQuotes looks for the quotes of link id, just given one, in
// the text sha of its document, and records their marks only
// (claims.RecheckLink): the claims' and values' quotes in that text are
// left as they are. It returns how many quotes it looked for and how many
// marks changed.
func (s *Service) RecheckLinkQuotes(ctx context.Context, sha, id string) (catalog.QuotesRechecked, error) {
	return claims.RecheckLink(ctx, s.cat, s.blobs, s.budget, sha, id)
}

// RecheckValues looks again, by today's rules, for the number of every
// value stored for city and round ("" and 0: every one) in the passage
// its quote finds in its cited text (evidence values recheck): a value
// saved as found whose number today's rules no longer find there
// (100000 against 十多万人, or against 近十万人 as the oldest rules read
// it) is marked not found, and one saved as not found that they find
// (30% against 三成) is marked found. Each cited text is read once, and
// the quotes of the claims citing it are looked for again as a re-read
// does (RecheckQuotes); each mark that changed is recorded with a system
// event (value.quote, claim.quote). A text that cannot be read now is
// left as it is and counted in skipped. It returns how many values it
// checked and how many marks changed.
func (s *Service) RecheckValues(ctx context.Context, city string, round int) (checked, changed, skipped int, err error) {
	vs, err := s.cat.FindValues(ctx, catalog.ValueFilter{City: city, Round: round})
	if err != nil {
		return 0, 0, 0, err
	}
	wanted := map[string]bool{}
	var shas []string
	for _, v := range vs {
		if sha := v.Citation.SHA256; sha != "" {
			if !slices.Contains(shas, sha) {
				shas = append(shas, sha)
			}
			wanted[v.ID] = true
		}
	}
	for _, sha := range shas {
		n, err := claims.Recheck(ctx, s.cat, s.blobs, s.budget, sha, func(q catalog.CitedQuote, pages []string, m claims.Match) *catalog.ValueMarks {
			if !wanted[q.ID] {
				return nil // another city's or round's: its marks stay
			}
			checked++
			return s.numberFoundAgain(ctx, q, pages, m, true)
		})
		if ctx.Err() != nil {
			return checked, changed, skipped, ctx.Err()
		}
		if err != nil {
			slog.Warn("values: recheck", "sha256", sha, "err", err)
			skipped++
			continue
		}
		changed += n.Changed
	}
	return checked, changed, skipped, nil
}

// numberFoundAgain is whether the number of value id is written in the
// passage m found in pages, its quote's match in the text read anew,
// looked for as saving the value checks it (findInPassage): not found
// when the quote is not (no passage). It reads no document: the text may
// be read while its document is not yet indexed again (evidence repair).
// A value whose quote and number q, its marks until now, say were found
// (recorded under older rules: 100000 against 近十万人次) stays found
// while the passage writes its number as those rules read it
// (recordedIn), as its card marks it, unless today says only today's
// rules count (RecheckValues). Nil, leaving the marks as they
// are, when the value or its indicator is gone or what was typed no
// longer reads as the number stored.
func (s *Service) numberFoundAgain(ctx context.Context, q catalog.CitedQuote, pages []string, m claims.Match, today bool) *catalog.ValueMarks {
	if !m.Found {
		return &catalog.ValueMarks{}
	}
	v, err := s.cat.Value(ctx, q.ID)
	if err != nil {
		return nil
	}
	ind, err := s.quantitative(ctx, v.Indicator)
	if err != nil {
		return nil
	}
	typed, ok := typedNumber(ind, v)
	if !ok {
		return nil
	}
	passage := m.Passage(pages)
	found, unit := findInPassage(passage, textAfter(pages, m, afterRunes), typed, v.Number, ind.Unit)
	if !found && !today && q.QuoteFound && q.ValueFound {
		if _, found = recordedIn(passage, typed, v.Number); found {
			unit = ""
		}
	}
	return &catalog.ValueMarks{Found: found, PassageUnit: unit}
}

// typedNumber is the number v's writing (Given) gives as typed, read as
// check reads a value typed so; false when it no longer reads as the
// number stored (the indicator's unit changed since).
func typedNumber(ind *catalog.Indicator, v *catalog.Value) (float64, bool) {
	value, unit := splitValueUnit(ind, Written(v.Given), "")
	n, err := number(value)
	if err != nil {
		return 0, false
	}
	unit = restatedUnit(ind, unit, n)
	mul, div, err := fitUnit(ind, unit, n.Percent, scaled(n))
	if err != nil || rescale(n.Value, mul, div) != v.Number {
		return 0, false
	}
	return n.Value, true
}
