package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestEventsOfAnIndicator: `evidence events --indicator` lists the events
// of that indicator's claims and links, not those of another indicator
// (2.2.1's value, 2.3.2's claim, another of its group), and --city
// with it those of one city; through a running archive (--server, an
// admin's token) as from the data folder, line for line; --city alone is
// a usage error saying to give --indicator.
func TestEventsOfAnIndicator(t *testing.T) {
	s := startServer(t, "")
	const text = "杭州市学分银行建设情况：2018年认定市民终身学习基地123个，建立市民终身学习账户。"
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary"}, upload{name: "学分银行工作总结.txt", body: []byte(text)})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	doc := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(doc)
	created := map[string]string{}
	for _, c := range []struct{ name, path, body string }{
		{"claim", "/api/v1/claims", `{"city":"330100","indicator":"2.3.1","statement":"杭州市建立了学分银行","citations":[{"document_id":%q,"page":1,"quote":"建立市民终身学习账户"}]}`},
		{"claim 2.3.2", "/api/v1/claims", `{"city":"330100","indicator":"2.3.2","statement":"杭州市认定了终身学习基地","citations":[{"document_id":%q,"page":1,"quote":"认定市民终身学习基地123个"}]}`},
		{"value", "/api/v1/values", `{"city":"330100","indicator":"2.2.1","value":"123","citation":{"document_id":%q,"page":1,"quote":"认定市民终身学习基地123个"}}`},
		{"link", "/api/v1/links", `{"document_id":%q,"indicator":"2.3.1"}`},
	} {
		status, out := s.send("POST", c.path, fmt.Sprintf(c.body, doc))
		if status != 201 {
			t.Fatalf("%s: %d %v", c.name, status, out)
		}
		for _, kind := range []string{"claim", "value"} {
			if o, ok := out[kind].(map[string]any); ok {
				created[c.name] = kind + ":" + o["id"].(string)
			}
		}
	}
	remote := func(args ...string) string {
		t.Helper()
		out, err := runCLI(t, append([]string{"events", "--codes", "--server", s.base, "--token", s.token}, args...)...)
		if err != nil {
			t.Fatalf("events --server %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	got := remote("--indicator", "2.3.1")
	for _, want := range []string{"claim.create", created["claim"], "link.create"} {
		if !strings.Contains(got, want) {
			t.Errorf("events --indicator 2.3.1 --server lacks %s:\n%s", want, got)
		}
	}
	for _, other := range []string{created["claim 2.3.2"], created["value"], "document.upload"} {
		if strings.Contains(got, other) {
			t.Errorf("events --indicator 2.3.1 --server lists %s, not of 2.3.1:\n%s", other, got)
		}
	}
	inCity, elsewhere := remote("--indicator", "2.3.1", "--city", "330100"), remote("--indicator", "2.3.1", "--city", "330200")
	if inCity != got || elsewhere != "" {
		t.Errorf("events --indicator 2.3.1 --city: in 330100\n%s\nin 330200\n%s\nwant all of them in 330100, none in 330200", inCity, elsewhere)
	}
	remoteJSON := remote("--indicator", "2.3.1", "--json")
	s.stop()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--indicator", "2.3.1"}, got},
		{[]string{"--indicator", "2.3.1", "--city", "330200"}, ""},
		{[]string{"--indicator", "2.3.1", "--json"}, remoteJSON},
	} {
		local, err := runCLI(t, append([]string{"events", "--codes", "--data", s.dataDir}, tt.args...)...)
		if err != nil || local != tt.want {
			t.Errorf("events %s from the data folder: %v\n%s\nwant as through the server:\n%s", strings.Join(tt.args, " "), err, local, tt.want)
		}
	}
	out, err := runCLI(t, "events", "--data", s.dataDir, "--city", "330100")
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(describe(err), "--indicator") || out != "" {
		t.Errorf("events --city alone: %q, %v; want EINVALID asking for --indicator", out, err)
	}
}

// TestEventsHelpNamesIndicator: the help of evidence events, in both
// languages, and its flags' help name --indicator and --city.
func TestEventsHelpNamesIndicator(t *testing.T) {
	for _, c := range commandTable() {
		if c.name != "events" {
			continue
		}
		for _, lines := range [][]string{c.zh, c.en} {
			if help := strings.Join(lines, "\n"); !strings.Contains(help, "--indicator 2.3.1 [--city 330100]") {
				t.Errorf("the help of events does not name --indicator and --city: %q", help)
			}
		}
		var stderr bytes.Buffer
		run(t.Context(), []string{"events", "-h"}, &bytes.Buffer{}, &stderr)
		for _, flag := range []string{"-indicator", "-city", "-server", "-token"} {
			if !strings.Contains(stderr.String(), flag) {
				t.Errorf("events -h does not list %s:\n%s", flag, stderr.String())
			}
		}
		return
	}
	t.Fatal("no events command")
}
