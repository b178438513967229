package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestAValueCitingAFailedDocumentSaysWhatToDo: a value whose source's
// text could not be read is refused saying so and where to look (文字提取
// 失败，请查看文档页面上的原因), in Chinese and English, as a claim's
// citation is; it said only （提取失败）, the status, leaving the
// coordinator nothing to do (session 58, item 4 of the citation brief).
func TestAValueCitingAFailedDocumentSaysWhatToDo(t *testing.T) {
	s := newSite(t)
	failed := uploadFailed(t, s, "通知.txt", garbledText())
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	_, err := s.env.Values.Record(context.Background(), coord, values.Input{Round: 2018, Indicator: "2.2.1", Value: values.Written("100"),
		Citation: claims.CitationInput{DocumentID: failed.ID, Page: 1, Quote: "通知"}})
	if msg, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true); catalog.ErrorCode(err) != catalog.EINVALID ||
		!strings.Contains(msg, "文字提取失败，请查看文档页面上的原因") || !strings.Contains(en, "see the reason on the document's page") {
		t.Errorf("a value citing a failed document: %v (%q), want the reason's place named in both languages", err, en)
	}
}
