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

// PageContext is where a value's number stands on the page it cites, for
// the reviewer to read it in place as a search result shows a passage:
// the page the quote was found on and a short passage of the page around
// the number, the number as the page writes it in Number. When the
// passage does not write the value (单位不符, or another number), Number
// is "" and Before holds the passage the quote matched.
type PageContext struct {
	Page                  int
	Before, Number, After string
	// Rough says Number is a rough number (十多万) that the value lies
	// within, not the value written exactly: the card says 约数, naming
	// RoughShown, the number with the words that make it rough, after
	// its unit too (10万人次以上, where Number marks 10万).
	Rough      bool
	RoughShown string
	// Lost says the value was saved as found in its passage but today's
	// rules do not find it there (100000 saved against 十多万人, as older
	// rules read it): the card says 请核对, not 找到. Gained says the
	// opposite: saved as not found, found today (30% against 三成).
	// evidence values recheck records the marks today's rules give.
	Lost, Gained bool
	// CutBefore and CutAfter say the page goes on before and after the
	// passage shown (…).
	CutBefore, CutAfter bool
	// Unavailable says why there is no passage: the cited text cannot
	// be read now (EUNAVAILABLE, with a time to retry after) or ever
	// (ETOOLARGE, or a failure logged); nil when it is shown.
	Unavailable *catalog.Error
}

// contextRunes is how much of the page is shown on each side of the
// number: a clause or two.
const contextRunes = 40

