package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestClaimVerdictOnTheVersionRead: a reviewer reads a claim (ETag), the
// city changes its statement, and the reviewer's 属实 sent with the ETag
// read is 412 ESTALE saying the claim changed since, nothing saved; sent
// with the new ETag (or the claim's "version" in the body) it is saved.
func TestClaimVerdictOnTheVersionRead(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "杭州市社区学习共同体培育计划.txt", "杭州市计划培育社区学习共同体300个，覆盖全部街道。")
	c, err := e.deps.Claims.Create(context.Background(), &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA},
		claims.Input{Indicator: "2.3.1", Statement: "计划培育社区学习共同体300个。",
			Citations: []claims.CitationInput{{DocumentID: doc, Page: 1, Quote: "培育社区学习共同体300个"}}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/claims/" + c.ID
	resp, view := e.do(e.request("GET", path, nil), "reviewer")
	read := resp.Header.Get("ETag")
	if v, _ := view["claim"].(map[string]any)["version"].(string); read == "" || `"`+v+`"` != read {
		t.Fatalf("claim read: ETag %q, version %q; want the same version in both", read, v)
	}
	if resp, body := e.do(e.request("PATCH", path, `{"statement":"已建成社区学习共同体3000个，覆盖全部街道。"}`), "coordA"); resp.StatusCode != http.StatusOK {
		t.Fatalf("city edit: %d %v", resp.StatusCode, body)
	}
	req := e.request("POST", path+"/reviews", `{"verdict":"verified","comment":"与原文一致"}`)
	req.Header.Set("If-Match", read)
	resp, body := e.do(req, "reviewer")
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(errorMessage(body), "定性描述在您打开页面后已被修改，本次审核未保存") {
		t.Fatalf("verdict on the text read before the edit: %d %v, want 412 saying the claim changed since", resp.StatusCode, body)
	}
	if got, _ := e.cat.Claim(context.Background(), c.ID); got.Status != catalog.ClaimPending {
		t.Fatalf("after the refused verdict the claim is %s, want pending", got.Status)
	}
	_, view = e.do(e.request("GET", path, nil), "reviewer")
	now, _ := view["claim"].(map[string]any)["version"].(string)
	resp, body = e.do(e.request("POST", path+"/reviews", `{"verdict":"verified","comment":"已核对新内容","version":"`+now+`"}`), "reviewer")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("verdict on the text read now: %d %v, want 201", resp.StatusCode, body)
	}
}

// TestValueVerdictOnTheVersionRead: a reviewer reads a value of 3000 人,
// the city records 30000 in its place, and the reviewer's 属实 sent with
// the version read is 412 saying the value changed since; the value stays
// 待审核, and a verdict on the version read now is saved.
func TestValueVerdictOnTheVersionRead(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "杭州市学分银行统计.txt", "截至年底，学分银行累计为3000名市民存入学分，另有30000名市民开户。")
	coordA := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA}
	record := func(n string) *catalog.Value {
		v, err := e.deps.Values.Record(context.Background(), coordA, values.Input{Round: 2017, Indicator: "2.2.1", Value: values.Written(n),
			Citation: claims.CitationInput{DocumentID: doc, Page: 1, Quote: "学分银行累计为3000名市民存入学分"}})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v := record("3000")
	path := "/api/v1/values/" + v.ID
	resp, _ := e.do(e.request("GET", path, nil), "reviewer")
	read := resp.Header.Get("ETag")
	if read == "" {
		t.Fatal("value read without an ETag")
	}
	record("30000")
	req := e.request("POST", path+"/reviews", `{"verdict":"verified","comment":"与台账一致"}`)
	req.Header.Set("If-Match", read)
	resp, body := e.do(req, "reviewer")
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(errorMessage(body), "数值在您打开页面后已被修改，本次审核未保存") {
		t.Fatalf("verdict on the number read before it was recorded again: %d %v, want 412 saying the value changed since", resp.StatusCode, body)
	}
	if got, _ := e.cat.Value(context.Background(), v.ID); got.Status != catalog.ClaimPending || got.Given != "30000" {
		t.Fatalf("after the refused verdict the value is %s %s, want 30000 pending", got.Given, got.Status)
	}
	resp, _ = e.do(e.request("GET", path, nil), "reviewer")
	req = e.request("POST", path+"/reviews", `{"verdict":"insufficient","comment":"引文写的是3000名"}`)
	req.Header.Set("If-Match", resp.Header.Get("ETag"))
	if resp, body := e.do(req, "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("verdict on the number read now: %d %v, want 201", resp.StatusCode, body)
	}
}

// TestVerifiedWithQuoteNotInTextAsks: 属实 on a claim whose quote is not in
// its document's text (OCR misread the scan) is 409 asking the reviewer
// to check the original's image; quote_checked without the version read
// asks again, and with it (If-Match) the verdict is saved.
func TestVerifiedWithQuoteNotInTextAsks(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "读书驿站建设情况.txt", "全区建成读书驿站36个，年接待读者8.6 FAK.")
	c, err := e.deps.Claims.Create(context.Background(), &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA},
		claims.Input{Indicator: "2.3.1", Statement: "全区建成读书驿站36个，年接待读者8.6万人次。",
			Citations: []claims.CitationInput{{DocumentID: doc, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/claims/" + c.ID
	resp, _ := e.do(e.request("GET", path, nil), "reviewer")
	etag := resp.Header.Get("ETag")
	for _, body := range []string{`{"verdict":"verified","comment":"已核对"}`, `{"verdict":"verified","comment":"已核对","quote_checked":true}`} {
		resp, out := e.do(e.request("POST", path+"/reviews", body), "reviewer")
		errBody, _ := out["error"].(map[string]any)
		if resp.StatusCode != http.StatusConflict || errBody["field"] != "quote_checked" || !strings.Contains(errorMessage(out), "核对原件图像") {
			t.Fatalf("%s without the version: %d %v, want 409 asking about the quote (field quote_checked)", body, resp.StatusCode, out)
		}
	}
	if got, _ := e.cat.Claim(context.Background(), c.ID); got.Status != catalog.ClaimPending {
		t.Fatalf("after the question the claim is %s, want pending", got.Status)
	}
	req := e.request("POST", path+"/reviews", `{"verdict":"verified","comment":"已核对扫描件原图，识别有误","quote_checked":true}`)
	req.Header.Set("If-Match", etag)
	if resp, out := e.do(req, "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("属实 confirmed on the version read: %d %v, want 201", resp.StatusCode, out)
	}
}
