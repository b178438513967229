package web

import (
	"context"
	"database/sql"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// The words of catalog.ParseRound's refusal, in each language.
var roundRuleWords = map[string]string{
	"zh": "监测轮次应为 2000 至 2100 年间的年份\uFF08如 2018\uFF09\uFF0C或留空表示本轮\uFF1B收到",
	"en": "The monitoring round should be a year from 2000 to 2100 (such as 2018), or blank for the current round",
}

// The words of catalog.ParseListRound's refusal, for the pages that list
// every round when theirs is blank: they must not promise the current one.
var listRuleWords = map[string]string{
	"zh": "监测轮次应为 2000 至 2100 年间的年份\uFF08如 2018\uFF09\uFF0C或留空表示全部轮次\uFF1B收到",
	"en": "The monitoring round should be a year from 2000 to 2100 (such as 2018), or blank for every round",
}

// listsEveryRound are the roundRequests whose blank round is every round.
var listsEveryRound = map[string]bool{"未提交清单": true, "热力图": true}

const roundTable = "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n"

// roundRequests are the pages and forms that name a round, each sent with
// round set to the round given.
func roundRequests(b, dept *browser, doc string) map[string]func(round string) (*http.Response, string) {
	q := func(round string) string { return url.QueryEscape(round) }
	post := func(path string, form url.Values) func(string) (*http.Response, string) {
		return func(round string) (*http.Response, string) {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set("round", round)
			return b.post(path, f)
		}
	}
	return map[string]func(string) (*http.Response, string){
		"结转页":    func(r string) (*http.Response, string) { return b.get("/carryovers?city=330100&round=" + q(r)) },
		"责任分解看板": func(r string) (*http.Response, string) { return b.get("/assignments?city=330100&round=" + q(r)) },
		"未提交清单": func(r string) (*http.Response, string) {
			return b.get("/assignments/missing.xlsx?city=330100&round=" + q(r))
		},
		"热力图":   func(r string) (*http.Response, string) { return b.get("/indicators?round=" + q(r)) },
		"我的任务":  func(r string) (*http.Response, string) { return dept.get("/tasks?round=" + q(r)) },
		"结转上一轮": post("/carryovers", url.Values{"city": {"330100"}}),
		"添加任务": post("/assignments", url.Values{"city": {"330100"}, "indicator": {"2.3.1"}, "department": {"市教育局"},
			"due": {"2018-03-31"}, "next": {"/assignments?city=330100"}}),
		"复制上一轮": post("/assignments/copy", url.Values{"city": {"330100"}, "due": {"2019-03-31"}, "next": {"/assignments?city=330100"}}),
		"关联指标":  post("/documents/"+doc+"/links", url.Values{"indicator": {"2.3.2"}}),
		"导入责任分解表": func(r string) (*http.Response, string) {
			a := b.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": r, "next": "/assignments?city=330100"},
				map[string][]byte{"责任分解表.csv": []byte(roundTable)})
			return a.resp, a.body
		},
	}
}

