package claims

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// textGen makes random texts and quotes of the shapes that reading a
// text as a stream could get wrong: page feet of every form (— 2 —,
// 第2页, 2/5), short, blank and invisible pages between long ones,
// quotes running over several pages and longer than the page after
// theirs, years written the other way, invisible characters, digits
// either side of a page break.
type textGen struct{ r *rand.Rand }

// parityWords are what texts and quotes are made of: characters alone
// and the sentences of a report.
var parityWords = []string{
	"学", "分", "银", "行", "\n", "2", "0", "1", "二", "〇", " ", "第", "页", "-", "零",
	"推进学习型城市建设。", "建立学分银行制度，", "2023年新增学习点12个。", "二〇二三年全市",
	"二○二三年", "社区教育", "终身学习", "學分銀行", "１２", "\u200b", "\u00ad",
	// phrases that change only in a text holding a traditional character
	"回覆", "藉此", "瞭解", "反覆",
}

func (g textGen) words(n int) string {
	var b strings.Builder
	for ; n > 0; n-- {
		b.WriteString(parityWords[g.r.Intn(len(parityWords))])
	}
	return b.String()
}

// pages makes a text of 1 to 8 pages.
func (g textGen) pages() []string {
	pages := make([]string, 1+g.r.Intn(8))
	for i := range pages {
		switch g.r.Intn(6) {
		case 0: // blank, or only what shows nothing
			pages[i] = []string{"", " \n", "\u200b\u00ad", "\ufeff\n"}[g.r.Intn(4)]
		case 1:
			pages[i] = g.words(1 + g.r.Intn(2))
		default:
			pages[i] = g.words(2 + g.r.Intn(12))
		}
		switch g.r.Intn(6) {
		case 0:
			pages[i] += fmt.Sprintf("\n- %d -", i+1)
		case 1:
			pages[i] += fmt.Sprintf("\n第%d页", i+1)
		case 2:
			pages[i] += fmt.Sprintf("\n%d/%d", i+1, len(pages))
		case 3:
			pages[i] += fmt.Sprintf("\n— %d —", 1+g.r.Intn(len(pages)+1))
		}
	}
	return pages
}

// quote cuts a quote from the pages run together, up to 60 characters,
// its years sometimes written the other way or invisible characters
// put in it; or makes one up.
func (g textGen) quote(pages []string) string {
	all := []rune(strings.Join(pages, ""))
	if len(all) == 0 || g.r.Intn(8) == 0 {
		return g.words(1 + g.r.Intn(5))
	}
	a := g.r.Intn(len(all))
	q := all[a : a+1+g.r.Intn(min(60, len(all)-a))]
	if g.r.Intn(4) == 0 {
		k := g.r.Intn(len(q) + 1)
		q = append(q[:k:k], append([]rune{[]rune("\u200b \u00ad")[g.r.Intn(3)]}, q[k:]...)...)
	}
	quote := string(q)
	switch g.r.Intn(4) {
	case 0:
		quote = strings.NewReplacer("二〇二三", "2023", "二○二三", "2023").Replace(quote)
	case 1:
		quote = strings.ReplaceAll(quote, "2023", "二〇二三")
	}
	return quote
}

// TestReadCitedTextAgreesWithFindQuoteOnRandomTexts: on random texts
// (textGen), read whole or as a stream, ReadCitedText finds what
// FindQuote finds in the pages, where it finds it, and shows the same
// context and passage (review r5: a quote running over a page with a foot
// was saved as not found; session 21: the stream counted the characters
// of the pages a quote may run onto as written, not as matched).
func TestReadCitedTextAgreesWithFindQuoteOnRandomTexts(t *testing.T) {
	store := folderStore(t)
	g := textGen{rand.New(rand.NewSource(21))}
	fails := 0
	for it := 0; it < 4000 && fails < 5; it++ {
		pages := g.pages()
		quote := g.quote(pages)
		page := g.r.Intn(len(pages) + 2)
		sha := storedText(t, store, fmt.Sprint("d", it), pages)
		want := FindQuote(pages, page, quote)
		for _, whole := range []int64{wholeTextBytes, 0} {
			budget := &peakBudget{}
			ct, err := readCitedText(context.Background(), store, budget, sha, page, quote, whole)
			if err != nil {
				t.Fatal(err)
			}
			how := map[bool]string{true: "whole", false: "stream"}[whole > 0]
			switch {
			case !reflect.DeepEqual(ct.Match, want):
				fails++
				t.Errorf("%s: pages %q page %d quote %q: %+v, FindQuote %+v", how, pages, page, quote, ct.Match, want)
			case Context(ct.Pages, page, ct.Match) != Context(pages, page, want):
				fails++
				t.Errorf("%s: pages %q page %d quote %q: context %q, want %q", how, pages, page, quote, Context(ct.Pages, page, ct.Match), Context(pages, page, want))
			case ct.Match.Passage(ct.Pages) != want.Passage(pages):
				fails++
				t.Errorf("%s: pages %q page %d quote %q: passage %q, want %q", how, pages, page, quote, ct.Match.Passage(ct.Pages), want.Passage(pages))
			}
			ct.Close()
			if budget.held != 0 {
				t.Errorf("%s: pages %q page %d quote %q: %d bytes of the budget kept after Close", how, pages, page, quote, budget.held)
			}
		}
	}
}

// TestReadCitedTextAgreesWithFindQuoteBesideLongPages: on random texts
// (textGen) with a page of 150 KB, which the stream holds as its opening
// when a quote runs onto it, quotes running onto it are found as
// FindQuote finds them, with the same context and passage, also when the
// page holds a traditional character past its opening.
func TestReadCitedTextAgreesWithFindQuoteBesideLongPages(t *testing.T) {
	store := folderStore(t)
	g := textGen{rand.New(rand.NewSource(70))}
	filler := strings.Repeat("推进学习型城市建设，完善终身教育体系。", 2600)
	fails := 0
	for it := 0; it < 60 && fails < 3; it++ {
		pages := g.pages()
		long := g.r.Intn(len(pages))
		opening := g.words(1 + g.r.Intn(8))
		// A traditional character past the opening makes the whole page
		// fold its phrases (回覆 → 回复), the opening's too.
		trad := []string{"", "學習"}[g.r.Intn(2)]
		pages[long] = opening + filler + trad + pages[long]
		quote := g.quote(append(pages[:long:long], opening))
		page := max(1, long+g.r.Intn(2)-g.r.Intn(2))
		sha := storedText(t, store, fmt.Sprint("long", it), pages)
		want := FindQuote(pages, page, quote)
		ct, err := readCitedText(context.Background(), store, &peakBudget{}, sha, page, quote, 0)
		if err != nil {
			t.Fatal(err)
		}
		short := func(pages []string) []string {
			out := make([]string, len(pages))
			for i, p := range pages {
				out[i] = strings.ReplaceAll(p, filler, "…")
			}
			return out
		}
		switch {
		case !reflect.DeepEqual(ct.Match, want):
			fails++
			t.Errorf("pages %q page %d quote %q: %+v, FindQuote %+v", short(pages), page, quote, ct.Match, want)
		case Context(ct.Pages, page, ct.Match) != Context(pages, page, want):
			fails++
			t.Errorf("pages %q page %d quote %q: context differs", short(pages), page, quote)
		case ct.Match.Passage(ct.Pages) != want.Passage(pages):
			fails++
			t.Errorf("pages %q page %d quote %q: passage differs", short(pages), page, quote)
		}
		ct.Close()
	}
}
