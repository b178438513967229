package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/framework"
)

// roles are the callers of the authorization matrix.
// contribA is city A's 市教育局, a contributor (责任单位).
var roles = []string{"admin", "coordA", "coordB", "expert", "reviewer", "contribA", "disabled", "none", "bad"}

// want gives the expected status per role; the credential failures are
// the same for every non-public endpoint and filled in by expect.
type want map[string]int

func expect(w want) want {
	for _, r := range []string{"disabled", "none", "bad"} {
		if _, ok := w[r]; !ok {
			w[r] = http.StatusUnauthorized
		}
	}
	return w
}

// all is the same status for every authenticated role.
func all(status int) want {
	return expect(want{"admin": status, "coordA": status, "coordB": status, "expert": status, "reviewer": status, "contribA": status})
}

// adminOnly: admins succeed, every other role is forbidden.
func adminOnly(status int) want {
	return expect(want{"admin": status, "coordA": 403, "coordB": 403, "expert": 403, "reviewer": 403, "contribA": 403})
}

// readA: a document of city A is readable by all but city B's coordinator
// (city A's departments read it too).
func readA() want {
	return expect(want{"admin": 200, "coordA": 200, "coordB": 404, "expert": 200, "reviewer": 200, "contribA": 200})
}

// writeA: a new object of city A is made by admins and its coordinator;
// the other city's coordinator is told it may not write there.
func writeA(status int) want {
	return expect(want{"admin": status, "coordA": status, "coordB": 403, "expert": 403, "reviewer": 403, "contribA": 403})
}

// editA: a document of city A is changed by admins and its coordinator,
// never by a department, which only hands in against its tasks.
func editA(status int) want {
	return expect(want{"admin": status, "coordA": status, "coordB": 404, "expert": 403, "reviewer": 403, "contribA": 403})
}

// manageA: an assignment of city A's 市教育局 is imported, returned and
// accepted by admins and city A's coordinator; the department itself may
// not, city B's coordinator does not see it.
func manageA(status int) want {
	return expect(want{"admin": status, "coordA": status, "coordB": 404, "expert": 403, "reviewer": 403, "contribA": 403})
}

// notesA: experts' notes on a document of city A are written and read by
// experts, reviewers and admins; coordinators and departments neither
// write nor read them.
func notesA(status int) want {
	return expect(want{"admin": status, "coordA": 403, "coordB": 403, "expert": status, "reviewer": status, "contribA": 403})
}

