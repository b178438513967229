package claims_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

func TestAClaimNeedsACitation(t *testing.T) {
	e := testenv.New(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	_, err := e.Claims.Create(context.Background(), coord, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行"})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "citations" {
		t.Errorf("a claim without citations: %v, want EINVALID about citations", err)
	}
}
