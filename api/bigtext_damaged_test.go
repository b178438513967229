package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
)

// TestABigTextIsServedOnlyAsRecorded: a text of 2.4 MB, bigger than a
// quote's text read whole (it is streamed), is served on every path —
// /text whole and a page range, 查找, a citation into it (saved and shown
// in the claim's passages), the document page — and hashed once for all
// of them (its version found as recorded is not checked again). Put back
// in the store with one figure changed on its last page, valid JSON of
// the same size, it is refused on each of them, the ranges that hold no
// change too, as the text read whole is: /text and 查找 409 saying to run
// evidence check and evidence repair, a new citation 409 naming the
// document, the claim's passage into it unavailable, the document page
// saying its text is damaged.
func TestABigTextIsServedOnlyAsRecorded(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// As serve wires them: the services share one store holding texts to
	// their record, which counts the texts it hashed.
	texts := ingest.NewVerifiedTexts(e.te.Blobs, e.cat).(*ingest.VerifiedTexts)
	docs := documents.NewService(e.cat, texts, e.ingest, e.te.Search)
	t.Cleanup(docs.Close)
	cl := claims.NewService(e.cat, texts, e.te.Search)
	cl.SetTextBudget(docs)
	deps := e.te.Services(nil)
	deps.Documents, deps.Claims = docs, cl
	e.srv = httptest.NewServer(NewHandler(deps))
	t.Cleanup(e.srv.Close)

	pages := make([]string, 12)
	for i := range pages {
		pages[i] = fmt.Sprintf("第%d页：", i+1) + strings.Repeat("推进学习型城市建设，完善终身教育体系。", 3500)
	}
	pages[0] += "全市建成学分银行服务网点120个。"
	pages[11] += "全年共举办342场市民大讲堂。"
	id := withBigText(t, e, pages)
	d, err := e.cat.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	key := catalog.TextKey(d.SHA256)
	info, err := e.te.Blobs.Stat(ctx, key)
	if err != nil || info.Size <= 2<<20 {
		t.Fatalf("the text's blob: %d bytes, %v; want over 2 MB (a quote's text streamed)", info.Size, err)
	}
	coord := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA}
	cite := func(quote string) (*http.Response, map[string]any) {
		return e.do(e.request("POST", "/api/v1/claims", map[string]any{
			"indicator": "3.1.2", "statement": "杭州市建成学分银行服务网点120个",
			"citations": []map[string]any{{"document_id": id, "page": 1, "quote": quote}}}), "coordA")
	}
	paths := []string{"/text?page=1", "/text?from=2&to=3", "/text", "/find?q=" + url.QueryEscape("学分银行服务网点")}

	for _, path := range paths {
		if resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+path, nil), "coordA"); resp.StatusCode != http.StatusOK {
			t.Errorf("%s of the text as written: %d %.300v", path, resp.StatusCode, body)
		}
	}
	resp, body := cite("全市建成学分银行服务网点120个")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("a citation into the text as written: %d %v", resp.StatusCode, body)
	}
	claimID := body["claim"].(map[string]any)["id"].(string)
	v, err := cl.View(ctx, coord, claimID)
	if err != nil || len(v.Passages) != 1 || v.Passages[0].Unavailable != nil || !strings.Contains(v.Passages[0].Context, "<mark>") {
		t.Fatalf("the claim's passage into the text as written: %v %+v", err, v)
	}
	r, err := docs.Read(ctx, coord, id, documents.PageAt{Page: 12}, 0)
	if err != nil || r.TextDamaged != nil || r.Page == nil || !strings.Contains(r.Page.Text, "342场") {
		t.Fatalf("the document page of the text as written: %v %+v", err, r)
	}
	r.Close()
	if n := texts.Hashed(); n != 1 {
		t.Errorf("the text as written, served on %d paths: hashed %d times, want once", len(paths)+3, n)
	}

	e.te.AlterText(t, d.SHA256, "全年共举办342场", "全年共举办442场")

	for _, path := range paths {
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+id+path, nil), "coordA")
		if msg := errorMessage(body); resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "提取文字已损坏") || !strings.Contains(msg, "evidence repair") {
			t.Errorf("%s of the text changed in the store: %d %q, want 409 saying it is damaged and to run evidence check and repair", path, resp.StatusCode, msg)
		}
	}
	resp, body = cite("全市建成学分银行服务网点")
	if msg := errorMessage(body); resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "《"+d.Title+"》的提取文字已损坏") {
		t.Errorf("a new citation into the text changed in the store: %d %q, want 409 naming the document", resp.StatusCode, msg)
	}
	v, err = cl.View(ctx, coord, claimID)
	if err != nil || len(v.Passages) != 1 || v.Passages[0].Unavailable == nil || v.Passages[0].Context != "" ||
		!strings.Contains(v.Passages[0].Unavailable.Message, "《"+d.Title+"》保存的提取文字已损坏或被替换") {
		t.Errorf("the claim's passage into the text changed in the store: %v %+v, want it unavailable, saying why", err, v)
	}
	for _, at := range []documents.PageAt{{Page: 1}, {Page: 12}} {
		r, err := docs.Read(ctx, coord, id, at, 0)
		if err != nil || r.TextDamaged == nil || r.Page != nil {
			t.Errorf("the document page %d of the text changed in the store: %v %+v, want its text said to be damaged", at.Page, err, r)
		}
	}
}
