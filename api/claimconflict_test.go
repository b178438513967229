package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// readingMeanwhile runs meanwhile once, the first time a text is read
// through it: a change committed while a save checks its quote.
type readingMeanwhile struct {
	blob.Store
	once      sync.Once
	meanwhile func()
}

func (b *readingMeanwhile) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	b.once.Do(b.meanwhile)
	return b.Store.Get(ctx, key)
}

func (b *readingMeanwhile) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	b.once.Do(b.meanwhile)
	return b.Store.GetRange(ctx, key, off, n, version)
}

// A citation added through the API while another coordinator's
// citation is saved, after the claim was read, is refused with 409 and
// the message to reload, not stored in place of the other's.
func TestClaimCitationAddedMeanwhileIs409(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行 推进学习成果认证 全年存入学习成果45.3万条 课时达到规定要求")
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "2.3.1", "statement": "杭州市建立了学分银行",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "建立学分银行"}}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create claim: %d %v", resp.StatusCode, body)
	}
	id := body["claim"].(map[string]any)["id"].(string)
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: cityA}
	var wangErr error
	slow := &readingMeanwhile{Store: e.te.Blobs, meanwhile: func() {
		_, wangErr = e.te.Claims.AddCitation(ctx, wang, id, claims.CitationInput{DocumentID: doc, Page: 1, Quote: "推进学习成果认证"})
	}}
	deps := e.deps
	deps.Claims = claims.NewService(e.cat, slow, e.te.Search)
	e.srv = httptest.NewServer(NewHandler(deps))
	t.Cleanup(e.srv.Close)

	resp, body = e.do(e.request("POST", "/api/v1/claims/"+id+"/citations",
		map[string]any{"document_id": doc, "page": 1, "quote": "课时达到规定要求"}), "coordA")
	if wangErr != nil {
		t.Fatalf("wang's citation: %v", wangErr)
	}
	if resp.StatusCode != http.StatusConflict || !strings.Contains(fmt.Sprint(body), "定性描述已被他人修改，请刷新页面后重试") {
		t.Errorf("citation added on a claim changed meanwhile: %d %v, want 409 定性描述已被他人修改，请刷新页面后重试", resp.StatusCode, body)
	}
	c, err := e.cat.Claim(ctx, id)
	if err != nil || len(c.Citations) != 2 || c.Citations[1].Quote != "推进学习成果认证" {
		t.Errorf("citations %+v (%v), want 1 and wang's 2", c, err)
	}
}

// A PATCH of a claim sent back with the ETag its GET gave (If-Match) is
// saved only while the claim is as that GET showed it: one built on an
// ETag another save has since moved is 412 ESTALE with the message to
// read the claim again, nothing saved, and so is a weak tag, which
// If-Match's strong comparison never matches. A list naming the current
// ETag among others is saved. Without If-Match (or with *) a PATCH is
// saved as before, checked against the service's own read; a malformed
// If-Match is a 400, not taken for no check.
func TestClaimPatchIfMatch(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	id := e.createClaim("coordA", map[string]any{"indicator": "2.3.1", "statement": "杭州市建立了学分银行",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "建立学分银行"}}})
	etag := func() string {
		resp, body := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "coordA")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == "" {
			t.Fatalf("GET claim: %d ETag %q %v", resp.StatusCode, resp.Header.Get("ETag"), body)
		}
		return resp.Header.Get("ETag")
	}
	first := etag()
	current := func() string { return etag() }
	tests := []struct {
		name      string
		ifMatch   func() string
		statement string
		status    int
		stored    string
	}{
		{"the ETag just read", current, "杭州市建立了市级学分银行", http.StatusOK, "杭州市建立了市级学分银行"},
		{"the ETag before that save", func() string { return first }, "杭州市建成学分银行平台", http.StatusPreconditionFailed, "杭州市建立了市级学分银行"},
		{"the current ETag made weak", func() string { return "W/" + etag() }, "杭州市建成学分银行平台", http.StatusPreconditionFailed, "杭州市建立了市级学分银行"},
		{"a list of an old ETag and the current one", func() string { return first + `, W/"1", ` + etag() }, "杭州市建成学分银行", http.StatusOK, "杭州市建成学分银行"},
		{"no If-Match", func() string { return "" }, "杭州市建成学分银行平台", http.StatusOK, "杭州市建成学分银行平台"},
		{"If-Match *", func() string { return "*" }, "杭州市建成学分银行服务平台", http.StatusOK, "杭州市建成学分银行服务平台"},
		{"an ETag without its quotes", func() string { return strings.Trim(etag(), `"`) }, "杭州市学分银行", http.StatusBadRequest, "杭州市建成学分银行服务平台"},
		{"two ETags without a comma", func() string { return etag() + " " + first }, "杭州市学分银行", http.StatusBadRequest, "杭州市建成学分银行服务平台"},
	}
	for _, tt := range tests {
		req := e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": tt.statement})
		if m := tt.ifMatch(); m != "" {
			req.Header.Set("If-Match", m)
		}
		resp, body := e.do(req, "coordA")
		if resp.StatusCode != tt.status {
			t.Errorf("PATCH with %s: %d %v, want %d", tt.name, resp.StatusCode, body, tt.status)
		}
		if tt.status == http.StatusPreconditionFailed {
			wantStale(t, "PATCH with "+tt.name, body)
		}
		if tt.status == http.StatusOK && resp.Header.Get("ETag") != etag() {
			t.Errorf("PATCH with %s: answered ETag %q, a GET after %q", tt.name, resp.Header.Get("ETag"), etag())
		}
		if c, err := e.cat.Claim(context.Background(), id); err != nil || c.Statement != tt.stored {
			t.Errorf("PATCH with %s: stored %q (%v), want %q", tt.name, c.Statement, err, tt.stored)
		}
	}
	if etag() == first {
		t.Errorf("the ETag %s stayed the same through four saves", first)
	}
	req := e.request("PATCH", "/api/v1/claims/no-such-claim", map[string]any{"statement": "杭州市学分银行"})
	req.Header.Set("If-Match", "*")
	if resp, body := e.do(req, "coordA"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("PATCH with If-Match * of a claim that does not exist: %d %v, want 404", resp.StatusCode, body)
	}
}

