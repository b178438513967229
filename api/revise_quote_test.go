package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestReviseToVerifiedAsksAboutQuoteNotInText: a claim judged 证据不足
// whose quote is on no page of its document's text (OCR read 8.6 FAK.)
// revised (改判) to 属实 was saved with no answer that the original's
// image was checked, and the report then said 已核实（引文在文字中未找到）
// (review s43 finding 1). A revision now asks as a first verdict does:
// 409 quote_checked until the tick comes with the version read.
func TestReviseToVerifiedAsksAboutQuoteNotInText(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	doc := e.upload(cityA, "读书驿站建设情况.txt", "全区建成读书驿站36个，年接待读者8.6 FAK.")
	c, err := e.deps.Claims.Create(ctx, &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA},
		claims.Input{Indicator: "2.3.1", Statement: "全区建成读书驿站36个，年接待读者8.6万人次。",
			Citations: []claims.CitationInput{{DocumentID: doc, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/claims/" + c.ID
	if resp, out := e.do(e.request("POST", path+"/reviews", `{"verdict":"insufficient","comment":"引文在原文中未找到"}`), "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("证据不足: %d %v", resp.StatusCode, out)
	}
	resp, _ := e.do(e.request("GET", path, nil), "reviewer")
	etag := resp.Header.Get("ETag")
	for _, body := range []string{
		`{"revise":true,"previous":"insufficient","verdict":"verified","comment":"已找到原件"}`,
		`{"revise":true,"previous":"insufficient","verdict":"verified","comment":"已找到原件","quote_checked":true}`,
	} {
		resp, out := e.do(e.request("POST", path+"/reviews", body), "reviewer")
		errBody, _ := out["error"].(map[string]any)
		if resp.StatusCode != http.StatusConflict || errBody["field"] != "quote_checked" || !strings.Contains(errorMessage(out), "核对原件图像") {
			t.Fatalf("改判 %s without the version: %d %v, want 409 asking about the quote (field quote_checked)", body, resp.StatusCode, out)
		}
	}
	if got, _ := e.cat.Claim(ctx, c.ID); got.Status != catalog.ClaimInsufficient {
		t.Fatalf("after the question the claim is %s, want insufficient", got.Status)
	}
	req := e.request("POST", path+"/reviews", `{"revise":true,"previous":"insufficient","verdict":"verified","comment":"已核对扫描件原图，识别有误","quote_checked":true}`)
	req.Header.Set("If-Match", etag)
	if resp, out := e.do(req, "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("改判为属实 confirmed on the version read: %d %v, want 201", resp.StatusCode, out)
	}
}

// TestReviseOnTheVersionRead: a reviewer reads a claim judged 证据不足
// (ETag); meanwhile an admin rewrites the verdict's comment, which moves
// the claim's version but not its status. The reviewer's 改判 sent with
// the ETag read named the right previous verdict and was saved over a
// claim they had not seen (review s43 finding 1); it is now 412, nothing
// saved, and with the version read now it is saved.
func TestReviseOnTheVersionRead(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	doc := e.upload(cityA, "社区学习共同体培育计划.txt", "杭州市计划培育社区学习共同体300个，覆盖全部街道。")
	c, err := e.deps.Claims.Create(ctx, &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA},
		claims.Input{Indicator: "2.3.1", Statement: "计划培育社区学习共同体300个。",
			Citations: []claims.CitationInput{{DocumentID: doc, Page: 1, Quote: "培育社区学习共同体300个"}}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/claims/" + c.ID
	if resp, out := e.do(e.request("POST", path+"/reviews", `{"verdict":"insufficient","comment":"缺少验收材料"}`), "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("证据不足: %d %v", resp.StatusCode, out)
	}
	resp, _ := e.do(e.request("GET", path, nil), "reviewer")
	read := resp.Header.Get("ETag")
	if _, err := e.deps.Claims.Revise(ctx, &catalog.User{Username: "admin", Role: catalog.RoleAdmin}, c.ID, "insufficient", "缺少验收材料和责任单位的统计台账"); err != nil {
		t.Fatal(err)
	}
	body := `{"revise":true,"previous":"insufficient","verdict":"verified","comment":"计划文件已足以佐证"}`
	req := e.request("POST", path+"/reviews", body)
	req.Header.Set("If-Match", read)
	resp, out := e.do(req, "reviewer")
	if resp.StatusCode != http.StatusPreconditionFailed {
		t.Fatalf("改判 on the version read before the admin's comment: %d %v, want 412", resp.StatusCode, out)
	}
	if got, _ := e.cat.Claim(ctx, c.ID); got.Status != catalog.ClaimInsufficient {
		t.Fatalf("after the refused revision the claim is %s, want insufficient", got.Status)
	}
	resp, _ = e.do(e.request("GET", path, nil), "reviewer")
	req = e.request("POST", path+"/reviews", body)
	req.Header.Set("If-Match", resp.Header.Get("ETag"))
	if resp, out := e.do(req, "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("改判 on the version read now: %d %v, want 201", resp.StatusCode, out)
	}
}
