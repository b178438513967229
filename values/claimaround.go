package values

import (
	"context"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// ClaimNumbers is the package's ClaimNumbers with each quote also read
// where its page writes it, a few characters either side: a number the
// quote's edge cuts (参与市民达3.2 where the page goes on 万人次, or
// 2万人次 where it reads 3.2万人次) is read whole, with its unit, as a
// value's number is read past its quote (locateInPassage). The texts
// are read only when the quotes alone leave a number not found or found
// roughly. A citation whose quote is nowhere in its text, or whose text
// cannot be read now, is checked against its quote alone, as before
// (the failure logged): the check warns, it never refuses.
func (s *Service) ClaimNumbers(ctx context.Context, c *catalog.Claim) StatementNumbers {
	nums := ClaimNumbers(c)
	if len(nums.Missing) == 0 && len(nums.Rough) == 0 {
		return nums
	}
	passages := make([]QuotedPassage, 0, 2*len(c.Citations))
	for _, t := range c.Citations {
		passages = append(passages, QuotedPassage{Text: t.Quote})
	}
	read := false
	for _, t := range c.Citations {
		if t.FoundOnPage == 0 || t.SHA256 == "" {
			continue
		}
		p, ok := s.quoteAround(ctx, t)
		if ok {
			passages, read = append(passages, p), true
		}
	}
	if !read {
		return nums
	}
	return CheckStatementIn(c.Statement, passages)
}

// quoteAround is t's quote as its page writes it, with the digits of a
// number it starts inside before it and the page's text after it; false
// when the quote is not in its text or the text cannot be read.
func (s *Service) quoteAround(ctx context.Context, t catalog.Citation) (QuotedPassage, bool) {
	ct, err := claims.ReadCitedText(ctx, s.blobs, s.budget, t.SHA256, t.Page, t.Quote)
	if err != nil {
		if ctx.Err() == nil {
			slog.Warn("values: claim numbers read against the quote alone", "sha256", t.SHA256, "err", err)
		}
		return QuotedPassage{}, false
	}
	defer ct.Close()
	m := ct.Match
	if m.FoundOnPage == 0 {
		return QuotedPassage{}, false
	}
	passage := m.Passage(ct.Pages)
	before := numberTail(lastRunes(ct.Pages[m.FoundOnPage-1][:m.Start], edgeRunes), passage)
	// Copies: the pages they are cut from are let go.
	return QuotedPassage{Text: strings.Clone(before + passage), After: strings.Clone(textAfter(ct.Pages, m, afterRunes))}, true
}

// edgeRunes is how much of the page before a quote is read for a number
// the quote starts inside: more digits than a figure of a statement has.
const edgeRunes = 16

// numberTail is the end of before that is part of a number (digits, a
// decimal point, a thousands comma, Chinese numerals) when passage starts
// with one too: what a quote starting inside a number cut off it (a quote
// 万人次 of 3.2万人次). "" when passage starts with no part of a number,
// or before ends in a word. (A quote is never found starting between two
// digits, FindQuote's rule, so the cut is mostly before a 万 or 亿.)
func numberTail(before, passage string) string {
	part := func(r rune) bool {
		return unicode.IsDigit(r) || r == '.' || r == '．' || r == ',' || strings.ContainsRune(chineseNumerals, r)
	}
	if first, _ := utf8.DecodeRuneInString(passage); !part(first) {
		return ""
	}
	i := len(before)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:i])
		if !part(r) {
			break
		}
		i -= size
	}
	return strings.TrimLeft(before[i:], ",")
}

// chineseNumerals are the characters of a number written in Chinese.
const chineseNumerals = "〇零一二两三四五六七八九十百千万亿"

// ClaimNumberCheck is ClaimNumbers as the heat map, /compare and the
// report weigh a pending claim's numbers (catalog.CheckClaimNumbers):
// the numbers no quote writes, and those a quote writes only spaced.
func (s *Service) ClaimNumberCheck() catalog.ClaimNumberCheck {
	return func(ctx context.Context, c *catalog.Claim) (missing, spaced []string) {
		nums := s.ClaimNumbers(ctx, c)
		for _, r := range nums.Spaced {
			spaced = append(spaced, r.Statement)
		}
		return nums.Missing, spaced
	}
}
