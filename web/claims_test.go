package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestClaimFormErrorsKeepWhatWasTyped posts each claim form with a
// mistake and finds the form again, what was typed kept and the error
// beside the field, never the dead-end error page.
func TestClaimFormErrorsKeepWhatWasTyped(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang, li := s.login("wang"), s.login("li")
	c, err := s.env.Claims.Create(context.Background(), &catalog.User{Username: "wang", Role: catalog.RoleCoordinator,
		City: "330100"}, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		b      *browser
		path   string
		form   url.Values
		status int
		errID  string
		phrase string
		kept   []string
	}{
		{"new claim without a citation", wang, "/claims",
			url.Values{"indicator": {"2.3.1"}, "statement": {"杭州市2017年举办342场大讲堂"}},
			400, "n-doc-err", "请选择引用的文档", []string{">杭州市2017年举办342场大讲堂</textarea>", `value="2.3.1" selected`}},
		{"new claim without a statement", wang, "/claims",
			url.Values{"indicator": {"2.3.1"}, "statement": {" "}, "document_id": {doc.ID}, "page": {"1"}, "quote": {"建立学分银行"}},
			400, "n-st-err", "不能为空", []string{`value="` + doc.ID + `"`, ">建立学分银行</textarea>"}},
		{"new claim on a page the document lacks", wang, "/claims",
			url.Values{"indicator": {"2.3.1"}, "statement": {"学分银行"}, "document_id": {doc.ID}, "page": {"9"}, "quote": {"学分银行"}},
			400, "n-page-err", "《学分银行》共 1 页", []string{`value="9"`}},
		{"new claim on a page that is not a number", wang, "/claims",
			url.Values{"indicator": {"2.3.1"}, "statement": {"学分银行"}, "document_id": {doc.ID}, "page": {"abc"}, "quote": {"学分银行"}},
			400, "n-page-err", "页码应为数字", []string{`value="abc"`}},
		{"citation on a page that is not a number", wang, "/claims/" + c.ID + "/citations",
			url.Values{"document_id": {doc.ID}, "page": {"第一页"}, "quote": {"建立学分银行"}},
			400, "c-page-err", "页码应为数字", []string{`value="第一页"`}},
		{"new claim citing no such document", wang, "/claims",
			url.Values{"indicator": {"2.3.1"}, "statement": {"学分银行"}, "document_id": {"01NOSUCH"}, "page": {"1"}, "quote": {"学分银行"}},
			400, "n-doc-err", "01NOSUCH", []string{`value="01NOSUCH"`}},
		{"new claim on a level-2 indicator", wang, "/claims",
			url.Values{"indicator": {"2.3"}, "statement": {"学分银行"}, "document_id": {doc.ID}, "page": {"1"}, "quote": {"学分银行"}},
			400, "n-ind-err", "关键指标", []string{">学分银行</textarea>"}},
		{"edit to an empty statement", wang, "/claims/" + c.ID, url.Values{"statement": {"  "}},
			400, "e-st-err", "不能为空", nil},
		{"citation without a quote", wang, "/claims/" + c.ID + "/citations",
			url.Values{"document_id": {doc.ID}, "page": {"1"}, "quote": {""}},
			400, "c-quote-err", "原文", []string{`id="c-doc" name="document_id" value="` + doc.ID + `"`}},
		{"remove the only citation", wang, "/claims/" + c.ID + "/citations/1/delete", url.Values{},
			400, "claim-error", "唯一", nil},
		{"send back without a reason", li, "/claims/" + c.ID + "/review", url.Values{"verdict": {"insufficient"}},
			400, "comment-err", "理由", []string{`value="insufficient" checked`}},
	}
	for _, tt := range tests {
		resp, body := tt.b.post(tt.path, tt.form)
		beside(t, tt.name, resp, body, tt.status, tt.errID, tt.phrase, tt.kept...)
	}
}

