package api

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testenv"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
)

func TestCoordinatorSearchSeesOnlyTheirCity(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "hz.txt", "杭州市建立学分银行。")
	e.upload(cityB, "cd.txt", "成都市建立学分银行。")
	e.upload("430100", "cs.txt", "长沙市建立学分银行。")
	for _, tc := range []struct {
		role, query string
		total       float64
		cities      []string
	}{
		{"expert", "q=学分银行", 3, []string{cityA, cityB, "430100"}},
		{"coordA", "q=学分银行", 1, []string{cityA}},
		{"coordA", "q=学分银行&city=" + cityB, 0, nil}, // asking for another city does not widen the scope
		{"coordA", "q=学分银行&city=" + cityB + "," + cityA, 1, []string{cityA}},
		{"coordB", "q=学分银行", 1, []string{cityB}},
	} {
		_, body := e.do(e.request("GET", "/api/v1/search?"+tc.query, nil), tc.role)
		if body["total"] != tc.total {
			t.Errorf("%s %s: total %v, want %v", tc.role, tc.query, body["total"], tc.total)
		}
		var facetCities []string
		for _, f := range body["facets"].(map[string]any)["city"].([]any) {
			facetCities = append(facetCities, f.(map[string]any)["value"].(string))
		}
		for _, h := range body["hits"].([]any) {
			if c := h.(map[string]any)["city"].(string); !contains(tc.cities, c) {
				t.Errorf("%s %s: hit from city %s", tc.role, tc.query, c)
			}
		}
		if len(facetCities) != len(tc.cities) {
			t.Errorf("%s %s: facet cities %v, want %v", tc.role, tc.query, facetCities, tc.cities)
		}
	}
	// The document list and coverage are scoped the same way.
	_, list := e.do(e.request("GET", "/api/v1/documents", nil), "coordA")
	if list["total"] != float64(1) {
		t.Errorf("coordA document list total %v", list["total"])
	}
	// A listing out of scope is empty, not an error (catalog/scope.go).
	resp, cov := e.do(e.request("GET", "/api/v1/coverage?city="+cityB, nil), "coordA")
	if resp.StatusCode != http.StatusOK || len(cov["cities"].([]any)) != 0 {
		t.Errorf("coordA coverage of city B: %d %v, want 200 without cities", resp.StatusCode, cov["cities"])
	}
	// …and says why in the words /compare's 404 gives (probe s29 §10).
	resp, cmp := e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityB, nil), "coordA")
	apiErr, _ := cmp["error"].(map[string]any)
	msg, _ := apiErr["message"].(string)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(msg, "不在您的账号可查看的城市范围内") {
		t.Fatalf("coordA compare of city B: %d %v, want 404 saying the city is out of the account's scope", resp.StatusCode, cmp)
	}
	if cov["out_of_scope"] != msg || cov["out_of_scope_en"] != apiErr["message_en"] {
		t.Errorf("coordA coverage of city B says out_of_scope %q / %q, want %q as compare says, and its English", cov["out_of_scope"], cov["out_of_scope_en"], msg)
	}
	if _, own := e.do(e.request("GET", "/api/v1/coverage?city="+cityA, nil), "coordA"); own["out_of_scope"] != nil {
		t.Errorf("coordA coverage of its own city says out_of_scope %q", own["out_of_scope"])
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestXSSProbesComeBackEscaped(t *testing.T) {
	e := newEnv(t)
	probe := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(
		map[string]string{"city": cityA, "doc_type": "policy", "title": "标题" + probe},
		map[string][]byte{probe + ".txt": []byte("学分银行" + probe + "学分银行制度")})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	id := body["documents"].([]any)[0].(map[string]any)["id"].(string)
	e.te.WaitIndexed(id)
	_, res := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("学分银行"), nil), "admin")
	hit := res["hits"].([]any)[0].(map[string]any)
	if strings.Contains(hit["filename"].(string), "/") {
		t.Errorf("filename kept a path: %q", hit["filename"])
	}
	for _, f := range hit["fragments"].([]any) {
		h := f.(map[string]any)["html"].(string)
		stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h)
		if strings.ContainsAny(stripped, "<>") {
			t.Errorf("fragment has markup besides <mark>: %s", h)
		}
		if !strings.Contains(h, "&lt;script&gt;") {
			t.Errorf("fragment lost the escaped probe: %s", h)
		}
	}
	// A query with markup is refused or echoed as data, never as HTML.
	resp, body = e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("<b>，</b>"), nil), "admin")
	if resp.StatusCode != 200 && resp.StatusCode != 400 {
		t.Errorf("markup query: %d %v", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("markup query answered as %s", ct)
	}
	orig, _ := e.do(e.request("GET", "/api/v1/documents/"+id+"/original", nil), "admin")
	if cd := orig.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("original served as %q, want an attachment", cd)
	}
	if orig.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(orig.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("original headers %v", orig.Header)
	}
	// Only a PDF may be shown inline; a text file asking for it is still a
	// sandboxed download.
	inline, _ := e.do(e.request("GET", "/api/v1/documents/"+id+"/original?inline=1", nil), "admin")
	if cd := inline.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(inline.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("inline text original served as %q with %q", cd, inline.Header.Get("Content-Security-Policy"))
	}
}

