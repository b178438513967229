package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestAValueCitingAnotherCitysDeletedDocumentSaysItIsOfAnotherCity: an
// account that sees every city (an admin, the province's) recording a
// value of 成都 that cites a deleted document of 杭州 is told the
// document is of another city, as when it was live: that is what it can
// act on (cite one of 成都's); told only 已删除 (review s58, low), it would
// look for the document's newer version, of 杭州 as well. A deleted
// document of 成都 itself is still named as deleted.
func TestAValueCitingAnotherCitysDeletedDocumentSaysItIsOfAnotherCity(t *testing.T) {
	e := testenv.New(t)
	ofHangzhou := e.Upload(hangzhou, "杭州学分银行.txt", "杭州市建立学分银行，推进学习成果认证。")
	ofChengdu := e.Upload(chengdu, "成都学分银行.txt", "成都市建立学分银行，推进学习成果认证。")
	for _, d := range []*catalog.Document{ofHangzhou, ofChengdu} {
		if _, err := e.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		cited *catalog.Document
		want  string
	}{
		{ofHangzhou, "《" + ofHangzhou.Title + "》属于其他城市，不能作为本市数值的出处"},
		{ofChengdu, "《" + ofChengdu.Title + "》已删除，不能再作为数值的出处"},
	} {
		_, err := e.Values.Record(ctx, admin, values.Input{City: chengdu, Round: 2018, Indicator: "2.2.1", Value: values.Written("100"),
			Citation: claims.CitationInput{DocumentID: tt.cited.ID, Page: 1, Quote: "建立学分银行"}})
		if msg := catalog.ErrorMessage(err); catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "document_id" || !strings.Contains(msg, tt.want) {
			t.Errorf("成都's value citing %s of %s, deleted: %s %q, want EINVALID on document_id saying %q", tt.cited.ID, tt.cited.City, catalog.ErrorCode(err), msg, tt.want)
		}
	}
}
