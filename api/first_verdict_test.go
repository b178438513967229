package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestFirstVerdictsAtOnce: two reviewers of 杭州 send the first verdict
// on the same pending claim, and on the same pending value, at the same
// moment. One lands (201); the other is 409, its words naming the verdict
// recorded, and the claim or value has the first's verdict only.
func TestFirstVerdictsAtOnce(t *testing.T) {
	e := newEnv(t)
	e.tokens["reviewer2"] = e.te.AddReviewer("reviewer2", cityA)
	doc := e.upload(cityA, "杭州市学分银行建设情况.txt", restoreText+numbersText)
	words := map[string]string{"verified": "属实", "contradicted": "与证据矛盾"}
	bodies := map[string]string{"reviewer": `{"verdict":"verified"}`, "reviewer2": `{"verdict":"contradicted","comment":"原文只说试点区"}`}
	for _, path := range []string{"/api/v1/claims/" + e.claim(doc), "/api/v1/values/" + e.value(doc)} {
		type answer struct {
			code int
			body map[string]any
		}
		answers := map[string]answer{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := make(chan struct{})
		for who, body := range bodies {
			req := e.request("POST", path+"/reviews", body)
			wg.Go(func() {
				<-start
				resp, out := e.do(req, who)
				mu.Lock()
				answers[who] = answer{resp.StatusCode, out}
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		var winner, loser string
		for who, a := range answers {
			switch a.code {
			case http.StatusCreated:
				winner = who
			case http.StatusConflict:
				loser = who
			}
		}
		if winner == "" || loser == "" {
			t.Fatalf("%s: two first verdicts at once answered %v, want one 201 and one 409", path, answers)
		}
		verdict := strings.TrimSuffix(strings.TrimPrefix(bodies[winner], `{"verdict":"`), `"}`)
		verdict, _, _ = strings.Cut(verdict, `"`)
		msg := errorMessage(answers[loser].body)
		if !strings.Contains(msg, "“"+words[verdict]+"”") && !strings.Contains(msg, "（"+words[verdict]+"）") {
			t.Errorf("%s: the second verdict's 409 says %q, want it to name %s", path, msg, words[verdict])
		}
		_, view := e.do(e.request("GET", path, nil), "admin")
		kind := "claim"
		if strings.Contains(path, "/values/") {
			kind = "value"
		}
		if got := view[kind].(map[string]any)["status"]; got != verdict {
			t.Errorf("%s after both: %v, want %s (the verdict that landed)", path, got, verdict)
		}
		id := path[strings.LastIndex(path, "/")+1:]
		reviews, err := e.cat.Reviews(context.Background(), id)
		if kind == "value" {
			reviews, err = e.cat.ValueReviews(context.Background(), id)
		}
		if err != nil || len(reviews) != 1 || reviews[0].Reviewer != winner {
			t.Errorf("%s reviews: %+v %v, want only %s's", path, reviews, err, winner)
		}
	}
}

// TestCommentOfAVerdictCorrected: a reviewer keeps the verdict 证据不足 and
// corrects its comment through 改判 (revise: true, the same verdict): the
// claim keeps its verdict, the new comment is the latest review's, and
// the history records a comment change; the same comment again changes
// nothing and is 400.
func TestCommentOfAVerdictCorrected(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "社区学校.txt", "全市建成社区学校120所，覆盖全部街道。")
	id := e.createClaim("coordA", map[string]any{"indicator": "1.1.2", "statement": "全市建成社区学校120所",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "全市建成社区学校120所"}}})
	post := func(body map[string]any) (int, map[string]any) {
		resp, out := e.do(e.request("POST", "/api/v1/claims/"+id+"/reviews", body), "reviewer")
		return resp.StatusCode, out
	}
	if code, out := post(map[string]any{"verdict": "insufficient", "comment": "缺少文号"}); code != http.StatusCreated {
		t.Fatalf("first verdict: %d %v", code, out)
	}
	corrected := map[string]any{"verdict": "insufficient", "comment": "缺少文号和盖章页", "revise": true, "previous": "insufficient"}
	if code, out := post(corrected); code != http.StatusCreated {
		t.Fatalf("the comment corrected: %d %v, want 201", code, out)
	}
	if got := claimStatus(t, e, id); got != "insufficient" {
		t.Errorf("after the comment's correction: %s, want insufficient still", got)
	}
	_, view := e.do(e.request("GET", "/api/v1/claims/"+id, nil), "admin")
	var changed map[string]any
	for _, h := range view["history"].([]any) {
		if h := h.(map[string]any); h["action"] == "claim.review_comment" {
			changed = h["detail"].(map[string]any)
		}
	}
	if fmt.Sprintf("%v %v", changed["verdict"], changed["comment"]) != "insufficient 缺少文号和盖章页" {
		t.Errorf("history's comment change %v, want insufficient with the new comment", changed)
	}
	reviews, err := e.cat.Reviews(context.Background(), id)
	if err != nil || len(reviews) != 2 || reviews[1].Comment != "缺少文号和盖章页" {
		t.Errorf("reviews %+v %v, want the corrected comment last", reviews, err)
	}
	if code, out := post(corrected); code != http.StatusBadRequest || !strings.Contains(errorMessage(out), "都与原来相同") {
		t.Errorf("the same comment again: %d %v, want 400 saying nothing changed", code, out)
	}
}
