package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAClaimWhoseCitedDocumentWasDeletedNamesItsNewerVersion: a claim
// citing a notice's draft, the final text uploaded after it and the
// draft then deleted, names the final text beside the citation — title,
// ID and a link — in Chinese and English, as a value's page does; and a
// claim citing the scan of a notice's first page, the whole notice
// uploaded after it, names the notice as holding all of the scan's text.
// The claim's page said only 已删除 (probe s56, review s57).
func TestAClaimWhoseCitedDocumentWasDeletedNamesItsNewerVersion(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	draft := s.env.Upload("330100", "tongzhi_draft.txt", testenv.NoticeDraft)
	scan := s.env.Upload("330100", "saomiao.txt", testenv.PartNoticeScan)
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: "2.2.1", Statement: "全市推出100门优质微课程，开户人数达到50万",
		Citations: []claims.CitationInput{{DocumentID: draft.ID, Page: 1, Quote: "推出100门优质微课程"},
			{DocumentID: scan.ID, Page: 1, Quote: "开户人数达到50万"}}})
	if err != nil {
		t.Fatal(err)
	}
	final := s.env.Upload("330100", "tongzhi_final.txt", testenv.NoticeFinal)
	notice := s.env.Upload("330100", "tongzhi_xuefen.txt", testenv.PartNotice)
	li := s.login("li")
	if _, page := li.get("/claims/" + c.ID); strings.Contains(page, `class="newer-version"`) {
		t.Errorf("a claim whose cited documents are live names a newer version")
	}
	for _, id := range []string{draft.ID, scan.ID} {
		if _, err := s.env.Documents.Delete(ctx, admin, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []struct{ lang, near, whole string }{
		{"zh", "该佐证材料已有新版本，可据此核对：", "较新的文件包含该佐证材料的全部文字，可据此核对："},
		{"en", "A newer version of this document, to check against:", "A newer document holds all of this document&#39;s text, to check against:"},
	} {
		_, page := li.get("/claims/" + c.ID + "?lang=" + want.lang)
		text := textOf(page)
		if !strings.Contains(text, want.near+" 《"+final.Title) || !strings.Contains(page, `id="citation-newer-1"`) ||
			!strings.Contains(page, `href="/documents/`+final.ID+`"`) || !strings.Contains(text, final.ID) {
			t.Errorf("%s: the citation of the deleted draft does not name its final text (%s): %.3000s", want.lang, final.ID, text)
		}
		if !strings.Contains(text, want.whole+" 《"+notice.Title) || !strings.Contains(page, `href="/documents/`+notice.ID+`"`) {
			t.Errorf("%s: the citation of the deleted scan does not name the notice it is part of (%s): %.3000s", want.lang, notice.ID, text)
		}
	}
}
