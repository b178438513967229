package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestContradictedStatus: the report's status column says 与证据矛盾 for an
// indicator whose value, or any of whose claims, a reviewer found
// contradicted by its evidence, even beside a verified claim; 证据不足 for
// one a reviewer sent back for more evidence (a claim or the value, even
// beside a verified claim); 有证据 is left for evidence nobody has found
// wrong.
func TestContradictedStatus(t *testing.T) {
	e := testenv.New(t)
	rev := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	d := e.Upload(hangzhou, "zongjie.txt", "全年市民参与学习活动123.4万人次，学习型社区创建达标比例为88.1%。出台终身学习促进条例。建立学分银行。认定市民终身学习基地123个。")
	value := func(code, written, quote, verdict string) {
		v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: code, Value: values.Written(written),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record %s %s: %v", code, written, err)
		}
		if _, err := e.Values.Review(ctx, rev, v.ID, verdict, "核对原文"); err != nil {
			t.Fatalf("review value %s: %v", code, err)
		}
	}
	claim := func(code, statement, quote, verdict string) {
		c, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: code, Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}})
		if err != nil {
			t.Fatalf("claim %s: %v", code, err)
		}
		if verdict == "pending" {
			return
		}
		if _, err := e.Claims.Review(ctx, rev, c.ID, verdict, "核对原文"); err != nil {
			t.Fatalf("review claim %s: %v", code, err)
		}
	}
	value("4.1.2", "90%", "学习型社区创建达标比例为88.1%", "contradicted")
	value("3.1.3", "123.4万", "全年市民参与学习活动123.4万人次", "verified")
	claim("1.1.2", "出台了终身学习促进条例", "出台终身学习促进条例", "verified")
	claim("1.1.2", "条例于2015年颁布", "出台终身学习促进条例", "contradicted")
	claim("1.1.1", "建立了学分银行", "建立学分银行", "insufficient")
	claim("2.3.1", "建立了学分银行", "建立学分银行", "verified")
	claim("2.3.1", "学分银行覆盖全市", "建立学分银行", "insufficient")
	value("2.2.1", "123", "认定市民终身学习基地123个", "insufficient")
	claim("2.3.2", "建立了学分银行", "建立学分银行", "pending")

	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"4.1.2": report.Contradicted, "1.1.2": report.Contradicted, "3.1.3": report.Verified,
		"1.1.1": report.Insufficient, "2.3.1": report.Insufficient, "2.2.1": report.Insufficient, "2.3.2": report.Present}
	for _, a := range r.Areas {
		for _, it := range a.Items {
			if w, ok := want[it.Indicator.Code]; ok && it.Status != w {
				t.Errorf("report %s: status %q, want %q", it.Indicator.Code, it.Status, w)
			}
		}
	}
	text, _, _ := docx(t, r)
	if i, want := strings.Index(text, "4.1.2 "), "状态\uFF1A与证据矛盾"; i < 0 || !strings.Contains(text[i:], want) {
		t.Errorf("DOCX 4.1.2 lacks %q: %.800s", want, text)
	}
	if i, want := strings.Index(text, "1.1.1 "), "状态\uFF1A证据不足"; i < 0 || !strings.Contains(text[i:], want) {
		t.Errorf("DOCX 1.1.1 lacks %q: %.800s", want, text)
	}
}

// TestLinkedAndCitedDocumentListedOnce: a document linked to an indicator
// without a page (as an upload with indicators links it) and cited for its
// value on page 1 is one piece of evidence of the indicator, at page 1,
// not a second line with no page.
func TestLinkedAndCitedDocumentListedOnce(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "全年市民参与学习活动123.4万人次。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "3.1.3"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "3.1.3", Value: "123.4万",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "全年市民参与学习活动123.4万人次"}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code == "3.1.3" && (len(it.Evidence) != 1 || it.Evidence[0].Page != 1) {
				t.Errorf("3.1.3 evidence: %+v, want the document once, at page 1", it.Evidence)
			}
		}
	}
}

// TestWithdrawnDocumentIsMarkedAndNotEvidence: a document deleted after
// a claim cited it is still named in the report, marked 文档已删除 (not
// 已撤回, a claim's or a hand-in's word) in both formats; the indicator
// it alone backed is 出处已删除, not 有证据, and the claim is marked
// lacking evidence in place of its verdict.
func TestWithdrawnDocumentIsMarkedAndNotEvidence(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "biaozhang.txt", "2017年共评出终身学习品牌项目12个。")
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "3.1.2", Statement: "评出终身学习品牌项目12个",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "共评出终身学习品牌项目12个"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code != "3.1.2" {
				continue
			}
			if it.Status != report.SourceDeleted || len(it.Evidence) != 1 || !it.Evidence[0].Withdrawn {
				t.Errorf("3.1.2 backed only by a deleted document: status %q evidence %+v, want 出处已删除 and the document marked", it.Status, it.Evidence)
			}
			if line := report.EvidenceLine(it.Evidence[0]); !strings.Contains(line, "\uFF08文档已删除\uFF09") {
				t.Errorf("XLSX evidence line %q lacks 文档已删除", line)
			}
			if m := it.Mark(it.Claims[0].ID, it.Claims[0].Status); m != report.SourceDeletedMark {
				t.Errorf("the claim citing only the deleted document is marked %q, want %q", m, report.SourceDeletedMark)
			}
		}
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, "\uFF08文档已删除\uFF09") || strings.Contains(text, "已撤回") ||
		!strings.Contains(text, "评出终身学习品牌项目12个"+report.SourceDeletedMark) {
		t.Errorf("DOCX does not mark the deleted document (文档已删除) and the claim lacking evidence: %.600s", text)
	}
}

// TestReviewersReasonsReachTheReport: the report a 专家 reads without the
// archive says why a reviewer gave a verdict, after the verdict, for a
// claim and for a value; a claim edited since its review (pending again)
// carries no stale reason.
func TestReviewersReasonsReachTheReport(t *testing.T) {
	e := testenv.New(t)
	rev := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	d := e.Upload(hangzhou, "zongjie.txt", "学习型社区创建达标比例为88.1%。建立学分银行。举办学习周。")
	v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "4.1.2", Value: "90%",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学习型社区创建达标比例为88.1%"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Review(ctx, rev, v.ID, "contradicted", "原文为88.1%"); err != nil {
		t.Fatal(err)
	}
	claim := func(code, statement, quote, comment string) string {
		c, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: code, Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Claims.Review(ctx, rev, c.ID, "insufficient", comment); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	claim("2.3.1", "建立了学分银行", "建立学分银行", "需要正式文件")
	edited := claim("3.1.1", "举办了学习周", "举办学习周", "缺少活动方案")
	statement := "2017年举办了全民终身学习活动周"
	if _, err := e.Claims.Update(ctx, coord, edited, &statement, nil); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := docx(t, r)
	for _, want := range []string{"【与证据矛盾】\uFF08审核意见\uFF1A原文为88.1%\uFF09", "建立了学分银行【证据不足】\uFF08审核意见\uFF1A需要正式文件\uFF09"} {
		if !strings.Contains(text, want) {
			t.Errorf("DOCX lacks %q: %.1500s", want, text)
		}
	}
	if strings.Contains(text, "缺少活动方案") {
		t.Errorf("DOCX gives the reason of a review the claim was edited since")
	}
}
