package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSearchThroughARunningServer: while serve holds the index, a plain
// `evidence search` says to use --server; with --server (or
// $EVIDENCE_SERVER) and a token it searches through the API, in the
// token's user's scope.
func TestSearchThroughARunningServer(t *testing.T) {
	s := startServer(t, "")
	for city, text := range map[string]string{"330100": "杭州市学分银行管理办法", "510100": "成都市学分银行建设方案"} {
		status, body := s.upload(map[string]string{"city": city, "doc_type": "policy"}, upload{name: city + ".txt", body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload: %d %v", status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}

	_, err := runCLI(t, "search", "学分银行", "--data", s.dataDir)
	if err == nil || !strings.Contains(err.Error(), "--server") {
		t.Fatalf("search while serve runs: %v, want an error that says to use --server", err)
	}

	out, err := runCLI(t, "search", "学分银行", "--server", s.base, "--token", s.token)
	if err != nil || !strings.Contains(out, "共 2 条结果") || !strings.Contains(out, "【学分银行】") {
		t.Fatalf("search --server: %v\n%s", err, out)
	}
	// Hits name their city as people do, not by its code (probe s36 #16).
	if !strings.Contains(out, "[杭州 · 政策文件]") || !strings.Contains(out, "[成都 · 政策文件]") || strings.Contains(out, "[330100") {
		t.Errorf("search --server does not name the hits' cities:\n%s", out)
	}

	// A field as other search engines write it searches its words and
	// says that there is no field syntax.
	out, err = runCLI(t, "search", "title:学分银行", "--server", s.base, "--token", s.token)
	if err != nil || !strings.Contains(out, "共 2 条结果") || !strings.Contains(out, "检索不支持字段写法（title:）；已在标题和正文中检索其余的词：学分银行") {
		t.Fatalf("search title:学分银行 --server: %v\n%s", err, out)
	}

	coord := addUser(t, s.dataDir, "--name", "wang", "--role", "coordinator", "--city", "330100")
	t.Setenv("EVIDENCE_SERVER", s.base)
	t.Setenv("EVIDENCE_TOKEN", coord)
	out, err = runCLI(t, "search", "学分银行", "--json")
	var res struct {
		Total int
		Hits  []struct{ City string }
	}
	if err != nil || json.Unmarshal([]byte(out), &res) != nil || res.Total != 1 || res.Hits[0].City != "330100" {
		t.Fatalf("search via $EVIDENCE_SERVER as 杭州's coordinator: %v\n%s", err, out)
	}

	out, err = runCLI(t, "search", "学分银行")
	if err != nil || !strings.Contains(out, "共 1 条结果") || !strings.Contains(out, "仅检索了您的账号可查看的城市：杭州（330100）") {
		t.Fatalf("search via $EVIDENCE_SERVER as 杭州's coordinator does not name the city it was held to: %v\n%s", err, out)
	}

	if _, err := runCLI(t, "search", "学分银行", "--token", "ev_wrong"); err == nil || !strings.Contains(err.Error(), "令牌") {
		t.Errorf("a bad token: %v", err)
	}
}
