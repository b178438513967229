package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestSearchByRound: `evidence search --round` keeps the documents that
// count for the rounds given, as a comma list or the option repeated,
// also when a pasted passage goes to the server in a JSON body; a round
// that is no year is refused in the API's words, and --help names it.
func TestSearchByRound(t *testing.T) {
	s := startServer(t, "")
	passage := strings.Repeat("各区县（市）要把全民终身学习活动周作为推进学习型城市建设的重要抓手，广泛发动社区学校、老年大学和图书馆开展学习成果展示，", 4)
	for _, round := range []string{"2017", "2018"} {
		status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary", "round": round},
			upload{name: round + "年学习活动周总结.txt", body: []byte(round + "年学习活动周工作总结\n\n" + passage)})
		if status != 201 {
			t.Fatalf("upload %s: %d %v", round, status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}
	searchesSay(t, s, []searchSays{
		{[]string{"search", "学习活动周"}, []string{"共 2 条结果"}, ""},
		{[]string{"search", "学习活动周", "--round", "2017"}, []string{"共 1 条结果", "2017年学习活动周工作总结"}, "2018年"},
		{[]string{"search", "学习活动周", "--round", "2018"}, []string{"共 1 条结果", "2018年学习活动周工作总结"}, "2017年"},
		{[]string{"search", "学习活动周", "--round", "2019"}, []string{"共 0 条结果"}, ""},
		{[]string{"search", "学习活动周", "--round", "2017,2018"}, []string{"共 2 条结果"}, ""},
		{[]string{"search", "学习活动周", "--round", "2017", "--round", "2018"}, []string{"共 2 条结果"}, ""},
		{[]string{"search", passage, "--round", "2017", "--round", "2018"}, []string{"共 2 条结果"}, ""},
	})
	_, err := runCLI(t, "search", "学习活动周", "--round", "第二轮", "--server", s.base, "--token", s.token)
	if want := "监测轮次应为 2000 至 2100 年间的年份（如 2018），或留空表示全部轮次；收到“第二轮”"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("--round 第二轮: %v, want %q", err, want)
	}
	var out, help bytes.Buffer
	_ = run(t.Context(), []string{"search", "-h"}, &out, &help)
	if h := out.String() + help.String(); !strings.Contains(h, "--round 轮次") || !strings.Contains(h, "监测轮次（如 2024）") {
		t.Errorf("evidence search -h does not name --round:\n%s", h)
	}
}

// TestSearchLeavesReturnedFilesOutUnlessAsked: a file a coordinator
// returned on a task, evidence of nothing else, is left out of `evidence
// search`, which says so and how to list it; --include-returned lists it,
// also when the query goes to the server as a JSON body.
func TestSearchLeavesReturnedFilesOutUnlessAsked(t *testing.T) {
	s := startServer(t, "")
	jiaoyu := addUser(t, s.dataDir, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	status, body := s.send("POST", "/api/v1/assignments", `{"city":"330100","round":2018,"indicator":"2.3.1","department":"市教育局","due":"2099-03-31"}`)
	if status != 201 {
		t.Fatalf("add a task: %d %v", status, body)
	}
	task := body["assignment"].(map[string]any)["id"].(string)
	admin := s.token
	s.token = jiaoyu
	ledger := "2018年职业技能培训台账：全年培训学员45000人次，各区县（市）分项数据另附。"
	status, body = s.upload(map[string]string{"city": "330100", "doc_type": "statistics", "assignment": task},
		upload{name: "台账.txt", body: []byte(ledger)})
	s.token = admin
	if status != 201 {
		t.Fatalf("hand in: %d %v", status, body)
	}
	s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	if status, body = s.send("POST", "/api/v1/assignments/"+task+"/return", `{"reason":"缺少各区县分项数据"}`); status != 200 {
		t.Fatalf("return: %d %v", status, body)
	}
	long := ledger + strings.Repeat("培训", 100)
	searchesSay(t, s, []searchSays{
		{[]string{"search", "职业技能培训台账"}, []string{"共 0 条结果", "另有 1 份已被协调员退回的文件符合检索条件，未列出；加 --include-returned 可列出"}, "台账"},
		{[]string{"search", "职业技能培训台账", "--include-returned"}, []string{"共 1 条结果", "1. 台账", "45000人次"}, "未列出"},
		{[]string{"search", long, "--include-returned"}, []string{"共 1 条结果"}, "未列出"},
		{[]string{"search", "职业技能培训台账", "--lang", "en"}, []string{"1 more file that a coordinator returned matched and was not listed; add --include-returned to list them"}, ""},
	})
}

// searchSays is a command line's search and what its output must and
// must not hold.
type searchSays struct {
	args []string
	want []string
	not  string
}

// searchesSay runs each search against s as its admin and checks what
// it printed.
func searchesSay(t *testing.T, s *server, cases []searchSays) {
	t.Helper()
	for _, tt := range cases {
		out, err := runCLI(t, append(tt.args, "--server", s.base, "--token", s.token)...)
		if err != nil {
			t.Fatalf("%.80v: %v\n%s", tt.args, err, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%.80v: want %q in\n%s", tt.args, w, out)
			}
		}
		if tt.not != "" && strings.Contains(out, tt.not) {
			t.Errorf("%.80v: %q in\n%s", tt.args, tt.not, out)
		}
	}
}
