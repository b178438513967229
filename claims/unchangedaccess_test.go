package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAnUnchangedCitationIsCheckedAsANewOne: a citation sent back as
// stored keeps its text unread (a damaged text must not stop an edit),
// but it is cited again, so its document must still be one the
// coordinator may cite. A claim of 成都 citing a document deleted since,
// or one of 杭州 (left from before the city rule), is refused when it is
// sent back, by its coordinator or an admin, naming the citation and
// what is wrong, and nothing is saved;
// the claim's statement can still be corrected without sending the
// citations (they are kept, untouched), and a list without the refused
// one is saved.
func TestAnUnchangedCitationIsCheckedAsANewOne(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	li := &catalog.User{Username: "li", Role: catalog.RoleCoordinator, City: "510100"}
	kept := e.Upload("510100", "通知.txt", "关于推进学分银行建设的通知\n全市建成学分银行服务网点120个。")
	hangzhou := e.Upload("330100", "杭州总结.txt", "杭州市2017年社区教育工作总结\n全年共举办342场市民大讲堂。")
	planted := func(t *testing.T, c *catalog.Claim) {
		t.Helper()
		c.Citations[1].DocumentID, c.Citations[1].SHA256 = hangzhou.ID, hangzhou.SHA256
		if _, err := e.Catalog.UpdateClaimChanged(ctx, c, "li", catalog.ClaimEdited); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		by   *catalog.User
		// lose takes the cited document from what li may cite for the
		// claim c, returning the document c cites then and what a
		// refusal of it says
		lose func(t *testing.T, c *catalog.Claim, cited *catalog.Document) (*catalog.Document, string)
	}{
		{"deleted since", li, func(t *testing.T, _ *catalog.Claim, cited *catalog.Document) (*catalog.Document, string) {
			if _, err := e.Documents.Delete(ctx, testenv.Admin, cited.ID); err != nil {
				t.Fatal(err)
			}
			return cited, "《" + cited.Title + "》已删除"
		}},
		// The coordinator may not see it: answered as no document, its
		// title unsaid.
		{"of a city the coordinator may not see", li, func(t *testing.T, c *catalog.Claim, _ *catalog.Document) (*catalog.Document, string) {
			planted(t, c)
			return hangzhou, "文档 " + hangzhou.ID + " 不存在"
		}},
		{"of another city, the claim edited by an admin", testenv.Admin, func(t *testing.T, c *catalog.Claim, _ *catalog.Document) (*catalog.Document, string) {
			planted(t, c)
			return hangzhou, "《" + hangzhou.Title + "》属于其他城市"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cited := e.Upload("510100", tc.name+".txt", "成都市2017年社区教育工作总结（"+tc.name+"）\n全年共举办342场市民大讲堂。")
			sent := []claims.CitationInput{
				{DocumentID: kept.ID, Page: 1, Quote: "全市建成学分银行服务网点120个"},
				{DocumentID: cited.ID, Page: 1, Quote: "全年共举办342场市民大讲堂"},
			}
			c, err := e.Claims.Create(ctx, li, claims.Input{Indicator: "3.1.2", Round: 2018, Statement: "成都市全年举办342场市民大讲堂", Citations: sent})
			if err != nil {
				t.Fatal(err)
			}
			lost, want := tc.lose(t, c, cited)
			sent[1].DocumentID = lost.ID
			before, err := e.Claims.Get(ctx, li, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if before.Citations[1].DocumentID != lost.ID {
				t.Fatalf("citation 2 cites %s, want %s", before.Citations[1].DocumentID, lost.ID)
			}

			statement := before.Statement + "，建成学分银行服务网点120个"
			_, err = e.Claims.Update(ctx, tc.by, c.ID, &statement, sent)
			if msg := catalog.ErrorMessage(err); catalog.ErrorCode(err) != catalog.EINVALID || !strings.HasPrefix(msg, "第 2 条引用") || !strings.Contains(msg, want) {
				t.Errorf("the citation sent back unchanged: %s %q, want EINVALID naming citation 2 and saying %q", catalog.ErrorCode(err), msg, want)
			}
			if after, err := e.Claims.Get(ctx, li, c.ID); err != nil || after.Statement != before.Statement || !sameCitations(after.Citations, before.Citations) {
				t.Errorf("the refused edit left %+v %v, want the claim as before", after, err)
			}

			if _, err := e.Claims.Update(ctx, tc.by, c.ID, &statement, nil); err != nil {
				t.Errorf("the statement alone corrected: %v, want it saved, the citations kept", err)
			}
			if _, err := e.Claims.Update(ctx, tc.by, c.ID, &statement, sent[:1]); err != nil {
				t.Errorf("the list without citation 2: %v, want it saved", err)
			}
			if after, err := e.Claims.Get(ctx, li, c.ID); err != nil || after.Statement != statement || len(after.Citations) != 1 || after.Citations[0].DocumentID != kept.ID {
				t.Errorf("after the edits: %+v %v, want the statement corrected and citation 1 alone", after, err)
			}
		})
	}
}
