package web

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/values"
)

// The callers of the web authorization matrix and their accounts.
var webRoles = map[string]struct{ user, role, city string }{
	"admin":    {"admin", "admin", ""},
	"coordA":   {"wang", "coordinator", "330100"},
	"coordB":   {"chen", "coordinator", "510100"},
	"expert":   {"zhou", "expert", ""},
	"reviewer": {"li", "reviewer", ""},
	"contribA": {"jiaoyu", "contributor", "330100"}, // 杭州 市教育局
}

// Outcomes: a status, "login" for a redirect to the login page that
// comes back to the page, or "303" for any other redirect (a form done).
type outcomes map[string]string

// signedIn is the same outcome for every signed-in role.
func signedIn(o string) outcomes {
	return outcomes{"admin": o, "coordA": o, "coordB": o, "expert": o, "reviewer": o, "contribA": o}
}

// adminOnly: admins get o, everyone else 403.
func adminOnly(o string) outcomes {
	return outcomes{"admin": o, "coordA": "403", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}
}

// readA: an object of city A is visible to all but city B's coordinator.
func readA(o string) outcomes {
	return outcomes{"admin": o, "coordA": o, "coordB": "404", "expert": o, "reviewer": o, "contribA": o}
}

// editA: an object of city A is changed by admins and its coordinator;
// its departments only hand in against their tasks.
func editA(o string) outcomes {
	return outcomes{"admin": o, "coordA": o, "coordB": "404", "expert": "403", "reviewer": "403", "contribA": "403"}
}

// writers: admins and coordinators (of any city) get o, others 403.
func writers(o string) outcomes {
	return outcomes{"admin": o, "coordA": o, "coordB": o, "expert": "403", "reviewer": "403", "contribA": "403"}
}

// manageA: a task of city A's 市教育局 is managed by admins and city A's
// coordinator; city B's coordinator does not see it, the department may
// not manage it.
func manageA(o string) outcomes {
	return outcomes{"admin": o, "coordA": o, "coordB": "404", "expert": "403", "reviewer": "403", "contribA": "403"}
}

// outcomeOf names what a response did.
func outcomeOf(resp *http.Response) string {
	if resp.StatusCode == http.StatusSeeOther {
		if strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
			return "login"
		}
		return "303"
	}
	return fmt.Sprint(resp.StatusCode)
}

// postFiles posts a form with files, as the upload and framework forms do.
func (b *browser) postFiles(path string, fields map[string]string, files map[string][]byte) *http.Response {
	b.s.t.Helper()
	return b.postFilesBody(path, fields, files).resp
}

