package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// ledgerReturnedAndReplaced: 市教育局 hands in 台账, wang returns it with
// a reason typed with ASCII punctuation, and the department hands in
// 台账修订; both hold 45000. It returns the task, the two documents and
// the department's browser.
func ledgerReturnedAndReplaced(t *testing.T, s *site) (dept *browser, task, old, corrected string) {
	t.Helper()
	dept, task = departmentWithATask(t, s)
	handIn := func(name, text string) string {
		t.Helper()
		before, _ := s.env.Catalog.Assignment(context.Background(), task)
		if resp, page := dept.handIn(task, name, text); resp.StatusCode != http.StatusOK {
			t.Fatalf("handing in %s: %d %.800s", name, resp.StatusCode, textOf(page))
		}
		a, err := s.env.Catalog.Assignment(context.Background(), task)
		if err != nil || len(a.Documents) != len(before.Documents)+1 {
			t.Fatalf("the task after handing in %s: %v %v", name, a, err)
		}
		return s.env.WaitIndexed(a.Documents[len(a.Documents)-1]).ID
	}
	old = handIn("台账.txt", "2018年职业技能培训台账：全年培训45000人次，其中社区学校12000人次。")
	if resp, _ := s.login("wang").post("/assignments/"+task+"/return", url.Values{"reason": {"缺少各区县分项数据,请补充后重新提交"}, "next": {"/assignments"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("return: %d", resp.StatusCode)
	}
	corrected = handIn("台账修订.txt", "2018年职业技能培训台账（修订）：全年培训45000人次，上城区8000人次。")
	return dept, task, old, corrected
}

// TestReturnedFileSaysSoOnItsPage: the returned 台账's page says 已退回 at
// its head — who and why to the coordinator and the department, with a
// link to the task where each sees it, only when to an expert — names
// 台账修订 as its replacement, and suggests no indicators; 台账修订's page
// says nothing of a return. In English too.
func TestReturnedFileSaysSoOnItsPage(t *testing.T) {
	s := newSite(t)
	dept, task, old, corrected := ledgerReturnedAndReplaced(t, s)
	d, err := s.env.Catalog.Document(context.Background(), corrected)
	if err != nil {
		t.Fatal(err)
	}
	replaced := `已由<a href="/documents/` + corrected + `">《` + d.Title + `》</a>替代`
	notice := func(b *browser) string {
		t.Helper()
		_, page := b.get("/documents/" + old)
		page = html.UnescapeString(page)
		i := strings.Index(page, `id="returned-notice"`)
		if i < 0 {
			t.Fatalf("%s: 台账's page has no 已退回 notice:\n%.2000s", b.name, textOf(page))
		}
		if strings.Contains(page, `id="sugh"`) {
			t.Errorf("%s: the returned file's page still suggests indicators", b.name)
		}
		return page[i:min(i+1500, len(page))]
	}
	for _, tt := range []struct{ who, link string }{
		{"wang", "/assignments?city=330100&round=2018#task-" + task},
		{"jiaoyu", "/tasks?round=2018#task-" + task},
	} {
		b := dept
		if tt.who == "wang" {
			b = s.login("wang")
		}
		n := notice(b)
		if !strings.Contains(n, "已退回（退回人 wang，原因：缺少各区县分项数据，请补充后重新提交，") || !strings.Contains(n, `href="`+tt.link+`"`) ||
			!strings.Contains(n, replaced) {
			t.Errorf("%s: the notice %q, want who and why, the link %s and %s", tt.who, textOf(n), tt.link, replaced)
		}
	}
	zhou := s.login("zhou")
	if n := notice(zhou); !strings.Contains(n, "已退回（") || strings.Contains(n, "wang") || strings.Contains(n, "缺少") ||
		strings.Contains(n, "/assignments") || !strings.Contains(n, replaced) {
		t.Errorf("the expert's notice %q, want 已退回 and %s without who, why or a link to the board", textOf(n), replaced)
	}
	if _, page := zhou.get("/documents/" + corrected); strings.Contains(page, `id="returned-notice"`) {
		t.Errorf("台账修订's page says it was returned")
	}
	zhou.get("/search?lang=en")
	if n := notice(zhou); !strings.Contains(n, "Returned (") || !strings.Contains(n, `Replaced by <a href="/documents/`+corrected+`">“`+d.Title+`”</a>.`) {
		t.Errorf("the English notice %q", textOf(n))
	}
}

// TestSearchPageLeavesReturnedFilesOut: searching 45000 lists 台账修订
// alone and says that one returned file was left out, with the search
// that lists it; there (包括已退回的文件 ticked) 台账 is listed too, marked
// 已退回, and 台账修订 is not.
func TestSearchPageLeavesReturnedFilesOut(t *testing.T) {
	s := newSite(t)
	_, _, old, corrected := ledgerReturnedAndReplaced(t, s)
	zhou := s.login("zhou")
	_, page := zhou.get("/search?q=45000")
	page = html.UnescapeString(page)
	if strings.Contains(page, "/documents/"+old+"?") || !strings.Contains(page, "/documents/"+corrected+"?") {
		t.Fatalf("45000 lists %q, want 台账修订 alone", textOf(page))
	}
	i := strings.Index(page, `id="returned-hidden"`)
	if i < 0 || !strings.Contains(page[i:], "另有 1 份已被协调员退回的文件符合检索条件，未列出") || !strings.Contains(page[i:min(i+600, len(page))], "returned=include") {
		t.Fatalf("45000 does not say the returned file was left out:\n%.2000s", textOf(page))
	}
	_, page = zhou.get("/search?q=45000&returned=include")
	page = html.UnescapeString(page)
	if !strings.Contains(page, "/documents/"+old+"?") || !strings.Contains(page, "/documents/"+corrected+"?") {
		t.Fatalf("with returned files: %q, want both", textOf(page))
	}
	if n := strings.Count(page, `class="badge returned-hit"`); n != 1 || !strings.Contains(page, `id="include-returned" checked`) {
		t.Errorf("with returned files: %d marked 已退回 (want 1), the box ticked: %v", n, strings.Contains(page, `id="include-returned" checked`))
	}
	if strings.Contains(page, `id="returned-hidden"`) {
		t.Errorf("the search listing returned files says it left some out")
	}
}

// TestHandingInAgainOffersToWithdrawTheReturnedFile: handing 台账修订 in
// after 台账 was returned, 市教育局 is offered 撤回被退回的旧文件《台账》,
// which asks first and then deletes 台账, its return kept on the task.
func TestHandingInAgainOffersToWithdrawTheReturnedFile(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "台账.txt", "2018年职业技能培训台账：全年培训45000人次。"); resp.StatusCode != http.StatusOK {
		t.Fatalf("handing in 台账: %d %.800s", resp.StatusCode, textOf(page))
	}
	a, _ := s.env.Catalog.Assignment(context.Background(), task)
	old := a.Documents[0]
	title := s.env.WaitIndexed(old).Title
	if resp, _ := s.login("wang").post("/assignments/"+task+"/return", url.Values{"reason": {"缺少各区县分项数据"}, "next": {"/assignments"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("return: %d", resp.StatusCode)
	}
	_, page := dept.handIn(task, "台账修订.txt", "2018年职业技能培训台账（修订）：全年培训45000人次，上城区8000人次。")
	page = html.UnescapeString(page)
	i := strings.Index(page, `id="withdraw-offer"`)
	if i < 0 || !strings.Contains(page[i:], `action="/tasks/`+task+`/withdraw"`) || !strings.Contains(page[i:], `name="document_id" value="`+old+`"`) ||
		!strings.Contains(page[i:], "撤回被退回的旧文件《"+title+"》") {
		t.Fatalf("the hand-in offers no withdrawal of 台账:\n%.3000s", textOf(page))
	}
	resp, confirm := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {old}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(confirm, `name="confirm" value="1"`) {
		t.Fatalf("the offer's button: %d, want the withdrawal's question first:\n%.1500s", resp.StatusCode, textOf(confirm))
	}
	if resp, _ := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {old}, "confirm": {"1"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("withdrawing 台账: %d", resp.StatusCode)
	}
	if _, err := s.env.Catalog.Document(context.Background(), old); err == nil {
		t.Errorf("台账 is still in the archive after its withdrawal")
	}
	if a, _ = s.env.Catalog.Assignment(context.Background(), task); a.Returned[old].Gone == nil {
		t.Errorf("the task lost the return of 台账 or does not say it is gone: %+v", a.Returned)
	}
}

// TestSavedSearchKeepsReturnedFilesIn: a search that lists the returned
// files (包括已退回的文件) is saved with that choice, and opened again it
// lists them still, as its new-match count counts them.
func TestSavedSearchKeepsReturnedFilesIn(t *testing.T) {
	s := newSite(t)
	_, _, old, corrected := ledgerReturnedAndReplaced(t, s)
	zhou := s.login("zhou")
	_, body := zhou.get("/search?q=45000&returned=include")
	form := body[strings.Index(body, `id="save-search"`):]
	form = form[:strings.Index(form, "</form>")]
	if !strings.Contains(form, `name="returned" value="include"`) {
		t.Fatalf("the save form of a search with returned files does not keep the choice: %s", form)
	}
	resp, _ := zhou.post("/saved-searches", url.Values{"q": {"45000"}, "returned": {"include"}, "name": {"培训台账（含退回）"}})
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Query().Get("returned") != "include" {
		t.Fatalf("after saving: %d at %s, want returned=include kept", resp.StatusCode, resp.Request.URL)
	}
	id := resp.Request.URL.Query().Get("saved")
	resp, page := zhou.get("/saved-searches/" + id)
	page = html.UnescapeString(page)
	if !strings.Contains(page, "/documents/"+old+"?") || !strings.Contains(page, "/documents/"+corrected+"?") {
		t.Errorf("the saved search opens at %s listing %q, want both ledgers", resp.Request.URL, textOf(page))
	}
}

// TestReturnedFileLinkedSinceIsStillEvidence: once the coordinator links
// the returned 台账 to an indicator it is the city's evidence: its page
// still says it was returned but not that it is no evidence, and a
// search lists it without the 已退回 badge.
func TestReturnedFileLinkedSinceIsStillEvidence(t *testing.T) {
	s := newSite(t)
	_, _, old, _ := ledgerReturnedAndReplaced(t, s)
	wang := s.login("wang")
	if resp, page := wang.post("/documents/"+old+"/links", url.Values{"indicator": {"2.3.2"}, "round": {"2018"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("link 台账: %d %.800s", resp.StatusCode, textOf(page))
	}
	zhou := s.login("zhou")
	_, page := zhou.get("/documents/" + old)
	page = html.UnescapeString(page)
	i := strings.Index(page, `id="returned-notice"`)
	if i < 0 {
		t.Fatalf("the linked returned file's page has no 已退回 notice:\n%.2000s", textOf(page))
	}
	n := page[i:min(i+1500, len(page))]
	if strings.Contains(n, "退回的文件不算作本市的佐证材料") || !strings.Contains(n, "仍算作本市的佐证材料") {
		t.Errorf("the notice of a returned file linked since: %q, want it still counted as evidence", textOf(n))
	}
	_, page = zhou.get("/search?q=45000")
	page = html.UnescapeString(page)
	if !strings.Contains(page, "/documents/"+old+"?") || strings.Contains(page, `class="badge returned-hit"`) {
		t.Errorf("45000 after the link: %q, want 台账 listed without the 已退回 badge", textOf(page))
	}
}
