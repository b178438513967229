package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestACitationOfAnotherCitysDeletedDocumentSaysItIsOfAnotherCity: an
// account that sees every city (an admin, the province's) writing a
// claim of 成都 that cites a deleted document of 杭州 is told the
// document is of another city, as when it was live, and as a value
// citing it is told: that is what it can act on (cite one of 成都's);
// told only 已删除 (review s58, low), it would look for the document's
// newer version, of 杭州 as well. A deleted document of 成都 itself is
// still named as deleted.
func TestACitationOfAnotherCitysDeletedDocumentSaysItIsOfAnotherCity(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	ofHangzhou := e.Upload("330100", "杭州学分银行.txt", "杭州市建立学分银行，推进学习成果认证。")
	ofChengdu := e.Upload("510100", "成都学分银行.txt", "成都市建立学分银行，推进学习成果认证。")
	for _, d := range []*catalog.Document{ofHangzhou, ofChengdu} {
		if _, err := e.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		cited *catalog.Document
		want  string
	}{
		{ofHangzhou, "《" + ofHangzhou.Title + "》属于其他城市，不能作为本市定性描述的佐证材料"},
		{ofChengdu, "《" + ofChengdu.Title + "》已删除，不能再作为定性描述的佐证材料"},
	} {
		_, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "510100", Round: 2018, Indicator: "2.3.1", Statement: "成都市建立了学分银行",
			Citations: []claims.CitationInput{{DocumentID: tt.cited.ID, Page: 1, Quote: "建立学分银行"}}})
		if msg := catalog.ErrorMessage(err); catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(msg, tt.want) {
			t.Errorf("成都's claim citing %s of %s, deleted: %s %q, want EINVALID saying %q", tt.cited.ID, tt.cited.City, catalog.ErrorCode(err), msg, tt.want)
		}
	}
}
