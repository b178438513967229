package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestClaimReviewCommentRefusesHiddenCharacters: a review comment on a
// claim holding U+202E or a control character is refused on the comment
// (probe s48 #5): the report writes it beside the verdict.
func TestClaimReviewCommentRefusesHiddenCharacters(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	d := e.Upload("330100", "学分银行.txt", "杭州市建立了学分银行，累计开户学习者12000人。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := e.Claims.Create(ctx, coord, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "杭州市建立了学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, comment := range []string{"需要\u202e正式文件", "需要正式文件\x1b"} {
		_, err := e.Claims.Review(ctx, testenv.Admin, c.ID, "insufficient", comment)
		if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "comment" || !strings.Contains(err.Error(), "看不见的字符") {
			t.Errorf("review comment %q: %v, want EINVALID on comment", comment, err)
		}
	}
	if _, err := e.Claims.Review(ctx, testenv.Admin, c.ID, "insufficient", "需要：\n正式文件"); err != nil {
		t.Fatalf("a comment of two lines: %v", err)
	}
}
