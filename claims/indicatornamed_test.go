package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A statement about a second-level indicator is refused naming the
// indicator by its name_en in English, not by its Chinese name.
func TestClaimOnALevel2IndicatorNamesItInEnglish(t *testing.T) {
	e := testenv.New(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	_, err := e.Claims.Create(context.Background(), coord, claims.Input{Indicator: "2.3", Statement: "杭州市建立了学分银行"})
	zh, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
	if catalog.ErrorField(err) != "indicator" || !strings.Contains(zh, "2.3 学习成果认证与学分积累 是2级指标") ||
		!strings.Contains(en, "2.3 Recognition of learning outcomes is a level-2 indicator") {
		t.Errorf("a claim on 2.3: %q / %q, want it named 学习成果认证与学分积累 / Recognition of learning outcomes", zh, en)
	}
}