func TestWebAuthorizationMatrix(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("chen", "coordinator", "510100")
	s.env.AddUser("dummy", "expert", "")
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	ctx := context.Background()
	docA := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	var seq atomic.Int64
	next := func() int64 { return seq.Add(1) }
	years := 0
	bare := func(city string) string {
		n := next()
		d := &catalog.Document{ID: fmt.Sprintf("BARE%06d", n), SHA256: fmt.Sprintf("%064d", n), Size: 1, MIME: "text/plain",
			Format: "txt", Filename: "a.txt", Title: "临时文档", DocType: catalog.DocOther, City: city,
			Status: catalog.StatusStored, UploadedBy: "test"}
		if err := s.env.Catalog.CreateDocument(ctx, d, catalog.Submission{User: "test"}); err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	failed := func(city string) string {
		id := bare(city)
		if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusFailed, Error: "文件已损坏"}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	link := func(docID string) string {
		l := &catalog.Link{DocumentID: docID, IndicatorCode: "2.3.1", CreatedBy: "test"}
		if err := s.env.Catalog.CreateLinks(ctx, []*catalog.Link{l}, false); err != nil {
			t.Fatal(err)
		}
		return l.ID
	}
	claim := func() string {
		c, err := s.env.Claims.Create(ctx, &catalog.User{Username: "wang",
			Role: catalog.RoleCoordinator, City: "330100"}, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
			Citations: []claims.CitationInput{{DocumentID: docA.ID, Page: 1, Quote: "建立学分银行"}}})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	claimA := claim()
	// value records city A's 2.2.1 anew, waiting for a verdict.
	value := func() string {
		v, err := s.env.Values.Record(ctx, &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"},
			values.Input{Indicator: "2.2.1", Value: values.Written(fmt.Sprint(next())),
				Citation: claims.CitationInput{DocumentID: docA.ID, Page: 1, Quote: "建立学分银行"}})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	// savePack saves a search into 2.3.1's query pack as the expert.
	savePack := func() string {
		e, err := s.env.Saved.Save(ctx, &catalog.User{Username: "zhou", Role: catalog.RoleExpert},
			savedsearch.Input{Name: fmt.Sprintf("学分银行 %d", next()), Query: "学分银行", Indicator: "2.3.1"})
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	packSearch := savePack()
	// carried returns a fresh item carried from 2017 into 2018, 待确认.
	carried := func() string {
		n := next()
		d := &catalog.Document{ID: fmt.Sprintf("CARRY%06d", n), SHA256: fmt.Sprintf("c%063d", n), Size: 1, MIME: "text/plain",
			Format: "txt", Filename: "a.txt", Title: "往年文件", DocType: catalog.DocPolicy, City: "330100", Round: "2017",
			Status: catalog.StatusStored, UploadedBy: "test"}
		if err := s.env.Catalog.CreateDocument(ctx, d, catalog.Submission{User: "test"}); err != nil {
			t.Fatal(err)
		}
		l := link(d.ID)
		if _, err := s.env.Values.CarryOver(ctx, testenv.Admin, "330100", 2018); err != nil {
			t.Fatal(err)
		}
		list, err := s.env.Values.Carryovers(ctx, testenv.Admin, "330100", 2018, catalog.CarryToConfirm)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list {
			if c.SourceID == l {
				return c.ID
			}
		}
		t.Fatalf("link %s was not carried into 2018", l)
		return ""
	}
	// task returns city A's task n, open again so that it takes a hand-in.
	task := func(n assignments.NewAssignment) string {
		n.City, n.Round, n.Due = "330100", 2018, "2018-03-31"
		a, err := s.env.Assignments.Add(ctx, testenv.Admin, n)
		if err != nil {
			t.Fatal(err)
		}
		err = s.env.Catalog.ChangeAssignment(ctx, catalog.AssignmentChange{ID: a.ID, To: catalog.AssignmentOpen, By: "test",
			From: catalog.AssignmentStatuses})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	// department returns a new department of city A without tasks.
	department := func() string {
		d, err := s.env.Assignments.AddDepartment(ctx, testenv.Admin, "330100", fmt.Sprintf("市第%d中心", next()))
		if err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	// submitted returns city A's 市教育局 task for 2.3.1, submitted with a
	// document (a task with none has nothing to accept).
	submitted := func() string {
		id := task(assignments.NewAssignment{Indicator: "2.3.1", Department: "市教育局"})
		err := s.env.Catalog.ChangeAssignment(ctx, catalog.AssignmentChange{ID: id, To: catalog.AssignmentSubmitted, By: "test",
			From: catalog.AssignmentStatuses, Documents: []string{docA.ID}})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	form := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	post := func(path string, f url.Values) func(*browser) *http.Response {
		// A copy for each caller, who adds their own CSRF token.
		return func(b *browser) *http.Response { resp, _ := b.post(path, maps.Clone(f)); return resp }
	}
	get := func(path string) func(*browser) *http.Response {
		return func(b *browser) *http.Response { resp, _ := b.get(path); return resp }
	}

	// Every route has one row: the request each caller sends, and what each
	// signed-in role gets; a visitor without a session is held to the
	// route table below.
	rows := map[string]struct {
		do   func(*browser) *http.Response
		want outcomes
	}{
		"GET /static/":           {get("/static/app.css"), signedIn("200")},
		"GET /login":             {get("/login"), signedIn("200")},
		"POST /login":            {post("/login", form("username", "nobody", "password", "wrong-password")), signedIn("401")},
		"GET /lang":              {get("/lang?to=en&next=/search"), signedIn("303")},
		"/":                      {get("/no-such-page"), signedIn("404")},
		"GET /{$}":               {get("/"), signedIn("303")},
		"GET /search":            {get("/search?q=" + url.QueryEscape("学分银行")), signedIn("200")},
		"POST /search":           {post("/search", form("q", "学分银行")), signedIn("303")},
		"GET /review":            {get("/review"), signedIn("200")},
		"GET /indicators":        {get("/indicators"), signedIn("200")},
		"GET /indicators/{code}": {get("/indicators/2.3.1"), signedIn("200")},
		"GET /search/export":     {get("/search/export?q=" + url.QueryEscape("学分银行")), signedIn("200")},
		"GET /saved-searches":    {get("/saved-searches"), signedIn("200")},
		"POST /saved-searches":   {post("/saved-searches", form("name", "学分银行", "q", "学分银行")), signedIn("303")},
		"GET /saved-searches/{id}": {func(b *browser) *http.Response { resp, _ := b.get("/saved-searches/" + packSearch); return resp },
			signedIn("303")},
		"POST /saved-searches/{id}/delete": {func(b *browser) *http.Response {
			resp, _ := b.post("/saved-searches/"+savePack()+"/delete", url.Values{})
			return resp
		}, outcomes{"admin": "303", "coordA": "403", "coordB": "403", "expert": "303", "reviewer": "403", "contribA": "403"}},
		"POST /logout": {func(b *browser) *http.Response {
			if b.name == "" {
				resp, _ := b.post("/logout", url.Values{})
				return resp
			}
			// A session of its own, so the caller's stays for the other rows.
			other := s.login(b.name)
			other.c.CheckRedirect = noRedirects
			resp, _ := other.post("/logout", url.Values{})
			return resp
		}, signedIn("303")},
		"GET /documents/{id}":        {get("/documents/" + docA.ID), readA("200")},
		"GET /documents/{id}/status": {get("/documents/" + docA.ID + "/status"), readA("200")},
		// Another city's list says it is not the account's (404).
		"GET /documents": {get("/documents?city=330100&sort=issued"), readA("200")},
		// Another city's coordinator is shown the list again, the document
		// named as not changed.
		"POST /documents/bulk": {post("/documents/bulk", form("ids", docA.ID, "round", "2018")),
			outcomes{"admin": "303", "coordA": "303", "coordB": "200", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"POST /documents/{id}/delete": {func(b *browser) *http.Response {
			resp, _ := b.post("/documents/"+bare("330100")+"/delete", form("confirm", "1"))
			return resp
		}, manageA("303")},
		"POST /documents/{id}/restore": {func(b *browser) *http.Response {
			d := s.env.Upload("330100", fmt.Sprintf("误删%d.txt", next()), fmt.Sprintf("第%d号通知：召开社区教育工作会议。", next()))
			if _, err := s.env.Documents.Delete(ctx, &catalog.User{Username: "admin", Role: catalog.RoleAdmin}, d.ID); err != nil {
				t.Fatal(err)
			}
			resp, _ := b.post("/documents/"+d.ID+"/restore", form("confirm", "1"))
			return resp
		}, manageA("303")},
		"POST /documents/{id}/move": {func(b *browser) *http.Response {
			resp, _ := b.post("/documents/"+bare("330100")+"/move", form("city", "330200"))
			return resp
		}, adminOnly("303")},
		"POST /documents/{id}": {post("/documents/"+docA.ID, form("title", "杭州市学分银行建设方案", "doc_type", "policy")),
			editA("303")},
		"POST /documents/{id}/values": {post("/documents/"+docA.ID+"/values", form("indicator", "2.2.1", "value", "3",
			"page", "1", "quote", "学分银行")), editA("303")},
		"GET /compare":     {get("/compare?city=330100&rounds=2017,2018"), readA("200")},
		"GET /carryovers":  {get("/carryovers?city=330100&round=2018"), readA("200")},
		"POST /carryovers": {post("/carryovers", form("city", "330100", "round", "2018")), editA("303")},
		"POST /carryovers/{id}": {func(b *browser) *http.Response {
			resp, _ := b.post("/carryovers/"+carried(), form("action", "confirm"))
			return resp
		}, editA("303")},
		"POST /documents/{id}/retry": {func(b *browser) *http.Response {
			resp, _ := b.post("/documents/"+failed("330100")+"/retry", url.Values{})
			return resp
		}, editA("303")},
		"POST /documents/{id}/original": {func(b *browser) *http.Response {
			return b.postFiles("/documents/"+failed("330100")+"/original", nil,
				map[string][]byte{"替换.txt": []byte(fmt.Sprintf("第%d号通知的替换文件", next()))})
		}, editA("303")},
		"POST /documents/{id}/links": {func(b *browser) *http.Response {
			resp, _ := b.post("/documents/"+bare("330100")+"/links", form("indicator", "2.3.1"))
			return resp
		}, editA("303")},
		"POST /links/{id}/delete": {func(b *browser) *http.Response {
			resp, _ := b.post("/links/"+link(bare("330100"))+"/delete", url.Values{})
			return resp
		}, editA("303")},
		// A department's contributor is taken to 我的任务, where it hands in.
		"GET /upload": {get("/upload"), outcomes{"admin": "200", "coordA": "200", "coordB": "200", "expert": "403", "reviewer": "403", "contribA": "303"}},
		"POST /upload": {func(b *browser) *http.Response {
			return b.postFiles("/upload", map[string]string{"city": "330100", "doc_type": "policy"},
				map[string][]byte{"通知.txt": []byte(fmt.Sprintf("第%d号通知:召开学习型城市建设推进会。", next()))})
		}, outcomes{"admin": "200", "coordA": "200", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"GET /claims/new": {get("/claims/new"), writers("200")},
		"POST /claims": {post("/claims", form("city", "330100", "indicator", "2.3.1", "statement", "杭州市建立了学分银行",
			"document_id", docA.ID, "page", "1", "quote", "建立学分银行")),
			outcomes{"admin": "303", "coordA": "303", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"GET /claims/{id}": {get("/claims/" + claimA), readA("200")},
		"POST /claims/{id}/citations": {post("/claims/"+claimA+"/citations", form("document_id", docA.ID, "page", "1",
			"quote", "学习成果认证")), editA("303")},
		"POST /claims/{id}": {post("/claims/"+claimA, form("statement", "杭州市建立了学分银行,推进学习成果认证")), editA("303")},
		"POST /claims/{id}/citations/{n}/delete": {func(b *browser) *http.Response {
			id := claim()
			if _, err := s.env.Claims.AddCitation(ctx, testenv.Admin, id, claims.CitationInput{DocumentID: docA.ID, Page: 1,
				Quote: "学习成果认证"}); err != nil {
				t.Fatal(err)
			}
			resp, _ := b.post("/claims/"+id+"/citations/2/delete", url.Values{})
			return resp
		}, editA("303")},
		"POST /claims/{id}/withdraw": {func(b *browser) *http.Response {
			resp, _ := b.post("/claims/"+claim()+"/withdraw", form("confirm", "1"))
			return resp
		}, editA("303")},
		"POST /claims/{id}/review": {func(b *browser) *http.Response {
			resp, _ := b.post("/claims/"+claim()+"/review", form("verdict", "verified"))
			return resp
		}, outcomes{"admin": "303", "coordA": "403", "coordB": "403", "expert": "403", "reviewer": "303", "contribA": "403"}},
		"GET /values": {get("/values?city=330100&status=pending"), signedIn("200")},
		"GET /values/{id}": {func(b *browser) *http.Response {
			resp, _ := b.get("/values/" + value())
			return resp
		}, readA("200")},
		"POST /values/{id}/review": {func(b *browser) *http.Response {
			resp, _ := b.post("/values/"+value()+"/review", form("verdict", "verified", "status", "pending", "comment", "引文未写此数，已与统计部门核实"))
			return resp
		}, outcomes{"admin": "303", "coordA": "403", "coordB": "403", "expert": "403", "reviewer": "303", "contribA": "403"}},
		"POST /values/import": {func(b *browser) *http.Response {
			return b.postFiles("/values/import", map[string]string{"city": "330100"}, map[string][]byte{"台账.xlsx": ledgerOf(t,
				[][]string{{"指标编码", "数值", "文档编号", "页码", "引文"}, {"2.2.1", fmt.Sprint(next()), docA.ID, "1", "建立学分银行"}})})
		}, outcomes{"admin": "303", "coordA": "303", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"GET /tasks": {get("/tasks"), outcomes{"admin": "403", "coordA": "403", "coordB": "403", "expert": "403", "reviewer": "403",
			"contribA": "200"}},
		"POST /tasks/{id}/upload": {func(b *browser) *http.Response {
			// A task no other entry returns files on: a hand-in to one
			// with a returned file shows 我的任务 (200) to offer its
			// withdrawal instead of going back (303).
			return b.postFiles("/tasks/"+task(assignments.NewAssignment{Indicator: "2.3.2", Department: "市教育局"})+"/upload",
				map[string]string{"doc_type": "work_summary", "next": "/tasks"},
				map[string][]byte{"总结.txt": []byte(fmt.Sprintf("第%d份学分银行工作总结", next()))})
		}, outcomes{"admin": "303", "coordA": "303", "coordB": "404", "expert": "403", "reviewer": "403", "contribA": "303"}},
		"POST /assignments/{id}/upload": {func(b *browser) *http.Response {
			return b.postFiles("/assignments/"+task(assignments.NewAssignment{Indicator: "2.3.1", Department: "市教育局"})+"/upload",
				map[string]string{"doc_type": "work_summary", "next": "/assignments"},
				map[string][]byte{"总结.txt": []byte(fmt.Sprintf("第%d份协调员代交的学分银行工作总结", next()))})
		}, manageA("303")},
		"POST /tasks/{id}/hand-in-linked": {func(b *browser) *http.Response {
			id := task(assignments.NewAssignment{Indicator: "2.3.1", Department: "市教育局"})
			n := next()
			d := &catalog.Document{ID: fmt.Sprintf("LINKED%06d", n), SHA256: fmt.Sprintf("l%063d", n), Size: 1, MIME: "text/plain",
				Format: "txt", Filename: "a.txt", Title: "学分银行管理办法", DocType: catalog.DocPolicy, City: "330100", Round: "2018",
				Status: catalog.StatusStored, UploadedBy: "wang"}
			if err := s.env.Catalog.CreateDocument(ctx, d, catalog.Submission{User: "wang"}); err != nil {
				t.Fatal(err)
			}
			link(d.ID)
			resp, _ := b.post("/tasks/"+id+"/hand-in-linked", form("document_id", d.ID))
			return resp
		}, outcomes{"admin": "303", "coordA": "303", "coordB": "404", "expert": "403", "reviewer": "403", "contribA": "303"}},
		"POST /tasks/{id}/withdraw": {func(b *browser) *http.Response {
			resp, _ := b.post("/tasks/"+submitted()+"/withdraw", form("document_id", docA.ID, "confirm", "1"))
			return resp
		}, outcomes{"admin": "303", "coordA": "303", "coordB": "404", "expert": "403", "reviewer": "403", "contribA": "303"}},
		"GET /assignments":              {get("/assignments"), writers("200")},
		"GET /assignments/missing.xlsx": {get("/assignments/missing.xlsx?city=330100"), manageA("200")},
		"POST /documents/{id}/notes": {post("/documents/"+docA.ID+"/notes", form("body", "学分银行的认证办法未见正式文件", "page", "1",
			"quote", "学分银行")), outcomes{"admin": "303", "coordA": "403", "coordB": "403", "expert": "303", "reviewer": "303", "contribA": "403"}},
		"POST /assignments": {post("/assignments", form("city", "330100", "round", "2018", "indicator", "1.3.2",
			"department", "市人社局", "due", "2018-04-15", "contact", "李科长")),
			outcomes{"admin": "303", "coordA": "303", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"POST /assignments/import": {func(b *browser) *http.Response {
			// The table lists the round's tasks other requests added, so
			// that the import does not stop to ask whether to remove them.
			table := "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n"
			others, err := s.env.Catalog.FindAssignments(ctx, catalog.AssignmentFilter{City: "330100", Round: 2018})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range others {
				if a.Indicator != "2.3.1" || a.Department != "市教育局" {
					table += a.Indicator + "," + a.Department + "," + a.Due + "\n"
				}
			}
			return b.postFiles("/assignments/import", map[string]string{"city": "330100", "round": "2018"},
				map[string][]byte{"责任分解表.csv": []byte(table)})
		}, outcomes{"admin": "303", "coordA": "303", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"POST /assignments/copy": {func(b *browser) *http.Response {
			if _, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2017,
				Indicator: "3.1.1", Department: "市教育局", Due: "2017-10-31"}); err != nil {
				t.Fatal(err)
			}
			// A deadline moved a year on is past: the copy asks a new one.
			resp, _ := b.post("/assignments/copy", form("city", "330100", "round", "2018", "due", "2099-06-30"))
			return resp
		}, outcomes{"admin": "303", "coordA": "303", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"POST /assignments/{id}/return": {func(b *browser) *http.Response {
			resp, _ := b.post("/assignments/"+submitted()+"/return", form("reason", "缺少文号"))
			return resp
		}, manageA("303")},
		"POST /assignments/{id}/accept": {func(b *browser) *http.Response {
			// Ticked: other rows of the matrix may have moved docA to another
			// round or department first (the map's order), which makes 确认
			// ask; who may accept is what is checked here, so the box posts
			// the question's token as the board's would.
			id := submitted()
			resp, _ := b.post("/assignments/"+id+"/accept", url.Values{"confirm": {acceptToken(t, s, id)}})
			return resp
		}, manageA("303")},
		"POST /assignments/{id}/delete": {func(b *browser) *http.Response {
			a, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
				Indicator: "1.1.3", Department: fmt.Sprintf("市第%d局", next()), Due: "2018-05-01"})
			if err != nil {
				t.Fatal(err)
			}
			resp, _ := b.post("/assignments/"+a.ID+"/delete", form("confirm", "1"))
			return resp
		}, manageA("303")},
		"POST /assignments/remove-missing": {func(b *browser) *http.Response {
			a, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
				Indicator: "1.1.3", Department: fmt.Sprintf("市第%d局", next()), Due: "2018-05-01"})
			if err != nil {
				t.Fatal(err)
			}
			resp, _ := b.post("/assignments/remove-missing", form("id", a.ID))
			return resp
		}, manageA("303")},
		"GET /departments": {get("/departments"), writers("200")},
		"POST /departments": {func(b *browser) *http.Response {
			resp, _ := b.post("/departments", form("city", "330100", "name", fmt.Sprintf("市第%d局", next())))
			return resp
		}, outcomes{"admin": "303", "coordA": "303", "coordB": "403", "expert": "403", "reviewer": "403", "contribA": "403"}},
		"POST /departments/{id}": {func(b *browser) *http.Response {
			resp, _ := b.post("/departments/"+department(), form("city", "330100", "name", fmt.Sprintf("市第%d办", next())))
			return resp
		}, manageA("303")},
		"POST /departments/{id}/delete": {func(b *browser) *http.Response {
			resp, _ := b.post("/departments/"+department()+"/delete", form("city", "330100", "confirm", "1"))
			return resp
		}, manageA("303")},
		"GET /admin": {get("/admin"), adminOnly("200")},
		"POST /admin/users": {func(b *browser) *http.Response {
			resp, _ := b.post("/admin/users", form("username", fmt.Sprintf("new%d", next()), "role", "expert"))
			return resp
		}, adminOnly("200")},
		"POST /admin/users/{name}/disable":    {post("/admin/users/dummy/disable", form("confirm", "1")), adminOnly("303")},
		"POST /admin/users/{name}/enable":     {post("/admin/users/dummy/enable", url.Values{}), adminOnly("303")},
		"POST /admin/users/{name}/password":   {post("/admin/users/dummy/password", form("confirm", "1")), adminOnly("200")},
		"POST /admin/users/{name}/department": {post("/admin/users/jiaoyu/department", form("department", "市教育局")), adminOnly("303")},
		"POST /admin/tokens/{id}/revoke":      {post("/admin/tokens/01ZZZZZZZZZZZZZZZZZZZZZZZZ/revoke", form("confirm", "1")), adminOnly("404")},
		"GET /account":                        {get("/account"), signedIn("200")},
		// A wrong current password: refused for everyone, who each may
		// change only their own.
		"POST /account/password":           {post("/account/password", form("current", "不对", "password", "x-2026-abc", "confirm", "x-2026-abc")), signedIn("400")},
		"POST /account/tokens":             {post("/account/tokens", form("label", "脚本")), signedIn("200")},
		"POST /account/tokens/{id}/revoke": {post("/account/tokens/01ZZZZZZZZZZZZZZZZZZZZZZZZ/revoke", url.Values{}), signedIn("404")},
		"POST /admin/cities": {func(b *browser) *http.Response {
			resp, _ := b.post("/admin/cities", form("code", fmt.Sprintf("32%04d", 1000+next()), "name", "南京"))
			return resp
		}, adminOnly("303")},
		"POST /admin/rounds": {func(b *browser) *http.Response {
			// Years run out before the shared counter does: a counter of its own.
			years++
			resp, _ := b.post("/admin/rounds", form("year", fmt.Sprint(2020+years)))
			return resp
		}, adminOnly("303")},
		"GET /admin/rounds/{year}": {get("/admin/rounds/2018"), adminOnly("200")},
		"POST /admin/rounds/{year}/current": {func(b *browser) *http.Response {
			year, err := s.env.Catalog.CurrentRound(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			resp, _ := b.post(fmt.Sprintf("/admin/rounds/%d/current", year), form())
			return resp
		}, adminOnly("303")},
		"POST /admin/rounds/{year}/indicators/{code}": {func(b *browser) *http.Response {
			resp, _ := b.post(fmt.Sprintf("/admin/rounds/%d/indicators/2.3.1", keptRound(t, s)), form("name", fmt.Sprintf("指标第%d稿", next())))
			return resp
		}, adminOnly("303")},
		"POST /admin/framework": {func(b *browser) *http.Response {
			return b.postFiles("/admin/framework", nil, map[string][]byte{"demo.yaml": framework.Demo})
		}, adminOnly("303")},
		"POST /admin/reread": {func(b *browser) *http.Response {
			resp, _ := b.post("/admin/reread", form())
			return resp
		}, adminOnly("303")},
	}

	routes := Routes()
	var patterns []string
	for _, rt := range routes {
		patterns = append(patterns, rt.Pattern)
		row, ok := rows[rt.Pattern]
		if !ok {
			t.Errorf("web route %q has no row in the authorization matrix", rt.Pattern)
			continue
		}
		// What the route table refuses the row must expect refused; a role
		// it admits may still be refused by the service (another city).
		for role := range webRoles {
			denied := rt.Roles != nil && !slices.Contains(rt.Roles, catalog.Role(webRoles[role].role))
			if denied && row.want[role] != "403" {
				t.Errorf("%s: the route table admits %v, but the row expects %s for %s", rt.Pattern, rt.Roles, row.want[role], role)
			}
		}
		// Without a session: public routes answer as to anyone, pages go
		// to the login form, forms are refused.
		switch {
		case rt.Public:
			row.want["anonymous"] = row.want["expert"]
		case strings.HasPrefix(rt.Pattern, "GET "):
			row.want["anonymous"] = "login"
		default:
			row.want["anonymous"] = "401"
		}
	}
	for pattern := range rows {
		if !slices.Contains(patterns, pattern) {
			t.Errorf("matrix row %q is not a web route", pattern)
		}
	}

	browsers := map[string]*browser{"anonymous": {s: s, c: &http.Client{CheckRedirect: noRedirects}}}
	for role, u := range webRoles {
		b := s.login(u.user)
		b.c.CheckRedirect = noRedirects
		browsers[role] = b
	}
	for pattern, row := range rows {
		for role, b := range browsers {
			if got, want := outcomeOf(row.do(b)), row.want[role]; got != want {
				t.Errorf("%s as %s: %s, want %s", pattern, role, got, want)
			}
		}
	}
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
