package catalog

import (
	"reflect"
	"testing"
)

// TestLinkQuoteColumn: a link's quote column holding one quote reads as
// that quote, as before passages could be added; passages added after it
// read back with their pages, a passage without a page as page 0.
func TestLinkQuoteColumn(t *testing.T) {
	for _, c := range []struct {
		name  string
		first string
		more  []LinkPassage
	}{
		{"one quote", "建立学分银行制度", nil},
		{"no quote", "", nil},
		{"passages added", "建立学分银行制度", []LinkPassage{{Page: 2, Quote: "学分银行为学习者建立终身学习档案"}, {Page: 0, Quote: "第三条 学分认定"}}},
		{"a quote of two lines", "第一条 为建立学分银行制度\n制定本办法", []LinkPassage{{Page: 3, Quote: "附则\n本办法自发布之日起施行"}}},
	} {
		stored := joinLinkQuote(c.first, c.more)
		if c.more == nil && stored != c.first {
			t.Errorf("%s: stored %q, want the quote as it is", c.name, stored)
		}
		first, more := splitLinkQuote(stored)
		if first != c.first || !reflect.DeepEqual(more, c.more) {
			t.Errorf("%s: read back %q %v, want %q %v", c.name, first, more, c.first, c.more)
		}
	}
}