// wantStale fails unless body is the API's 412 answer: ESTALE with the
// message to read the claim again, in Chinese and in English.
func wantStale(t *testing.T, what string, body map[string]any) {
	t.Helper()
	e, _ := body["error"].(map[string]any)
	if e["code"] != "ESTALE" || e["message"] != "定性描述在您读取之后已被修改（或 If-Match 带的是弱 ETag），本次修改未保存；请重新读取这条定性描述，核对最新内容后带上新的 ETag 再提交" ||
		!strings.HasPrefix(fmt.Sprint(e["message_en"]), "The claim was changed after you read it") {
		t.Errorf("%s: %v, want ESTALE saying to read the statement again, with message_en", what, body)
	}
}

// A PATCH whose If-Match named the claim as it was when the service read
// it, while another coordinator's save commits before this one's, is 412
// too: the version it was built on is gone by the time it is saved.
// Without If-Match the same race stays 409 ECONFLICT (the claim's state
// was the server's read, not the client's).
func TestClaimPatchIfMatchChangedMeanwhileIs412(t *testing.T) {
	for _, tt := range []struct {
		name    string
		ifMatch bool
		status  int
	}{
		{"with If-Match", true, http.StatusPreconditionFailed},
		{"without If-Match", false, http.StatusConflict},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行 推进学习成果认证 全年存入学习成果45.3万条 课时达到规定要求")
			id := e.createClaim("coordA", map[string]any{"indicator": "2.3.1", "statement": "杭州市建立了学分银行",
				"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "建立学分银行"}}})
			resp, _ := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "coordA")
			read := resp.Header.Get("ETag")
			wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: cityA}
			var wangErr error
			slow := &readingMeanwhile{Store: e.te.Blobs, meanwhile: func() {
				_, wangErr = e.te.Claims.AddCitation(ctx, wang, id, claims.CitationInput{DocumentID: doc, Page: 1, Quote: "推进学习成果认证"})
			}}
			deps := e.deps
			deps.Claims = claims.NewService(e.cat, slow, e.te.Search)
			e.srv = httptest.NewServer(NewHandler(deps))
			t.Cleanup(e.srv.Close)

			req := e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": "杭州市建成学分银行",
				"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "课时达到规定要求"}}})
			if tt.ifMatch {
				req.Header.Set("If-Match", read)
			}
			resp, body := e.do(req, "coordA")
			if wangErr != nil {
				t.Fatalf("wang's citation: %v", wangErr)
			}
			if resp.StatusCode != tt.status {
				t.Errorf("PATCH of a claim changed while it was saved: %d %v, want %d", resp.StatusCode, body, tt.status)
			}
			if tt.status == http.StatusPreconditionFailed {
				wantStale(t, "PATCH of a claim changed while it was saved", body)
			}
			c, err := e.cat.Claim(ctx, id)
			if err != nil || c.Statement != "杭州市建立了学分银行" || len(c.Citations) != 2 {
				t.Errorf("claim %+v (%v), want its statement and wang's two citations unchanged", c, err)
			}
		})
	}
}
