package api

import (
	"net/http"
	"testing"
)

// taskEnv is an env whose coordinator coordA imported the city's
// responsibility table for 2018 (responsibilityTable), with the id of the
// first task contribA's 我的任务 lists: the setup of the tests of handing
// in, returning and withdrawing.
func taskEnv(t *testing.T) (*env, string) {
	t.Helper()
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.csv": []byte(responsibilityTable)})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("import: %d %v", resp.StatusCode, body)
	}
	return e, e.firstTask(t, "contribA")["id"].(string)
}

// taskWithTwoFiles is taskEnv's task with two files contribA handed in:
// a notice on 学分银行 and an unrelated reading summary, by their ids.
func taskWithTwoFiles(t *testing.T) (*env, string, []any) {
	t.Helper()
	e, id := taskEnv(t)
	for _, f := range [][2]string{{"学分银行通知.txt", "杭州市学分银行建设通知：杭教成〔2017〕15号。"}, {"阅读活动总结.txt", "2018年杭州市全民阅读活动总结：举办读书会120场。"}} {
		if resp, body := e.handIn(id, "contribA", "policy", f[0], f[1]); resp.StatusCode != http.StatusCreated {
			t.Fatalf("handing in %s: %d %v", f[0], resp.StatusCode, body)
		}
	}
	ids := e.firstTask(t, "contribA")["documents"].([]any)
	if len(ids) != 2 {
		t.Fatalf("the task lists %v, want two files", ids)
	}
	return e, id, ids
}

// firstTask is the first task who's list of tasks gives.
func (e *env) firstTask(t *testing.T, who string) map[string]any {
	t.Helper()
	_, body := e.do(e.request("GET", "/api/v1/assignments", nil), who)
	list, _ := body["assignments"].([]any)
	if len(list) == 0 {
		t.Fatalf("%s has no task: %v", who, body)
	}
	return list[0].(map[string]any)
}

// handIn uploads one file, name with text, as who's hand-in of kind
// docType for task id.
func (e *env) handIn(id, who, docType, name, text string) (*http.Response, map[string]any) {
	return e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"doc_type": docType, "assignment": id},
		map[string][]byte{name: []byte(text)})), who)
}
