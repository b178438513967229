package api

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

func claimStatus(t *testing.T, e *env, id string) string {
	t.Helper()
	_, body := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "admin")
	return body["claim"].(map[string]any)["status"].(string)
}

func TestClaimCitationsAreCheckedAgainstTheText(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "总结.txt", "杭州市2017年社区教育工作总结\f2017 年全年共举办\n342 场市民大讲堂,参与市民超过八万人次。\f建立学分银行。")
	other := e.upload(cityB, "成都.txt", "成都市建立学分银行。")
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{
		"indicator": "3.1.2", "statement": "2017年全年共举办342场大讲堂",
		"citations": []map[string]any{
			{"document_id": doc, "page": 2, "quote": "2017年全年共举办３４２场市民大讲堂"},
			{"document_id": doc, "page": 2, "quote": "建立学分银行"},
			{"document_id": doc, "page": 1, "quote": "举办了五百场"},
		}}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create claim: %d %v", resp.StatusCode, body)
	}
	c := body["claim"].(map[string]any)
	if c["status"] != "pending" || c["city"] != cityA || c["round"] != float64(2018) {
		t.Errorf("claim %v", c)
	}
	want := []struct {
		found bool
		page  float64
	}{{true, 2}, {false, 3}, {false, 0}}
	for i, cit := range c["citations"].([]any) {
		cit := cit.(map[string]any)
		if cit["quote_found"] != want[i].found || cit["found_on_page"] != want[i].page {
			t.Errorf("citation %d: found %v on %v, want %v on %v", i+1, cit["quote_found"], cit["found_on_page"], want[i].found, want[i].page)
		}
	}
	_, view := e.do(e.request("GET", "/api/v1/claims/"+c["id"].(string), nil), "reviewer")
	ctx := view["claim"].(map[string]any)["citations"].([]any)[0].(map[string]any)["context"].(string)
	// Stored text is normalised, so the PDF-style spaces are gone; the
	// full-width digits of the quote still matched.
	if !strings.Contains(ctx, "<mark>2017年全年共举办342场市民大讲堂</mark>") {
		t.Errorf("citation context %q", ctx)
	}

	bad := []struct {
		body   map[string]any
		status int
		phrase string
	}{
		{map[string]any{"indicator": "3.1.2", "statement": "  "}, 400, "不能为空"},
		{map[string]any{"indicator": "3.1", "statement": "举办大讲堂"}, 400, "关键指标"},
		{map[string]any{"indicator": "3.1.2", "statement": "举办大讲堂", "citations": []map[string]any{{"document_id": other, "page": 1, "quote": "学分银行"}}}, 400, "不存在"}, // another city's: not named to a coordinator
		{map[string]any{"indicator": "3.1.2", "statement": "举办大讲堂", "citations": []map[string]any{{"document_id": doc, "page": 7, "quote": "大讲堂"}}}, 400, "页码 7 不存在"},
		{map[string]any{"indicator": "3.1.2", "statement": "举办大讲堂", "citations": []map[string]any{{"document_id": "NOPE", "page": 1, "quote": "大讲堂"}}}, 400, "NOPE"},
		{map[string]any{"indicator": "3.1.2", "statement": "举办大讲堂", "round": 1999}, 400, "轮次"},
	}
	for _, tt := range bad {
		resp, body := e.do(e.request("POST", "/api/v1/claims", tt.body), "coordA")
		msg, _ := body["error"].(map[string]any)["message"].(string)
		if resp.StatusCode != tt.status || !strings.Contains(msg, tt.phrase) {
			t.Errorf("claim %v: %d %q, want %d with %q", tt.body, resp.StatusCode, msg, tt.status, tt.phrase)
		}
	}
	_, list := e.do(e.request("GET", "/api/v1/claims", nil), "admin")
	if n := len(list["claims"].([]any)); n != 1 {
		t.Fatalf("%d claims stored, want only the good one", n)
	}
	// The list gives each claim's citations as its own page does; it
	// answered "citations":[].
	listed := list["claims"].([]any)[0].(map[string]any)["citations"].([]any)
	if len(listed) != 3 || listed[1].(map[string]any)["quote"] != "建立学分银行" || listed[2].(map[string]any)["quote_found"] != false {
		t.Errorf("listed claim's citations %v, want the three in order", listed)
	}
}

