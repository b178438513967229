package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestCreateRefusesARoundThatIsNoYear: a claim for round -1 or 99999 is
// refused about round by the rule a value's round has (catalog.ParseRound,
// values.Service), naming the years a round may be, not as 不存在 of a
// round that could never be; 0 is still the current round.
func TestCreateRefusesARoundThatIsNoYear(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := e.Upload("330100", "学分银行.txt", "杭州市建立了学分银行，全年认定学习成果1,200项。")
	in := claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "杭州市建立了学分银行"}}}
	for _, round := range []int{-1, 99999} {
		in.Round = round
		_, err := e.Claims.Create(ctx, coord, in)
		es := catalog.Each(err)
		if len(es) != 1 || es[0].Field != "round" || !strings.Contains(es[0].Message, "监测轮次应为 2000 至 2100 年间的年份") ||
			!strings.Contains(es[0].English, "a year from 2000 to 2100") {
			t.Errorf("round %d: %v, want one mistake about round naming 2000 to 2100", round, err)
		}
	}
	in.Round = 0
	if c, err := e.Claims.Create(ctx, coord, in); err != nil || c.Round == 0 {
		t.Errorf("round 0: %+v, %v; want the claim saved in the current round", c, err)
	}
}
