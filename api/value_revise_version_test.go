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

// TestValueReviseOnTheVersionRead: a reviewer reads a value judged 证据不足
// (ETag); meanwhile an admin rewrites the verdict's comment, which moves
// the value's version but not its status. The reviewer's 改判 sent with
// the ETag read named the right previous verdict and was saved over a
// value they had not seen; it is now 412 ESTALE, nothing saved, also with
// the version in the body, and with the version read now it is saved.
func TestValueReviseOnTheVersionRead(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	doc := e.upload(cityA, "杭州市学分银行统计.txt", "截至年底，学分银行累计为3000名市民存入学分。")
	v, err := e.deps.Values.Record(ctx, &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA},
		values.Input{Round: 2017, Indicator: "2.2.1", Value: values.Written("3000"),
			Citation: claims.CitationInput{DocumentID: doc, Page: 1, Quote: "学分银行累计为3000名市民存入学分"}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/values/" + v.ID
	if resp, out := e.do(e.request("POST", path+"/reviews", `{"verdict":"insufficient","comment":"缺少统计台账"}`), "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("证据不足: %d %v", resp.StatusCode, out)
	}
	resp, _ := e.do(e.request("GET", path, nil), "reviewer")
	read := resp.Header.Get("ETag")
	if read == "" {
		t.Fatal("value read without an ETag")
	}
	if _, err := e.deps.Values.Revise(ctx, &catalog.User{Username: "admin", Role: catalog.RoleAdmin}, v.ID, "insufficient", "缺少统计台账和责任单位的盖章说明"); err != nil {
		t.Fatal(err)
	}
	body := `{"revise":true,"previous":"insufficient","verdict":"verified","comment":"统计表已足以佐证"}`
	req := e.request("POST", path+"/reviews", body)
	req.Header.Set("If-Match", read)
	resp, out := e.do(req, "reviewer")
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(errorMessage(out), "数值在您打开页面后已被修改，本次审核未保存") {
		t.Fatalf("改判 on the version read before the admin's comment: %d %v, want 412 saying the value changed since", resp.StatusCode, out)
	}
	inBody := `{"revise":true,"previous":"insufficient","verdict":"verified","comment":"统计表已足以佐证","version":` + read + `}`
	if resp, out := e.do(e.request("POST", path+"/reviews", inBody), "reviewer"); resp.StatusCode != http.StatusPreconditionFailed {
		t.Fatalf("改判 with the version read in the body: %d %v, want 412", resp.StatusCode, out)
	}
	if got, _ := e.cat.Value(ctx, v.ID); got.Status != catalog.ClaimInsufficient {
		t.Fatalf("after the refused revisions the value is %s, want insufficient", got.Status)
	}
	resp, _ = e.do(e.request("GET", path, nil), "reviewer")
	req = e.request("POST", path+"/reviews", body)
	req.Header.Set("If-Match", resp.Header.Get("ETag"))
	if resp, out := e.do(req, "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("改判 on the version read now: %d %v, want 201", resp.StatusCode, out)
	}
	if got, _ := e.cat.Value(ctx, v.ID); got.Status != catalog.ClaimVerified {
		t.Fatalf("after the revision on the version read now the value is %s, want verified", got.Status)
	}
}