func (e *env) mustDoc(id string) *catalog.Document {
	d, err := e.cat.Document(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

func TestLoginThrottlingAnswers429WithRetryAfter(t *testing.T) {
	e := newEnv(t)
	// A clock that stands still makes the wait exactly the 10-minute window.
	now := time.Now()
	srv := e.serverWithClock(func() time.Time { return now }, 0)
	login := func(pw string) (*http.Response, map[string]any) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/login", strings.NewReader(`{"username":"expert","password":"`+pw+`"}`))
		req.Header.Set("Content-Type", "application/json")
		return e.do(req, "none")
	}
	for i := 0; i < 10; i++ {
		if resp, _ := login("wrong-password-" + strconv.Itoa(i)); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, resp.StatusCode)
		}
	}
	resp, body := login(testenv.Password) // even the right password waits
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("11th attempt: %d, want 429", resp.StatusCode)
	}
	if ra := resp.Header.Get("Retry-After"); ra != "600" {
		t.Errorf("Retry-After %q, want 600 (the wait in whole seconds, rounded up)", ra)
	}
	if e, _ := body["error"].(map[string]any); e["code"] != "ETHROTTLED" || !strings.Contains(e["message"].(string), "10 分钟") {
		t.Errorf("throttled body %v, want ETHROTTLED saying 10 分钟", body)
	}
	events, _ := e.cat.FindEvents(context.Background(), catalog.EventFilter{User: "expert", Action: "login."})
	fails, throttled := 0, 0
	for _, ev := range events {
		switch ev.Action {
		case "login.fail":
			fails++
		case "login.throttled":
			throttled++
		}
	}
	if fails != 10 || throttled != 1 {
		t.Errorf("audit: %d failures, %d throttled", fails, throttled)
	}
}

// browser is a client with a cookie jar, as a web page would be.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

// serverWithClock serves the API with an authenticator of its own on the
// given clock (and session TTL, 0 for the default).
func (e *env) serverWithClock(now func() time.Time, ttl time.Duration) *httptest.Server {
	a := auth.NewAuthenticator(e.cat, ttl)
	a.SetClock(now)
	d := e.deps
	d.Auth = a
	srv := httptest.NewServer(NewHandler(d))
	e.t.Cleanup(srv.Close)
	return srv
}

