package claims_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestStatementWithHiddenCharactersIsRefused: a statement holding a NUL
// or a right-to-left override was saved (probe s48), and the report,
// which writes the verdict after the statement, showed 【属实】 turned
// around; it is refused naming the character, while lines stay allowed.
func TestStatementWithHiddenCharactersIsRefused(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "xuefen.txt", "杭州市建立了学分银行，累计开户十二万人。")
	cite := []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立了学分银行"}}
	for _, statement := range []string{"杭州市建立了学分银行\u202e", "杭州市\x00建立了学分银行"} {
		_, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1", Statement: statement, Citations: cite})
		if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "statement" {
			t.Errorf("statement %q: %v, want EINVALID about statement", statement, err)
		}
	}
	if _, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1",
		Statement: "杭州市建立了学分银行。\n累计开户十二万人。", Citations: cite}); err != nil {
		t.Errorf("a statement of two lines: %v, want it saved", err)
	}
}
