package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestRecordRefusesARoundThatIsNoYear: a value for round -1 or 99999 is
// refused about round by the rule of ?round= (catalog.ParseRound), naming
// the years a round may be, not as 不存在; 0 still means the current
// round, which clients leaving the round out rely on (probe s48 #8).
func TestRecordRefusesARoundThatIsNoYear(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "jidi.txt", "全市已认定市民终身学习基地123个。")
	in := values.Input{Indicator: "2.2.1", Value: "123", Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "市民终身学习基地123个"}}
	for _, round := range []int{-1, 99999} {
		in.Round = round
		_, err := e.Values.Record(ctx, coordA, in)
		es := catalog.Each(err)
		if len(es) != 1 || es[0].Field != "round" || !strings.Contains(es[0].Message, "监测轮次应为 2000 至 2100 年间的年份") ||
			!strings.Contains(es[0].English, "a year from 2000 to 2100") {
			t.Errorf("round %d: %v, want one mistake about round naming 2000 to 2100", round, err)
		}
	}
	in.Round = 0
	if v, err := e.Values.Record(ctx, coordA, in); err != nil || v.Round == 0 {
		t.Errorf("round 0: %+v, %v; want the value saved in the current round", v, err)
	}
}