func TestSessionsNeedCSRFAndExpire(t *testing.T) {
	e := newEnv(t)
	var mu sync.Mutex
	now := time.Now()
	short := e.serverWithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }, time.Hour)
	c := browser(t)
	resp, err := c.PostForm(short.URL+"/api/v1/login", url.Values{"username": {"admin"}, "password": {testenv.Password}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login: %v %v", resp, err)
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == auth.CookieName {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v", cookie)
	}
	var login map[string]any
	decodeJSON(t, resp, &login)
	csrf := login["csrf_token"].(string)

	if resp, _ := c.Get(short.URL + "/api/v1/me"); resp.StatusCode != 200 {
		t.Errorf("GET with session: %d", resp.StatusCode)
	}
	post := func(token string) int {
		req, _ := http.NewRequest("POST", short.URL+"/api/v1/tokens", strings.NewReader(`{"label":"x"}`))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("X-CSRF-Token", token)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(""); got != http.StatusForbidden {
		t.Errorf("POST with session and no CSRF token: %d, want 403", got)
	}
	if got := post("forged"); got != http.StatusForbidden {
		t.Errorf("POST with a wrong CSRF token: %d, want 403", got)
	}
	if got := post(csrf); got != http.StatusCreated {
		t.Errorf("POST with the CSRF token: %d, want 201", got)
	}
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	if resp, _ := c.Get(short.URL + "/api/v1/me"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET after the session expired: %d, want 401", resp.StatusCode)
	}
}

func TestRevokedAndDisabledCredentialsStopWorking(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/tokens", `{"label":"同步脚本"}`), "expert")
	if resp.StatusCode != 201 {
		t.Fatalf("create token: %d %v", resp.StatusCode, body)
	}
	e.tokens["script"] = body["token"].(string)
	if resp, _ := e.do(e.request("GET", "/api/v1/me", nil), "script"); resp.StatusCode != 200 {
		t.Fatalf("new token refused: %d", resp.StatusCode)
	}
	_, list := e.do(e.request("GET", "/api/v1/tokens", nil), "expert")
	if n := len(list["tokens"].([]any)); n != 2 {
		t.Errorf("expert has %d tokens, want 2", n)
	}
	if resp, _ := e.do(e.request("DELETE", "/api/v1/tokens/"+body["id"].(string), nil), "expert"); resp.StatusCode != 200 {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if resp, _ := e.do(e.request("GET", "/api/v1/me", nil), "script"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", resp.StatusCode)
	}
	if resp, _ := e.do(e.request("POST", "/api/v1/users/expert/disable", nil), "admin"); resp.StatusCode != 200 {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := e.do(e.request("GET", "/api/v1/me", nil), "expert"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("disabled user's token: %d, want 401", resp.StatusCode)
	}
	resp, _ = e.do(e.request("POST", "/api/v1/login", `{"username":"expert","password":"学习型城市建设2017"}`), "none")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("disabled user's login: %d", resp.StatusCode)
	}
}

func TestEveryMutationIsAudited(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "a.txt", "杭州市建立学分银行。")
	steps := []struct {
		method, path string
		body         any
		role, action string
	}{
		{"PATCH", "/api/v1/documents/" + id, `{"title":"杭州市学分银行建设方案"}`, "coordA", "document.edit"},
		{"POST", "/api/v1/links", map[string]any{"document_id": id, "indicator": "2.3.1"}, "coordA", "link.create"},
		{"POST", "/api/v1/users", map[string]any{"username": "zhao", "role": "reviewer"}, "admin", "user.create"},
		{"POST", "/api/v1/users/zhao/disable", nil, "admin", "user.disable"},
		{"POST", "/api/v1/users/zhao/password", `{"password":"新的密码要足够长才安全"}`, "admin", "user.password_reset"},
		{"POST", "/api/v1/tokens", `{"label":"x"}`, "expert", "token.create"},
		{"DELETE", "/api/v1/documents/" + id, nil, "admin", "document.delete"},
	}
	for _, s := range steps {
		resp, body := e.do(e.request(s.method, s.path, s.body), s.role)
		if resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %v", s.method, s.path, resp.StatusCode, body)
		}
		events, _ := e.cat.FindEvents(context.Background(), catalog.EventFilter{Action: s.action})
		if len(events) == 0 || events[0].User != s.role {
			t.Errorf("%s %s: no %s event by %s (%+v)", s.method, s.path, s.action, s.role, events)
		}
	}
	_, linkList := e.do(e.request("GET", "/api/v1/events?object="+id, nil), "admin")
	var actions []string
	for _, ev := range linkList["events"].([]any) {
		actions = append(actions, ev.(map[string]any)["action"].(string))
	}
	for _, want := range []string{"document.upload", "document.edit", "link.create", "document.delete"} {
		if !contains(actions, want) {
			t.Errorf("events of %s: %v lack %s", id, actions, want)
		}
	}
	// Deleted documents are gone from reads and search.
	if resp, _ := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "admin"); resp.StatusCode != 404 {
		t.Errorf("deleted document: %d", resp.StatusCode)
	}
	if _, res := e.do(e.request("GET", "/api/v1/search?q=学分银行", nil), "admin"); res["total"] != float64(0) {
		t.Errorf("deleted document still found: %v", res["total"])
	}
}
