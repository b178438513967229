package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestHandInExamplesReadAsExamples: the grey 杭教〔2018〕9号 and
// 2018年3月20日 in the empty 文号 and 成文日期 fields of 我的任务 and the
// upload page read as values already filled in. Each example says it is
// one (例：, e.g.), in Chinese and English.
func TestHandInExamplesReadAsExamples(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	if _, err := s.env.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2099-03-31"}); err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`<input[^>]*name="(doc_number|issued_on)"[^>]*placeholder="([^"]*)"`)
	for _, tt := range []struct {
		user, path string
		english    bool
		want       map[string]string
	}{
		{"jiaoyu", "/tasks", false, map[string]string{"doc_number": "例：杭教〔2018〕9号", "issued_on": "例：2018年3月20日"}},
		{"jiaoyu", "/tasks", true, map[string]string{"doc_number": "e.g. 杭教〔2018〕9号", "issued_on": "e.g. 2018-03-20"}},
		{"wang", "/upload", false, map[string]string{"doc_number": "例：杭教〔2018〕9号", "issued_on": "例：2018年3月20日"}},
		{"wang", "/upload", true, map[string]string{"doc_number": "e.g. 杭教〔2018〕9号", "issued_on": "e.g. 2018-03-20"}},
	} {
		b := s.login(tt.user)
		if tt.english {
			b.english()
		}
		resp, body := b.get(tt.path)
		found := map[string]string{}
		for _, m := range placeholder.FindAllStringSubmatch(body, -1) {
			found[m[1]] = html.UnescapeString(m[2])
		}
		for field, want := range tt.want {
			if resp.StatusCode != 200 || found[field] != want {
				t.Errorf("%s as %s (english %v): the %s field's example is %q, want %q", tt.path, tt.user, tt.english, field, found[field], want)
			}
		}
	}
}

// TestATaskNamesItsRoundAsARound: 我的任务 said 监测轮次：2018, a bare
// year, where the rest of the archive says 2018年度; a round is named
// 2018年度 (round 2018 in English) wherever it is shown beside other
// details.
func TestATaskNamesItsRoundAsARound(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	if _, err := s.env.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2099-03-31"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		english     bool
		want, wrong string
	}{
		{false, "截止日期：2099-03-31 · 2018年度", "监测轮次：2018 "},
		{true, "2099-03-31 · round 2018", "Round: 2018 "},
	} {
		b := s.login("jiaoyu")
		if tt.english {
			b.english()
		}
		_, body := b.get("/tasks")
		text := strings.Join(strings.Fields(html.UnescapeString(textOf(body))), " ")
		if !strings.Contains(text, tt.want) || strings.Contains(text, tt.wrong) {
			t.Errorf("我的任务 (english %v) names the round otherwise than %q: %.600s", tt.english, tt.want, text)
		}
	}
}

// TestEnglishFormsExplainTheirExamples: the English pages' example of a
// claim's statement was 2017年全年共举办342场大讲堂 and that of a task's or
// the list's department a bare 市教育局: the statement's example is
// English, the department's says it is one; the Chinese pages' say 例：.
func TestEnglishFormsExplainTheirExamples(t *testing.T) {
	s := newSite(t)
	han := regexp.MustCompile(`\p{Han}`)
	for _, tt := range []struct {
		path, field string
		english     bool
		want        func(string) bool
	}{
		{"/claims/new?indicator=1.1.1&city=330100", "statement", true, func(p string) bool { return strings.HasPrefix(p, "e.g. ") && !han.MatchString(p) }},
		{"/claims/new?indicator=1.1.1&city=330100", "statement", false, func(p string) bool { return p == "例：2017年全年共举办342场大讲堂" }},
		{"/assignments?city=330100", "department", true, func(p string) bool { return strings.HasPrefix(p, "e.g. 市教育局") }},
		{"/assignments?city=330100", "department", false, func(p string) bool { return p == "例：市教育局" }},
		{"/departments?city=330100", "name", true, func(p string) bool { return strings.HasPrefix(p, "e.g. 市教育局") }},
	} {
		b := s.login("wang")
		if tt.english {
			b.english()
		}
		resp, body := b.get(tt.path)
		m := regexp.MustCompile(`<(?:input|textarea)[^>]*name="` + tt.field + `"[^>]*placeholder="([^"]*)"`).FindStringSubmatch(body)
		if resp.StatusCode != 200 || m == nil || !tt.want(html.UnescapeString(m[1])) {
			t.Errorf("%s (english %v): %d, the %s field's example %q", tt.path, tt.english, resp.StatusCode, tt.field, m)
		}
	}
}
