package values

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestLegacyValueMarkedAfterNearly: a value recorded when any numerals
// were read as a number (100000 against 近十万人次, found then) is still
// shown with that number marked in its page context, though 近十万 now
// reads as a rough number under 100000 (近: nearly), which 100000 is not in.
func TestLegacyValueMarkedAfterNearly(t *testing.T) {
	pt := &pageText{page: 1, passage: "全年参与社区教育近十万人次", after: "，较上年有所增长。"}
	v := &catalog.Value{Number: 100000, Given: "100000", Unit: "人次", ValueFound: true}
	if c := pt.around(v); c.Number != "十万" || c.Before != "全年参与社区教育近" {
		t.Errorf("context of an old value found in 近十万人次: %+v, want 十万 marked", c)
	}
	if ns := FindNumbers(pt.passage); len(ns) != 1 || !ns[0].Approx || !ns[0].Nearly || ns[0].Upper != 100000 {
		t.Errorf("FindNumbers(%q) = %v, want one rough number under 100000", pt.passage, ns)
	}
}
