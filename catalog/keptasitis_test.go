package catalog

import (
	"strings"
	"testing"
)

// TestKeptAsItIsWithPassages: a link used in another round as it is takes
// a page without a quote when any of its passages is on it, and otherwise
// refuses it naming every page the link cites.
func TestKeptAsItIsWithPassages(t *testing.T) {
	l := Link{IndicatorCode: "2.3.2", Page: 1, Quote: "杭州市发放市民终身学习卡",
		added: []LinkPassage{{Page: 3, Quote: "全市持卡人数达到12.3万人"}, {Quote: "持卡人数统计表"}}}
	for _, c := range []struct {
		name  string
		given Link
		want  string // "" for none, else words the refusal says
	}{
		{"the first passage's page", Link{Page: 1}, ""},
		{"a later passage's page", Link{Page: 3}, ""},
		{"no page", Link{}, ""},
		{"a page no passage is on", Link{Page: 2}, "第 1、3 页"},
		{"another quote at another page", Link{Page: 2, Quote: "附件"}, ""},
		{"another note", Link{Note: "见附件"}, "第 1、3 页"},
	} {
		err := keptAsItIs(c.given, l, 2018)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want it taken", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want a refusal naming %s", c.name, err, c.want)
		}
	}
}
