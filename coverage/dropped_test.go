package coverage

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestWithDroppedKeepsTheRoundsOrder: the indicators a past round had and
// today's framework lacks come back among today's, each where the round
// had it: a key indicator after its sibling before it, a first child
// right under its parent (not after its siblings), a whole area with its
// elements after the area before it; a round that dropped nothing adds
// nothing.
func TestWithDroppedKeepsTheRoundsOrder(t *testing.T) {
	codes := func(s string) []catalog.Indicator {
		var out []catalog.Indicator
		for _, c := range strings.Fields(s) {
			out = append(out, catalog.Indicator{Code: c})
		}
		return out
	}
	for _, tt := range []struct {
		name, today, then, want string
	}{
		{"nothing dropped", "1 1.1 1.1.1 1.1.2", "1 1.1 1.1.1", "1 1.1 1.1.1 1.1.2"},
		{"a key indicator between siblings", "1 1.1 1.1.1 1.1.3 2", "1 1.1 1.1.1 1.1.2 1.1.3 2", "1 1.1 1.1.1 1.1.2 1.1.3 2"},
		{"the first child", "1 1.1 1.1.2 1.1.3", "1 1.1 1.1.1 1.1.2 1.1.3", "1 1.1 1.1.1 1.1.2 1.1.3"},
		{"the last child, before the next element's", "1 1.1 1.1.1 1.2 1.2.1", "1 1.1 1.1.1 1.1.2 1.2 1.2.1", "1 1.1 1.1.1 1.1.2 1.2 1.2.1"},
		{"a whole area", "1 1.1 1.1.1 3 3.1 3.1.1", "1 1.1 1.1.1 2 2.1 2.1.1 2.1.2 3 3.1 3.1.1", "1 1.1 1.1.1 2 2.1 2.1.1 2.1.2 3 3.1 3.1.1"},
		{"the very first", "1.1 1.1.2", "1 1.1 1.1.1 1.1.2", "1 1.1 1.1.1 1.1.2"},
	} {
		var got []string
		for _, ind := range withDropped(codes(tt.today), codes(tt.then)) {
			got = append(got, ind.Code)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, strings.Join(got, " "), tt.want)
		}
	}
}