func TestAuthorizationMatrix(t *testing.T) {
	e := newEnv(t)
	docA := e.upload(cityA, "a.txt", "杭州市建立学分银行,推进学习成果认证。")
	claimA := e.claim(docA)
	docNum := e.upload(cityA, "num.txt", numbersText)
	valueA := e.value(docNum)
	valueBody := map[string]any{"city": cityA, "round": 2017, "indicator": "2.2.1", "value": "123",
		"citation": map[string]any{"document_id": docNum, "page": 1, "quote": "认定市民终身学习基地123个"}}
	shaA := e.mustDoc(docA).SHA256
	packSearch := e.packSearch()
	scanA := e.imageDocument(cityA)
	p := fmt.Sprintf
	claimBody := map[string]any{"city": cityA, "indicator": "2.3.1", "statement": "杭州市建立了学分银行",
		"citations": []map[string]any{{"document_id": docA, "page": 1, "quote": "建立学分银行"}}}

	// Every endpoint has one row: how to build a fresh request, and what
	// each role gets.
	rows := map[string]struct {
		req  func() *http.Request
		want want
	}{
		"GET /healthz": {func() *http.Request { return e.request("GET", "/healthz", nil) }, want{"admin": 200, "coordA": 200, "coordB": 200, "expert": 200, "reviewer": 200, "contribA": 200, "disabled": 200, "none": 200, "bad": 200}},
		"GET /readyz":  {func() *http.Request { return e.request("GET", "/readyz", nil) }, want{"admin": 200, "coordA": 200, "coordB": 200, "expert": 200, "reviewer": 200, "contribA": 200, "disabled": 200, "none": 200, "bad": 200}},
		"POST /api/v1/login": {func() *http.Request {
			return e.request("POST", "/api/v1/login", `{"username":"nobody","password":"wrong-password"}`)
		}, want{"admin": 401, "coordA": 401, "coordB": 401, "expert": 401, "reviewer": 401, "contribA": 401, "disabled": 401, "none": 401, "bad": 401}},
		"POST /api/v1/logout": {func() *http.Request { return e.request("POST", "/api/v1/logout", nil) }, want{"admin": 200, "coordA": 200, "coordB": 200, "expert": 200, "reviewer": 200, "contribA": 200, "disabled": 200, "none": 200, "bad": 200}},
		"GET /metrics":        {func() *http.Request { return e.request("GET", "/metrics", nil) }, adminOnly(200)},
		"GET /api/v1/me":      {func() *http.Request { return e.request("GET", "/api/v1/me", nil) }, all(200)},
		"POST /api/v1/documents": {func() *http.Request {
			return e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "policy"},
				map[string][]byte{"x.txt": []byte(p("第%d号通知:召开学习型城市建设推进会。", e.next()))}))
		}, expect(want{"admin": 201, "coordA": 201, "coordB": 403, "expert": 403, "reviewer": 403, "contribA": 403})},
		"GET /api/v1/documents":      {func() *http.Request { return e.request("GET", "/api/v1/documents", nil) }, all(200)},
		"GET /api/v1/documents/{id}": {func() *http.Request { return e.request("GET", "/api/v1/documents/"+docA, nil) }, readA()},
		"PATCH /api/v1/documents/{id}": {func() *http.Request {
			return e.request("PATCH", "/api/v1/documents/"+docA, `{"issuer":"杭州市教育局"}`)
		}, editA(200)},
		"DELETE /api/v1/documents/{id}": {func() *http.Request {
			return e.request("DELETE", "/api/v1/documents/"+e.bareDocument(cityA), nil)
		}, expect(want{"admin": 200, "coordA": 200, "coordB": 404, "expert": 403, "reviewer": 403, "contribA": 403})},
		"POST /api/v1/documents/bulk": {func() *http.Request {
			return e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{docA}, "round": "2018"})
		}, expect(want{"admin": 200, "coordA": 200, "coordB": 200, "expert": 403, "reviewer": 403, "contribA": 403})},
		"GET /api/v1/documents/{id}/original": {func() *http.Request { return e.request("GET", "/api/v1/documents/"+docA+"/original", nil) }, readA()},
		"GET /api/v1/documents/{id}/pages/{page}/thumbnail": {func() *http.Request {
			return e.request("GET", "/api/v1/documents/"+scanA+"/pages/1/thumbnail", nil)
		}, readA()},
		"GET /api/v1/documents/{id}/text": {func() *http.Request { return e.request("GET", "/api/v1/documents/"+docA+"/text", nil) }, readA()},
		"GET /api/v1/documents/{id}/find": {func() *http.Request {
			return e.request("GET", "/api/v1/documents/"+docA+"/find?q="+url.QueryEscape("学习"), nil)
		}, readA()},
		"POST /api/v1/documents/{id}/retry": {func() *http.Request {
			return e.request("POST", "/api/v1/documents/"+e.failedDocument(cityA)+"/retry", nil)
		}, editA(202)},
		"POST /api/v1/documents/{id}/restore": {func() *http.Request {
			return e.request("POST", "/api/v1/documents/"+e.deletedDocument(cityA)+"/restore", nil)
		}, editA(200)},
		"POST /api/v1/documents/{id}/original": {func() *http.Request {
			return e.request("POST", "/api/v1/documents/"+e.failedDocument(cityA)+"/original",
				uploadBody(nil, map[string][]byte{"替换.txt": []byte(p("替换文件 %d", time.Now().UnixNano()))}))
		}, editA(202)},
		"GET /api/v1/documents/{id}/suggestions": {func() *http.Request { return e.request("GET", "/api/v1/documents/"+docA+"/suggestions", nil) }, readA()},
		"GET /api/v1/search":                     {func() *http.Request { return e.request("GET", "/api/v1/search?q=学分银行", nil) }, all(200)},
		"POST /api/v1/search": {func() *http.Request {
			return e.request("POST", "/api/v1/search", map[string]any{"q": "学分银行"})
		}, all(200)},
		"POST /api/v1/links": {func() *http.Request {
			return e.request("POST", "/api/v1/links", map[string]any{"document_id": e.bareDocument(cityA), "indicator": "2.3.1"})
		}, editA(201)},
		"DELETE /api/v1/links/{id}": {func() *http.Request {
			return e.request("DELETE", "/api/v1/links/"+e.link(e.bareDocument(cityA), "2.3.1"), nil)
		}, editA(200)},
		"POST /api/v1/links/{id}/restore": {func() *http.Request {
			return e.request("POST", "/api/v1/links/"+e.droppedLink(cityA)+"/restore?round=2017", nil)
		}, editA(200)},
		"GET /api/v1/indicators":                 {func() *http.Request { return e.request("GET", "/api/v1/indicators", nil) }, all(200)},
		"GET /api/v1/indicators/{code}/evidence": {func() *http.Request { return e.request("GET", "/api/v1/indicators/2.3.1/evidence", nil) }, all(200)},
		"POST /api/v1/framework": {func() *http.Request {
			return e.request("POST", "/api/v1/framework", uploadBody(nil, map[string][]byte{"demo.yaml": framework.Demo}))
		}, adminOnly(201)},
		"GET /api/v1/coverage": {func() *http.Request { return e.request("GET", "/api/v1/coverage", nil) }, all(200)},
		"GET /api/v1/cities":   {func() *http.Request { return e.request("GET", "/api/v1/cities", nil) }, all(200)},
		"POST /api/v1/cities": {func() *http.Request {
			return e.request("POST", "/api/v1/cities", map[string]any{"code": p("32%04d", 1000+e.next()), "name": "南京"})
		}, adminOnly(201)},
		"GET /api/v1/rounds": {func() *http.Request { return e.request("GET", "/api/v1/rounds", nil) }, all(200)},
		"POST /api/v1/rounds": {func() *http.Request {
			return e.request("POST", "/api/v1/rounds", map[string]any{"year": e.unusedYear()})
		}, adminOnly(201)},
		"PATCH /api/v1/rounds/{year}": {func() *http.Request {
			return e.request("PATCH", p("/api/v1/rounds/%d", e.currentRound()), map[string]any{"current": true})
		}, adminOnly(200)},
		"GET /api/v1/rounds/{year}/indicators": {func() *http.Request { return e.request("GET", "/api/v1/rounds/2017/indicators", nil) }, all(200)},
		"PATCH /api/v1/rounds/{year}/indicators/{code}": {func() *http.Request {
			return e.request("PATCH", p("/api/v1/rounds/%d/indicators/2.3.1", e.keptRound()), map[string]any{"name": p("指标第%d稿", e.next())})
		}, adminOnly(200)},
		"GET /api/v1/users": {func() *http.Request { return e.request("GET", "/api/v1/users", nil) }, adminOnly(200)},
		"POST /api/v1/users": {func() *http.Request {
			return e.request("POST", "/api/v1/users", map[string]any{"username": p("new%d", e.next()), "role": "expert"})
		}, adminOnly(201)},
		"PATCH /api/v1/users/{name}": {func() *http.Request {
			name := p("bumen%d", e.next())
			e.te.AddUserIn(name, "contributor", cityA, "市教育局")
			d, err := e.cat.Department(context.Background(), e.department())
			if err != nil {
				t.Fatal(err)
			}
			return e.request("PATCH", "/api/v1/users/"+name, map[string]any{"department": d.Name})
		}, adminOnly(200)},
		"POST /api/v1/users/{name}/disable": {func() *http.Request { return e.request("POST", "/api/v1/users/dummy/disable", nil) }, adminOnly(200)},
		"POST /api/v1/users/{name}/enable":  {func() *http.Request { return e.request("POST", "/api/v1/users/dummy/enable", nil) }, adminOnly(200)},
		"POST /api/v1/users/{name}/password": {func() *http.Request {
			return e.request("POST", "/api/v1/users/dummy/password", `{"password":"学习型城市建设2017"}`)
		}, adminOnly(200)},
		"GET /api/v1/tokens":  {func() *http.Request { return e.request("GET", "/api/v1/tokens", nil) }, all(200)},
		"POST /api/v1/tokens": {func() *http.Request { return e.request("POST", "/api/v1/tokens", `{"label":"脚本"}`) }, all(201)},
		"DELETE /api/v1/tokens/{id}": {func() *http.Request {
			id, err := e.cat.CreateToken(context.Background(), "dummy", p("ev_dummy%d", e.next()), "", "test")
			if err != nil {
				t.Fatal(err)
			}
			return e.request("DELETE", "/api/v1/tokens/"+id, nil)
		}, expect(want{"admin": 200, "coordA": 404, "coordB": 404, "expert": 404, "reviewer": 404, "contribA": 404})},
		"GET /api/v1/events":        {func() *http.Request { return e.request("GET", "/api/v1/events", nil) }, adminOnly(200)},
		"GET /api/v1/admin/reread":  {func() *http.Request { return e.request("GET", "/api/v1/admin/reread", nil) }, adminOnly(200)},
		"POST /api/v1/admin/reread": {func() *http.Request { return e.request("POST", "/api/v1/admin/reread", nil) }, adminOnly(202)},
		"POST /api/v1/claims":       {func() *http.Request { return e.request("POST", "/api/v1/claims", claimBody) }, expect(want{"admin": 201, "coordA": 201, "coordB": 403, "expert": 403, "reviewer": 403, "contribA": 403})},
		"GET /api/v1/claims":        {func() *http.Request { return e.request("GET", "/api/v1/claims", nil) }, all(200)},
		"GET /api/v1/claims/{id}":   {func() *http.Request { return e.request("GET", "/api/v1/claims/"+claimA, nil) }, readA()},
		"PATCH /api/v1/claims/{id}": {func() *http.Request {
			return e.request("PATCH", "/api/v1/claims/"+claimA, `{"statement":"杭州市建立了学分银行并运行"}`)
		}, editA(200)},
		"POST /api/v1/claims/{id}/citations": {func() *http.Request {
			return e.request("POST", "/api/v1/claims/"+claimA+"/citations", map[string]any{"document_id": docA, "page": 1, "quote": "学习成果认证"})
		}, editA(201)},
		"DELETE /api/v1/claims/{id}/citations/{n}": {func() *http.Request {
			return e.request("DELETE", "/api/v1/claims/"+e.claimWithTwo(docA)+"/citations/2", nil)
		}, editA(200)},
		"POST /api/v1/claims/{id}/reviews": {func() *http.Request {
			return e.request("POST", "/api/v1/claims/"+e.claim(docA)+"/reviews", `{"verdict":"verified"}`)
		}, expect(want{"admin": 201, "coordA": 403, "coordB": 403, "expert": 403, "reviewer": 201, "contribA": 403})},
		"POST /api/v1/claims/{id}/withdraw": {func() *http.Request {
			return e.request("POST", "/api/v1/claims/"+e.claim(docA)+"/withdraw", `{"reason":"重复填报"}`)
		}, editA(200)},
		"GET /api/v1/claims/{id}/candidates": {func() *http.Request { return e.request("GET", "/api/v1/claims/"+claimA+"/candidates", nil) }, readA()},
		"GET /api/v1/originals/{sha256}":     {func() *http.Request { return e.request("GET", "/api/v1/originals/"+shaA, nil) }, readA()},
		"POST /api/v1/assignments/import": {func() *http.Request {
			return e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
				map[string][]byte{"责任分解表.csv": []byte(responsibilityTable)}))
		}, expect(want{"admin": 201, "coordA": 201, "coordB": 403, "expert": 403, "reviewer": 403, "contribA": 403})},
		"POST /api/v1/assignments": {func() *http.Request {
			return e.request("POST", "/api/v1/assignments", map[string]any{"city": cityA, "round": 2018, "indicator": "1.1.3",
				"department": p("市第%d局", e.next()), "due": "2018-05-01", "requirement": "领导小组成立文件"})
		}, expect(want{"admin": 201, "coordA": 201, "coordB": 403, "expert": 403, "reviewer": 403, "contribA": 403})},
		"POST /api/v1/assignments/copy": {func() *http.Request {
			e.previousTable()
			return e.request("POST", "/api/v1/assignments/copy", map[string]any{"city": cityA, "round": 2018})
		}, expect(want{"admin": 201, "coordA": 201, "coordB": 403, "expert": 403, "reviewer": 403, "contribA": 403})},
		"GET /api/v1/departments": {func() *http.Request { return e.request("GET", "/api/v1/departments?city="+cityA, nil) }, readA()},
		"POST /api/v1/departments": {func() *http.Request {
			return e.request("POST", "/api/v1/departments", map[string]any{"city": cityA, "name": p("市第%d局", e.next())})
		}, writeA(201)},
		"PATCH /api/v1/departments/{id}": {func() *http.Request {
			return e.request("PATCH", "/api/v1/departments/"+e.department(), map[string]any{"name": p("市第%d局", e.next())})
		}, manageA(200)},
		"DELETE /api/v1/departments/{id}": {func() *http.Request {
			return e.request("DELETE", "/api/v1/departments/"+e.department(), nil)
		}, manageA(200)},
		"GET /api/v1/assignments": {func() *http.Request { return e.request("GET", "/api/v1/assignments?city="+cityA, nil) }, readA()},
		"GET /api/v1/assignments/{id}": {func() *http.Request {
			return e.request("GET", "/api/v1/assignments/"+e.submittedTask(), nil)
		}, readA()},
		"DELETE /api/v1/assignments/{id}": {func() *http.Request {
			return e.request("DELETE", "/api/v1/assignments/"+e.mistakenTask(), nil)
		}, expect(want{"admin": 200, "coordA": 200, "coordB": 404, "expert": 403, "reviewer": 403, "contribA": 404})},
		"GET /api/v1/assignments/progress": {func() *http.Request { return e.request("GET", "/api/v1/assignments/progress?city="+cityA, nil) }, readA()},
		"POST /api/v1/assignments/{id}/return": {func() *http.Request {
			return e.request("POST", "/api/v1/assignments/"+e.submittedTask()+"/return", `{"reason":"缺少文号"}`)
		}, manageA(200)},
		"POST /api/v1/assignments/{id}/accept": {func() *http.Request {
			return e.request("POST", "/api/v1/assignments/"+e.submittedTask()+"/accept", nil)
		}, manageA(200)},
		"POST /api/v1/assignments/{id}/hand-in-linked": {func() *http.Request {
			id, doc := e.readLinkedTask()
			return e.request("POST", "/api/v1/assignments/"+id+"/hand-in-linked", map[string]any{"document_id": doc})
		}, expect(want{"admin": 200, "coordA": 200, "coordB": 404, "expert": 403, "reviewer": 403, "contribA": 200})},
		"POST /api/v1/assignments/{id}/withdraw": {func() *http.Request {
			id := e.submittedTask()
			a, err := e.cat.Assignment(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			// The file just handed in: an earlier case returned the task's
			// first one, and a returned file is not withdrawn (409).
			return e.request("POST", "/api/v1/assignments/"+id+"/withdraw", map[string]any{"document_id": a.Documents[len(a.Documents)-1]})
		}, expect(want{"admin": 200, "coordA": 200, "coordB": 404, "expert": 403, "reviewer": 403, "contribA": 200})},
		"POST /api/v1/values": {func() *http.Request { return e.request("POST", "/api/v1/values", valueBody) }, writeA(201)},
		"GET /api/v1/values":  {func() *http.Request { return e.request("GET", "/api/v1/values", nil) }, all(200)},
		"POST /api/v1/values/import": {func() *http.Request {
			return e.request("POST", "/api/v1/values/import", uploadBody(map[string]string{"city": cityA, "round": "2017"},
				map[string][]byte{"ledger.xlsx": ledgerXLSX(t, docNum)}))
		}, writeA(201)},
		"GET /api/v1/values/{id}": {func() *http.Request { return e.request("GET", "/api/v1/values/"+valueA, nil) }, readA()},
		"POST /api/v1/values/{id}/reviews": {func() *http.Request {
			return e.request("POST", "/api/v1/values/"+e.value(docNum)+"/reviews", `{"verdict":"verified"}`)
		}, expect(want{"admin": 201, "coordA": 403, "coordB": 403, "expert": 403, "reviewer": 201, "contribA": 403})},
		"POST /api/v1/rounds/{year}/carryover": {func() *http.Request {
			return e.request("POST", "/api/v1/rounds/2018/carryover", map[string]any{"city": cityA})
		}, editA(201)},
		"DELETE /api/v1/rounds/{year}": {func() *http.Request {
			return e.request("DELETE", p("/api/v1/rounds/%d", e.emptyRound()), nil)
		}, adminOnly(200)},
		"GET /api/v1/carryovers": {func() *http.Request { return e.request("GET", "/api/v1/carryovers?round=2018", nil) }, all(200)},
		"POST /api/v1/carryovers/{id}": {func() *http.Request {
			return e.request("POST", "/api/v1/carryovers/"+e.carried(), `{"action":"confirm"}`)
		}, editA(200)},
		"GET /api/v1/reports/{city}": {func() *http.Request {
			return e.request("GET", "/api/v1/reports/"+cityA+"?round=2017&format=docx", nil)
		}, readA()},
		"GET /api/v1/packs/{city}": {func() *http.Request {
			// A round of its own: other rows add 2017 documents without originals.
			return e.request("GET", p("/api/v1/packs/%s?round=%d", cityA, e.emptyRound()), nil)
		}, readA()},
		"GET /api/v1/assignments/missing.xlsx": {func() *http.Request {
			return e.request("GET", "/api/v1/assignments/missing.xlsx?city="+cityA, nil)
		}, manageA(200)},
		"POST /api/v1/documents/{id}/notes": {func() *http.Request {
			return e.request("POST", "/api/v1/documents/"+docA+"/notes", `{"body":"学分银行的认证办法未见正式文件","page":1,"quote":"学分银行"}`)
		}, notesA(201)},
		"GET /api/v1/documents/{id}/notes": {func() *http.Request { return e.request("GET", "/api/v1/documents/"+docA+"/notes", nil) }, notesA(200)},
		"GET /api/v1/notes":                {func() *http.Request { return e.request("GET", "/api/v1/notes?author=expert", nil) }, notesA(200)},
		"GET /api/v1/search/export":        {func() *http.Request { return e.request("GET", "/api/v1/search/export?q=学分银行", nil) }, all(200)},
		"GET /api/v1/saved-searches":       {func() *http.Request { return e.request("GET", "/api/v1/saved-searches", nil) }, all(200)},
		"POST /api/v1/saved-searches": {func() *http.Request {
			return e.request("POST", "/api/v1/saved-searches", `{"name":"学分银行","query":"学分银行"}`)
		}, all(201)},
		"GET /api/v1/saved-searches/{id}": {func() *http.Request { return e.request("GET", "/api/v1/saved-searches/"+packSearch, nil) }, all(200)},
		"POST /api/v1/saved-searches/{id}/seen": {func() *http.Request {
			return e.request("POST", "/api/v1/saved-searches/"+packSearch+"/seen", nil)
		}, all(200)},
		"DELETE /api/v1/saved-searches/{id}": {func() *http.Request {
			return e.request("DELETE", "/api/v1/saved-searches/"+e.packSearch(), nil)
		}, expect(want{"admin": 200, "coordA": 403, "coordB": 403, "expert": 200, "reviewer": 403, "contribA": 403})},
		"GET /api/v1/indicators/{code}/query-pack": {func() *http.Request { return e.request("GET", "/api/v1/indicators/2.3.1/query-pack", nil) }, all(200)},
		"GET /api/v1/coverage/compare": {func() *http.Request {
			return e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds=2017,2018", nil)
		}, readA()},
	}

	routes := Routes()
	for _, r := range routes {
		if _, ok := rows[r]; !ok {
			t.Errorf("endpoint %q has no row in the authorization matrix", r)
		}
	}
	for pattern := range rows {
		if !slices.Contains(routes, pattern) {
			t.Errorf("matrix row %q is not an endpoint", pattern)
		}
	}
	for pattern, row := range rows {
		for _, role := range roles {
			resp, body := e.do(row.req(), role)
			if got, w := resp.StatusCode, row.want[role]; got != w {
				t.Errorf("%s as %s: %d, want %d (%v)", pattern, role, got, w, body["error"])
			}
			if resp.StatusCode >= 400 && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Errorf("%s as %s: error is not JSON", pattern, role)
			}
		}
	}
}
