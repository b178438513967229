package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestReviewCommentRefusesHiddenCharacters: a review comment on a value
// holding NUL or U+202E is refused on the comment, as a note's body is
// (probe s48 #5); its lines and tabs are kept.
func TestReviewCommentRefusesHiddenCharacters(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行.txt", "学分银行累计开户学习者12000人。")
	v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("12000"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学分银行累计开户学习者12000人"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, comment := range []string{"原文为\u202e全市人口", "原文为全市人口\x00"} {
		_, err := e.Values.Review(ctx, testenv.Admin, v.ID, "contradicted", comment)
		if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "comment" || !strings.Contains(err.Error(), "看不见的字符") {
			t.Errorf("review comment %q: %v, want EINVALID on comment", comment, err)
		}
	}
	if _, err := e.Values.Review(ctx, testenv.Admin, v.ID, "insufficient", "需要：\n\t正式统计台账"); err != nil {
		t.Fatalf("a comment of two lines: %v", err)
	}
	_, _, err = values.CheckRevision(testenv.Admin, mustValue(t, e, v.ID), "verified", "已核对\u2066台账")
	if catalog.ErrorField(err) != "comment" || !strings.Contains(err.Error(), "看不见的字符") {
		t.Errorf("revision comment with U+2066: %v, want EINVALID on comment", err)
	}
}

func mustValue(t *testing.T, e *testenv.Env, id string) *catalog.Value {
	t.Helper()
	v, err := e.Catalog.Value(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
