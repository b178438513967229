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

// TestAValueCitingADeletedDocumentNamesIt: a value whose source was
// deleted is refused naming the document and that it was deleted, in
// Chinese and English, as a claim's citation is; it said the document
// "does not exist" (引用的文档 … 不存在), by its ID. A coordinator of
// another city is still told only that it does not exist.
func TestAValueCitingADeletedDocumentNamesIt(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行，推进学习成果认证。")
	if _, err := s.env.Documents.Delete(ctx, &catalog.User{Username: "admin", Role: catalog.RoleAdmin}, d.ID); err != nil {
		t.Fatal(err)
	}
	record := func(city string) error {
		_, err := s.env.Values.Record(ctx, &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: city},
			values.Input{Round: 2018, Indicator: "2.2.1", Value: values.Written("100"),
				Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}})
		return err
	}
	err := record("330100")
	if msg, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true); catalog.ErrorCode(err) != catalog.EINVALID ||
		!strings.Contains(msg, "《"+d.Title+"》已删除，不能再作为数值的出处") || !strings.Contains(en, "was deleted") {
		t.Errorf("a value citing a deleted document: %v (%q), want it named as deleted in both languages", err, en)
	}
	if msg := catalog.ErrorMessage(record("510100")); strings.Contains(msg, d.Title) || !strings.Contains(msg, "不存在") {
		t.Errorf("another city's coordinator citing it: %q, want it answered as not existing, its title unsaid", msg)
	}
}