func TestCandidatesPutThePassageWithTheNumbersFirst(t *testing.T) {
	e := newEnv(t)
	lectures := e.upload(cityA, "讲座.txt", "杭州市2017年全年共举办120场市民讲座,大讲堂活动丰富。")
	right := e.upload(cityA, "总结.txt", "前言。\f2017年全年共举办342场市民大讲堂,参与市民超过八万人次。")
	e.upload(cityB, "成都.txt", "成都市2017年全年共举办342场大讲堂。")
	e.link(lectures, "3.1.2")
	// A claim needs one citation; the candidates find the better one.
	id := e.createClaim("coordA", map[string]any{"indicator": "3.1.2", "statement": "2017年全年共举办342场大讲堂",
		"citations": []map[string]any{{"document_id": lectures, "page": 1, "quote": "大讲堂活动丰富"}}})
	_, body := e.do(e.request("GET", "/api/v1/claims/"+id+"/candidates", nil), "coordA")
	cands := body["candidates"].([]any)
	if len(cands) < 2 {
		t.Fatalf("candidates %v", cands)
	}
	first := cands[0].(map[string]any)
	if first["document_id"] != right || first["page"] != float64(2) || first["all_numbers"] != true {
		t.Errorf("first candidate %v, want the passage with 2017 and 342 on page 2 of %s", first, right)
	}
	for _, c := range cands {
		c := c.(map[string]any)
		if c["document_id"] != right && c["document_id"] != lectures {
			t.Errorf("candidate from another city: %v", c)
		}
		if c["document_id"] == lectures && c["linked"] != true {
			t.Errorf("linked document not marked linked: %v", c)
		}
	}
}

func (e *env) createClaim(role string, body map[string]any) string {
	e.t.Helper()
	resp, out := e.do(e.request("POST", "/api/v1/claims", body), role)
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("create claim: %d %v", resp.StatusCode, out)
	}
	return out["claim"].(map[string]any)["id"].(string)
}