// TestClaimEditRemoveCitationAndQueue edits a statement, removes a
// citation, and finds the queue's counts and the link to the next claim.
func TestClaimEditRemoveCitationAndQueue(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wangU := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	var ids []string
	for _, st := range []string{"杭州市建立了学分银行", "杭州市推进学习成果认证"} {
		c, err := s.env.Claims.Create(ctx, wangU, claims.Input{Indicator: "2.3.1", Statement: st,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}, {DocumentID: doc.ID, Page: 1, Quote: "学习成果认证"}}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	wang, li := s.login("wang"), s.login("li")
	if resp, body := wang.post("/claims/"+ids[0], url.Values{"statement": {"杭州市已建立学分银行"}}); resp.StatusCode != 200 ||
		!strings.Contains(body, "杭州市已建立学分银行") {
		t.Fatalf("edit statement: %d %.300s", resp.StatusCode, textOf(body))
	}
	if resp, body := wang.post("/claims/"+ids[0]+"/citations/2/delete", url.Values{}); resp.StatusCode != 200 ||
		strings.Contains(body, `class="card citation"`) && strings.Count(body, `class="card citation"`) != 1 {
		t.Fatalf("remove citation 2: %d, %d citations left", resp.StatusCode, strings.Count(body, `class="card citation"`))
	}
	got, err := s.env.Claims.Get(ctx, wangU, ids[0])
	if err != nil || got.Statement != "杭州市已建立学分银行" || len(got.Citations) != 1 || got.Citations[0].Quote != "建立学分银行" {
		t.Fatalf("claim after edit and removal: %+v %v", got, err)
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, ids[1], "verified", ""); err != nil {
		t.Fatal(err)
	}
	_, body := li.get("/review")
	for _, want := range []string{`data-status="pending" aria-current="page">待审核 <span class="count">1</span>`,
		`data-status="verified">属实 <span class="count">1</span>`, `id="review-next" href="/claims/` + ids[0] + `?round=2018"`} {
		if !strings.Contains(body, want) {
			t.Errorf("review queue lacks %s: %.600s", want, textOf(body))
		}
	}
	// The only pending claim has no other to go on to; the coordinator who
	// wrote it gives no verdicts, so has no next link either.
	for _, b := range []*browser{li, wang} {
		if _, body := b.get("/claims/" + ids[0]); strings.Contains(body, `id="next-claim"`) {
			t.Errorf("%s: a next link with no other pending claim", b.name)
		}
	}
}

// fieldErrors returns the text of each element of body with one of ids,
// "" for an id the page lacks.
func fieldErrors(body string, ids ...string) map[string]string {
	page := html.UnescapeString(body)
	out := map[string]string{}
	for _, id := range ids {
		i := strings.Index(page, `id="`+id+`">`)
		if i < 0 {
			continue
		}
		rest := page[i+len(`id="`+id+`">`):]
		out[id] = rest[:strings.Index(rest, "<")]
	}
	return out
}

// TestEmptyClaimFormMarksEveryField: a claim form sent empty comes back
// with a mistake beside each of its fields at once, in the page's
// language; one partly wrong, with each wrong field marked and what was
// typed kept; the add-citation form likewise.
func TestEmptyClaimFormMarksEveryField(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	admin, wang := s.login("admin"), s.login("wang")
	empty := url.Values{"city": {""}, "indicator": {""}, "statement": {""}, "document_id": {""}, "page": {""}, "quote": {""}}
	ids := []string{"n-city-err", "n-ind-err", "n-st-err", "n-doc-err", "n-page-err", "n-quote-err"}
	zh := []string{"请选择城市", "请选择关键指标", "定性描述不能为空", "请选择引用的文档", "请填写引文所在的页码", "请填写引用的原文"}
	en := []string{"Choose a city", "Choose a key indicator", "The claim cannot be empty", "Choose the document cited",
		"Enter the page the quote is on", "Enter the words quoted from the document"}
	check := func(lang, path string, form url.Values, ids, want []string) string {
		t.Helper()
		resp, body := admin.post(path, form)
		if resp.StatusCode != 400 || strings.Contains(textOf(body), "出错了") {
			t.Fatalf("%s %s: %d %.400s", lang, path, resp.StatusCode, textOf(body))
		}
		got := fieldErrors(body, ids...)
		for i, id := range ids {
			if !strings.Contains(got[id], want[i]) {
				t.Errorf("%s %s: #%s says %q, want %q", lang, path, id, got[id], want[i])
			}
			if !strings.Contains(body, `aria-describedby="`+id+`"`) {
				t.Errorf("%s %s: no field is described by #%s", lang, path, id)
			}
		}
		return body
	}
	body := check("Chinese", "/claims", empty, ids, zh)
	if !strings.Contains(body, `id="claim-errors"`) || strings.Contains(body, `id="claim-error"`) {
		t.Errorf("the form's errors are announced, none of them above the form: %.600s", textOf(body))
	}
	admin.english()
	check("English", "/claims", empty, ids, en)

	// A coordinator's form with a page that is no number and no quote:
	// both marked at once, the statement and document kept.
	resp, body := wang.post("/claims", url.Values{"indicator": {"2.3.1"}, "statement": {"杭州市建立了学分银行"},
		"document_id": {doc.ID}, "page": {"第一页"}, "quote": {" "}})
	got := fieldErrors(body, "n-page-err", "n-quote-err", "n-st-err", "n-doc-err")
	if resp.StatusCode != 400 || !strings.Contains(got["n-page-err"], "页码应为数字") || !strings.Contains(got["n-quote-err"], "请填写引用的原文") ||
		got["n-st-err"] != "" || got["n-doc-err"] != "" {
		t.Errorf("a partly wrong form: %d, mistakes %q", resp.StatusCode, got)
	}
	for _, k := range []string{">杭州市建立了学分银行</textarea>", `value="` + doc.ID + `"`, `value="第一页"`} {
		if !strings.Contains(html.UnescapeString(body), k) {
			t.Errorf("a partly wrong form lost %s", k)
		}
	}

	c, err := s.env.Claims.Create(context.Background(), testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1",
		Statement: "杭州市建立了学分银行", Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	check("English", "/claims/"+c.ID+"/citations", url.Values{"document_id": {""}, "page": {""}, "quote": {""}},
		[]string{"c-doc-err", "c-page-err", "c-quote-err"}, en[3:])
}
