package web

import (
	"net/url"
	"testing"
)

// TestActiveFacetLinkTakesItOff: a facet the search is narrowed to links
// to the search without it (the probe found 年份 2019 linking to the same
// filtered address, so it could not be cleared from the list); any other
// value narrows the search to it, keeping the other parameters. The
// indicators facet sets and clears indicator.
func TestActiveFacetLinkTakesItOff(t *testing.T) {
	p := &searchPage{params: url.Values{"q": {"学分银行"}, "year": {"2019"}, "indicator": {"2.3.1"}}}
	for _, tt := range []struct {
		name, facet, value string
		on                 bool
		want               url.Values
	}{
		{"年份已选", "year", "2019", true, url.Values{"q": {"学分银行"}, "indicator": {"2.3.1"}}},
		{"换一个年份", "year", "2018", false, url.Values{"q": {"学分银行"}, "year": {"2018"}, "indicator": {"2.3.1"}}},
		{"指标已选", "indicators", "2.3.1", true, url.Values{"q": {"学分银行"}, "year": {"2019"}}},
		{"城市未选", "city", "330100", false, url.Values{"q": {"学分银行"}, "year": {"2019"}, "indicator": {"2.3.1"}, "city": {"330100"}}},
	} {
		if got := p.FacetOn(tt.facet, tt.value); got != tt.on {
			t.Errorf("%s: on %v, want %v", tt.name, got, tt.on)
		}
		link := p.Facet(tt.facet, tt.value)
		u, err := url.Parse(link)
		if err != nil || u.Path != "/search" || u.RawQuery != tt.want.Encode() {
			t.Errorf("%s: %s links to %q, want /search?%s", tt.name, tt.facet, link, tt.want.Encode())
		}
	}
}