func TestReviewSendBackCycle(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "条例.txt", "2014年颁布实施《杭州市终身教育促进条例》。")
	note := e.upload(cityA, "公告.txt", "杭州市人大常委会公告:《杭州市终身教育促进条例》自2014年9月1日起施行。")
	id := e.createClaim("coordA", map[string]any{"indicator": "1.1.2", "statement": "2014年颁布实施《杭州市终身教育促进条例》",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "颁布实施《杭州市终身教育促进条例》"}}})

	review := func(role, verdict, comment string) (int, map[string]any) {
		resp, body := e.do(e.request("POST", "/api/v1/claims/"+id+"/reviews", map[string]any{"verdict": verdict, "comment": comment}), role)
		return resp.StatusCode, body
	}
	if st, _ := review("expert", "verified", ""); st != 403 {
		t.Errorf("verdict by an expert: %d", st)
	}
	if st, _ := review("reviewer", "insufficient", ""); st != 400 {
		t.Errorf("sending back without a reason: %d", st)
	}
	if st, _ := review("reviewer", "maybe", "x"); st != 400 {
		t.Errorf("unknown verdict: %d", st)
	}
	if st, body := review("reviewer", "insufficient", "需要人大公告佐证施行日期"); st != 201 {
		t.Fatalf("insufficient: %d %v", st, body)
	}
	if got := claimStatus(t, e, id); got != "insufficient" {
		t.Fatalf("status %s", got)
	}
	coverageCell := func(code string) map[string]any {
		t.Helper()
		_, cov := e.do(e.request("GET", "/api/v1/coverage?city="+cityA, nil), "admin")
		for _, c := range cov["cities"].([]any)[0].(map[string]any)["cells"].([]any) {
			if c := c.(map[string]any); c["code"] == code {
				return c
			}
		}
		t.Fatalf("coverage has no cell %s", code)
		return nil
	}
	if c := coverageCell("1.1.2"); c["insufficient"] != float64(1) || c["verified"] != float64(0) {
		t.Errorf("coverage cell of a claim sent back 证据不足: %v, want insufficient 1", c)
	}
	_, queue := e.do(e.request("GET", "/api/v1/claims?status=pending", nil), "reviewer")
	if len(queue["claims"].([]any)) != 0 {
		t.Errorf("sent-back claim still in the queue")
	}
	if st, _ := review("reviewer", "verified", ""); st != 409 {
		t.Errorf("second verdict before any change: %d", st)
	}
	resp, body := e.do(e.request("POST", "/api/v1/claims/"+id+"/citations", map[string]any{"document_id": note, "page": 1, "quote": "自2014年9月1日起施行"}), "coordA")
	if resp.StatusCode != 201 {
		t.Fatalf("add citation: %d %v", resp.StatusCode, body)
	}
	_, queue = e.do(e.request("GET", "/api/v1/claims?status=pending&city="+cityA, nil), "reviewer")
	if len(queue["claims"].([]any)) != 1 {
		t.Errorf("changed claim not back in the queue")
	}
	if st, _ := review("reviewer", "verified", ""); st != 201 {
		t.Fatalf("verify: %d", st)
	}
	_, view := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "coordA")
	var actions []string
	for _, h := range view["history"].([]any) {
		h := h.(map[string]any)
		actions = append(actions, h["user"].(string)+":"+h["action"].(string))
	}
	if strings.Join(actions, " ") != "coordA:claim.create reviewer:claim.review coordA:claim.cite reviewer:claim.review" {
		t.Errorf("history %v", actions)
	}
	if n := len(view["reviews"].([]any)); n != 2 {
		t.Errorf("%d reviews", n)
	}
	_, cov := e.do(e.request("GET", "/api/v1/coverage?city="+cityA, nil), "admin")
	for _, c := range cov["cities"].([]any)[0].(map[string]any)["cells"].([]any) {
		c := c.(map[string]any)
		if c["code"] == "1.1.2" && (c["claims"] != float64(1) || c["verified"] != float64(1) || c["insufficient"] != float64(0)) {
			t.Errorf("coverage cell %v", c)
		}
	}

	// Deleting a cited document reopens the claim; the bytes stay.
	sha := e.mustDoc(note).SHA256
	if resp, _ := e.do(e.request("DELETE", "/api/v1/documents/"+note, nil), "admin"); resp.StatusCode != 200 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if got := claimStatus(t, e, id); got != "pending" {
		t.Errorf("claim citing a deleted document: %s, want pending", got)
	}
	// Its coordinator can still work on it.
	if resp, body := e.do(e.request("PATCH", "/api/v1/claims/"+id, `{"statement":"2014年颁布实施《杭州市终身教育促进条例》,同年9月1日起施行"}`), "coordA"); resp.StatusCode != 200 {
		t.Errorf("edit a claim citing a deleted document: %d %v", resp.StatusCode, body)
	}
	req := e.request("GET", "/api/v1/originals/"+sha, nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["reviewer"])
	r2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if r2.StatusCode != 200 || !bytes.Contains(b, []byte("2014年9月1日")) {
		t.Errorf("original by sha after delete: %d %q", r2.StatusCode, b)
	}

	// Nobody reviews their own claim.
	own := e.createClaim("admin", map[string]any{"city": cityA, "indicator": "1.1.2", "statement": "管理员写的定性描述",
		"citations": []map[string]any{{"document_id": e.upload(cityA, "规划.txt", "杭州市终身教育发展规划。"), "page": 1,
			"quote": "终身教育发展规划"}}})
	resp, _ = e.do(e.request("POST", "/api/v1/claims/"+own+"/reviews", map[string]any{"verdict": "verified"}), "admin")
	if resp.StatusCode != 403 {
		t.Errorf("own claim reviewed: %d", resp.StatusCode)
	}
}