// PageContexts reads the page context of each of vs whose quote was found
// on its page, by value ID. Each cited text is read once however many
// values cite it, as recording the value read it (claims.ReadCitedText,
// within the server's budget for big texts), and each passage found once
// in the pages held. A text that cannot be read now has its values'
// contexts say why (Unavailable) with the page they cite: the page shows
// their quotes as before. Only the request's end is an error.
func (s *Service) PageContexts(ctx context.Context, vs []Listed) (map[string]PageContext, error) {
	out := map[string]PageContext{}
	bySHA := map[string][]*Listed{}
	var shas []string
	for i := range vs {
		c := vs[i].Citation
		if !c.QuoteFound || c.SHA256 == "" {
			continue
		}
		if _, ok := bySHA[c.SHA256]; !ok {
			shas = append(shas, c.SHA256)
		}
		bySHA[c.SHA256] = append(bySHA[c.SHA256], &vs[i])
	}
	for _, sha := range shas {
		if err := s.textContexts(ctx, bySHA[sha], out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// textContexts puts in out the page contexts of vs, which cite one text:
// the text is read for the first of them and the others' quotes are
// found in the pages it holds. A quote not on its cited page there (a
// big text held as a few pages) has the text read for it alone.
func (s *Service) textContexts(ctx context.Context, vs []*Listed, out map[string]PageContext) error {
	first := vs[0].Citation
	ct, err := claims.ReadCitedText(ctx, s.blobs, s.budget, first.SHA256, first.Page, first.Quote)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		note := unavailable(first.SHA256, err)
		for _, v := range vs {
			out[v.ID] = PageContext{Page: v.Citation.Page, Unavailable: note}
		}
		return nil
	}
	defer ct.Close()
	type cited struct {
		quote string
		page  int
	}
	read := map[cited]*pageText{{first.Quote, first.Page}: passageOf(ct, ct.Match)}
	for _, v := range vs {
		c := v.Citation
		key := cited{c.Quote, c.Page}
		pt, ok := read[key]
		if !ok {
			if m := ct.Find(c.Page, c.Quote); m.Found {
				pt = passageOf(ct, m)
			} else {
				var note *catalog.Error
				if pt, note, err = s.readPassage(ctx, c); err != nil {
					return err
				}
				if note != nil {
					out[v.ID] = PageContext{Page: c.Page, Unavailable: note}
					continue
				}
			}
			read[key] = pt
		}
		if pt != nil {
			out[v.ID] = pt.around(&v.Value)
		}
	}
	return nil
}

// unavailable is why the page of a text cannot be shown: it cannot be
// held now (EUNAVAILABLE, with a time to retry after) or ever (ETOOLARGE),
// as claims' passages say it; any other failure is logged and said to be
// one.
func unavailable(sha string, err error) *catalog.Error {
	code := catalog.ErrorCode(err)
	if code != catalog.ETOOLARGE && code != catalog.EUNAVAILABLE {
		slog.Error("values: page context", "sha256", sha, "err", err)
		return catalog.Errorf(catalog.EINTERNAL, "无法显示这段引文所在页的文字：%s",
			catalog.Words{Chinese: "内部错误，已记录日志", English: "internal error, logged"})
	}
	note := catalog.Errorf(code, "无法显示这段引文所在页的文字：%s", catalog.MessageWords(err))
	if d, ok := catalog.RetryAfter(err); ok {
		note.RetryAfter = d
	}
	return note
}

// pageText is a quote's passage on its page with the page's text before
// and after it.
type pageText struct {
	page                   int
	before, passage, after string
}

// readPassage reads the passage a citation's quote matches and the page
// around it; nil when the quote is not on its page (any more), and a note
// when the text cannot be read (unavailable). Only the request's end is
// an error.
func (s *Service) readPassage(ctx context.Context, c catalog.Citation) (*pageText, *catalog.Error, error) {
	ct, err := claims.ReadCitedText(ctx, s.blobs, s.budget, c.SHA256, c.Page, c.Quote)
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	if err != nil {
		return nil, unavailable(c.SHA256, err), nil
	}
	defer ct.Close()
	return passageOf(ct, ct.Match), nil, nil
}

// passageOf is the passage m matches in ct's pages with the page around
// it; nil when m does not start on the cited page.
func passageOf(ct *claims.CitedText, m claims.Match) *pageText {
	if !m.Found {
		return nil
	}
	// Copies: the pages they are cut from are let go.
	return &pageText{page: m.FoundOnPage, before: strings.Clone(lastRunes(ct.Pages[m.FoundOnPage-1][:m.Start], contextRunes+1)),
		passage: strings.Clone(m.Passage(ct.Pages)), after: strings.Clone(textAfter(ct.Pages, m, contextRunes+1))}
}

// around is the page context of v in the passage: the number it writes
// with up to contextRunes of the page either side, or the passage when it
// writes none of v.
func (pt *pageText) around(v *catalog.Value) PageContext {
	typed := typedOf(v)
	n, found, _ := locateInPassage(pt.passage, firstRunes(pt.after, afterRunes), typed, v.Number, v.Unit)
	lost, gained := v.ValueFound && !found, !v.ValueFound && found
	if !found && v.ValueFound {
		// Found when it was recorded, by the rules of then (numerals
		// read as a number wherever they stand): the card says so, and
		// the passage marks it.
		n, found = recordedIn(pt.passage, typed, v.Number)
	}
	// The number starts in the passage and may end in the text after it
	// (a quote 达到85 of 达到85.3%). Its place in the folded text is its
	// place in the page's only when folding kept every character one.
	text := []rune(pt.passage + pt.after)
	start := n.end - utf8.RuneCountInString(n.Text)
	if !found || len([]rune(fold(string(text)))) != len(text) || start < 0 || n.end > len(text) {
		shown, cut := clip(pt.passage, contextRunes*2, false)
		return PageContext{Page: pt.page, Before: shown, CutBefore: pt.before != "", CutAfter: cut || pt.after != "", Lost: lost, Gained: gained}
	}
	before, cutBefore := clip(pt.before+string(text[:start]), contextRunes, true)
	after, cutAfter := clip(string(text[n.end:]), contextRunes, false)
	return PageContext{Page: pt.page, Before: before, Number: string(text[start:n.end]), After: after, Rough: n.Approx && !lost, RoughShown: n.Shown(),
		CutBefore: cutBefore, CutAfter: cutAfter, Lost: lost, Gained: gained}
}

// typedOf is v's number as typed (12 of 12万人 typed for 万人), else its
// number in the indicator's unit.
func typedOf(v *catalog.Value) float64 {
	if ns := FindNumbers(v.Given); len(ns) > 0 {
		return ns[0].Value
	}
	return v.Number
}

// RoughIn is the rough number (十多万) quote writes v within, as written,
// when it writes v only so: "" when it writes v exactly or not at all.
// The report says it, as the reviewer's card does.
func RoughIn(quote string, v *catalog.Value) string {
	n, found, _ := locateInPassage(quote, "", typedOf(v), v.Number, v.Unit)
	if !found || !n.Approx {
		return ""
	}
	return n.Shown()
}

// RoughBound is the rough number quote writes with v's number as its
// bound, not reaching it (5000 of 放置图书5000余册: more than 5000; 10万 of
// 突破10万人 and of 近10万人, under it), with the words that bound it, as
// written, when the quote does not write v: the number is there, written
// as 约数, and is no exact figure, which the coordinator is told instead
// of “not in the quote” (value_rough). "" for any other value.
func RoughBound(quote string, v *catalog.Value) string {
	if v.ValueFound || !v.Citation.QuoteFound || v.PassageUnit != "" {
		return ""
	}
	typed := typedOf(v)
	_, scale := unitFamily(v.Unit)
	for _, n := range FindNumbers(quote) {
		var bound float64
		switch {
		case n.Approx && n.Exclusive:
			bound = n.Value // 5000 of 5000余, 10万 of 突破10万: more than it
		case n.Approx && n.Nearly:
			bound = n.Upper // 10万 of 近10万: under it
		default:
			continue
		}
		if same(bound, typed) || same(bound, v.Number) || same(bound, v.Number*scale) {
			return n.Shown()
		}
	}
	return ""
}

// recordedIn is the first number in passage equal to typed or number,
// with any run of numerals read as one (scanNumbers loose).
func recordedIn(passage string, typed, number float64) (Number, bool) {
	for _, n := range scanNumbers(fold(passage), true) {
		if same(n.Value, typed) || same(n.Value, number) {
			return n, true
		}
	}
	return Number{}, false
}

// clip is s on one line, cut to its last (fromEnd) or first limit runes,
// and whether it was cut.
func clip(s string, limit int, fromEnd bool) (string, bool) {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	rs := []rune(s)
	if len(rs) <= limit {
		return s, false
	}
	if fromEnd {
		return string(rs[len(rs)-limit:]), true
	}
	return string(rs[:limit]), true
}

// firstRunes and lastRunes are the first and last n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func lastRunes(s string, n int) string {
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if n--; n == 0 {
			return s[i:]
		}
	}
	return s
}

// textAfter is the first n runes of the page text after the passage m
// matched in pages, on the page the passage ends on.
func textAfter(pages []string, m claims.Match, n int) string {
	endPage, end := m.FoundOnPage, m.End
	if k := len(m.Next); k > 0 {
		endPage, end = m.Next[k-1].Page, m.Next[k-1].End
	}
	return firstRunes(pages[endPage-1][end:], n)
}