// TestWebRoundsReadOneRule: every page and form of the UI that names a
// round reads it as the API does (catalog.ParseRound): a page asked for
// round 0, -1, 99999, abc or 2017年度 answers 400 with the rule on the
// page, in Chinese and in English, and stores nothing — where the
// carry-over page showed the current round for abc and the board's forms
// took 0 for it — while a blank round and 2018 are shown.
func TestWebRoundsReadOneRule(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡,建立个人学习档案。")
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	for _, lang := range []string{"zh", "en"} {
		wang, dept := s.login("wang"), s.login("jiaoyu")
		if lang == "en" {
			wang.english()
			dept.english()
		}
		for name, send := range roundRequests(wang, dept, doc.ID) {
			for _, round := range []string{"0", "-1", "99999", "abc", "2017年度"} {
				resp, body := send(round)
				words := roundRuleWords[lang]
				if listsEveryRound[name] {
					words = listRuleWords[lang]
				}
				if page := html.UnescapeString(textOf(body)); resp.StatusCode != http.StatusBadRequest ||
					!strings.Contains(page, words) || !strings.Contains(page, round) {
					t.Errorf("%s %s, round %q: %d, want 400 saying %q: %.600s", lang, name, round, resp.StatusCode, words, page)
				}
			}
		}
	}
	tasks, err := s.env.Assignments.List(context.Background(), testenv.Admin, assignments.Filter{City: "330100"})
	if err != nil || len(tasks) != 0 {
		t.Errorf("tasks after refused rounds: %d %v, want none", len(tasks), err)
	}
	wang, dept := s.login("wang"), s.login("jiaoyu")
	pages := roundRequests(wang, dept, doc.ID)
	for _, name := range []string{"结转页", "责任分解看板", "未提交清单", "热力图", "我的任务"} {
		for _, round := range []string{"", "2018"} {
			if resp, body := pages[name](round); resp.StatusCode != http.StatusOK {
				t.Errorf("%s, round %q: %d, want 200: %.400s", name, round, resp.StatusCode, textOf(body))
			}
		}
	}
}

// hiddenRound is the round a form of a page sends back unseen.
func hiddenRound(t *testing.T, page, form string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)id="` + form + `">.*?name="round" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no hidden round in #%s", form)
	}
	return m[1]
}

// TestPagesOfACityWithNoCurrentRoundStillWork: when no round is marked
// current, the board's forms send their round blank, never 0, which the
// round rule refuses; sent back as rendered, the task is added (in the
// latest round, 2018) and the carry-over button is not refused for its
// round.
func TestPagesOfACityWithNoCurrentRoundStillWork(t *testing.T) {
	s := newSite(t)
	if s.env.DBPath == "" {
		t.Skip("the current round is cleared with SQL on the SQLite catalog; this catalog is PostgreSQL")
	}
	db, err := sql.Open("sqlite", "file:"+s.env.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE round SET is_current = 0`); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, board := wang.get("/assignments?city=330100")
	for _, form := range []string{"assignform", "importform", "copyform"} {
		if got := hiddenRound(t, board, form); got != "" {
			t.Errorf("#%s sends round %q with no current round, want it blank", form, got)
		}
	}
	resp, body := wang.post("/assignments", url.Values{"city": {"330100"}, "round": {hiddenRound(t, board, "assignform")},
		"indicator": {"2.3.1"}, "department": {"市教育局"}, "due": {"2018-03-31"}, "next": {"/assignments?city=330100"}})
	if resp.StatusCode != http.StatusOK || strings.Contains(textOf(body), roundRuleWords["zh"]) {
		t.Fatalf("adding a task from the board with no current round: %d %.600s", resp.StatusCode, textOf(body))
	}
	tasks, err := s.env.Assignments.List(context.Background(), testenv.Admin, assignments.Filter{City: "330100"})
	if err != nil || len(tasks) != 1 || tasks[0].Round != 2018 {
		t.Errorf("tasks after adding one with no current round: %+v %v, want one in 2018", tasks, err)
	}
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": hiddenRound(t, board, "importform"),
		"next": "/assignments?city=330100"}, map[string][]byte{"责任分解表.csv": []byte(roundTable)})
	if r.resp.StatusCode != http.StatusOK || strings.Contains(textOf(r.body), roundRuleWords["zh"]) {
		t.Errorf("importing a table from the board with no current round: %d %.600s", r.resp.StatusCode, textOf(r.body))
	}
	_, carry := wang.get("/carryovers?city=330100")
	resp, body = wang.post("/carryovers", url.Values{"city": {"330100"}, "round": {hiddenRound(t, carry, "carry-start")}})
	if resp.StatusCode != http.StatusOK || strings.Contains(textOf(body), roundRuleWords["zh"]) {
		t.Errorf("the carry-over button with no current round: %d %.600s", resp.StatusCode, textOf(body))
	}
}