// TestRemoveCitationKeepsTheOthersAndNeverTheLast: DELETE …/citations/{n}
// removes the citation numbered n; the others keep their numbers, and
// the last one left is refused.
func TestRemoveCitationKeepsTheOthersAndNeverTheLast(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	id := e.claimWithTwo(doc)
	resp, body := e.do(e.request("DELETE", "/api/v1/claims/"+id+"/citations/1", nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("remove citation 1: %d %v", resp.StatusCode, body)
	}
	cits := body["claim"].(map[string]any)["citations"].([]any)
	// The one left keeps its number 2: a number names one citation for
	// the claim's life, so 1 is gone, not the one that was 2.
	if len(cits) != 1 || cits[0].(map[string]any)["quote"] != "学分银行" || cits[0].(map[string]any)["number"] != 2.0 {
		t.Errorf("after removing citation 1: %v, want only 学分银行, number 2", cits)
	}
	for _, tt := range []struct {
		path   string
		status int
		phrase string
	}{
		{"/citations/2", 400, "唯一"},
		{"/citations/1", 404, "第 1 条"},
		{"/citations/5", 404, "第 5 条"},
		{"/citations/x", 400, "整数"},
	} {
		resp, body := e.do(e.request("DELETE", "/api/v1/claims/"+id+tt.path, nil), "coordA")
		msg, _ := body["error"].(map[string]any)["message"].(string)
		if resp.StatusCode != tt.status || !strings.Contains(msg, tt.phrase) {
			t.Errorf("DELETE %s: %d %q, want %d with %q", tt.path, resp.StatusCode, msg, tt.status, tt.phrase)
		}
	}
}

// TestClaimMistakesAreListedTogether: a claim sent with several mistakes
// answers the first in message and every one under errors, each with its
// field and English.
func TestClaimMistakesAreListedTogether(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{"statement": " ", "citations": []map[string]any{{}}}), "coordA")
	detail, _ := body["error"].(map[string]any)
	list, _ := detail["errors"].([]any)
	if resp.StatusCode != http.StatusBadRequest || detail["field"] != "indicator" || len(list) != 5 {
		t.Fatalf("a claim with five mistakes: %d %v", resp.StatusCode, body)
	}
	var fields []string
	for _, m := range list {
		m := m.(map[string]any)
		fields = append(fields, m["field"].(string))
		if m["message"] == "" || m["message_en"] == "" || m["message_en"] == m["message"] {
			t.Errorf("mistake %v: want a message in each language", m)
		}
	}
	if got := strings.Join(fields, ","); got != "indicator,statement,document_id,quote,page" {
		t.Errorf("mistakes about %s", got)
	}
	_, body = e.do(e.request("POST", "/api/v1/claims", map[string]any{"indicator": "2.3.1", "statement": " "}), "coordA")
	if detail := body["error"].(map[string]any); detail["field"] != "statement" || len(detail["errors"].([]any)) != 2 {
		t.Errorf("a claim without statement nor citation: %v", body)
	}
	if _, body = e.do(e.request("POST", "/api/v1/claims", map[string]any{"indicator": "2.3.1", "statement": "杭州市建立了学分银行"}), "coordA"); body["error"].(map[string]any)["errors"] != nil {
		t.Errorf("errors listed for a single mistake: %v", body)
	}
}

// TestClaimListPages: the claims listing says how many claims match and
// gives them page by page, instead of the first hundred of a round's
// 定性描述 as if they were all.
func TestClaimListPages(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "总结.txt", "杭州市建立学分银行。出台终身学习促进条例。成立领导小组。")
	for _, c := range []struct{ code, quote string }{{"1.1.1", "建立学分银行"}, {"1.1.2", "出台终身学习促进条例"}, {"1.2.1", "成立领导小组"}} {
		resp, body := e.do(e.request("POST", "/api/v1/claims", map[string]any{"indicator": c.code, "statement": "杭州市" + c.quote,
			"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": c.quote}}}), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create claim %s: %d %v", c.code, resp.StatusCode, body)
		}
	}
	seen := map[string]bool{}
	for _, tt := range []struct {
		query string
		n     int
	}{{"?size=2", 2}, {"?size=2&page=2", 1}, {"?size=2&page=3", 0}} {
		resp, body := e.do(e.request("GET", "/api/v1/claims"+tt.query, nil), "admin")
		if resp.StatusCode != http.StatusOK || body["total"] != float64(3) {
			t.Fatalf("claims%s: %d, total %v, want 200 and 3", tt.query, resp.StatusCode, body["total"])
		}
		list := body["claims"].([]any)
		if len(list) != tt.n {
			t.Errorf("claims%s: %d claims, want %d", tt.query, len(list), tt.n)
		}
		for _, c := range list {
			id := c.(map[string]any)["id"].(string)
			if seen[id] {
				t.Errorf("claims%s: claim %s again on a later page", tt.query, id)
			}
			seen[id] = true
		}
	}
	if resp, body := e.do(e.request("GET", "/api/v1/claims?size=501", nil), "admin"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("claims?size=501: %d %v, want 400", resp.StatusCode, body)
	}
}
