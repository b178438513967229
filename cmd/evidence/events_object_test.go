package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestEventsOfABareID: `evidence events --object` given the bare id of a
// claim or of a value, as a coordinator copies it from a page, lists that
// claim's or value's events, as claim:ID and value:ID do; a document's id
// lists the document's; an id of nothing says so, and how to write the
// object, instead of printing nothing with exit status 0.
func TestEventsOfABareID(t *testing.T) {
	s := startServer(t, "")
	const text = "杭州市学分银行建设情况：2018年认定市民终身学习基地123个，建立市民终身学习账户。"
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary"}, upload{name: "学分银行工作总结.txt", body: []byte(text)})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	doc := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(doc)
	status, out := s.send("POST", "/api/v1/claims", fmt.Sprintf(`{"city":"330100","indicator":"2.3.1","statement":"杭州市建立了学分银行",
		"citations":[{"document_id":%q,"page":1,"quote":"建立市民终身学习账户"}]}`, doc))
	if status != 201 {
		t.Fatalf("claim: %d %v", status, out)
	}
	claim := out["claim"].(map[string]any)["id"].(string)
	status, out = s.send("POST", "/api/v1/values", fmt.Sprintf(`{"city":"330100","indicator":"2.2.1","value":"123",
		"citation":{"document_id":%q,"page":1,"quote":"认定市民终身学习基地123个"}}`, doc))
	if status != 201 {
		t.Fatalf("value: %d %v", status, out)
	}
	value := out["value"].(map[string]any)["id"].(string)
	s.stop()
	tests := []struct {
		name, object, want string
	}{
		{"定性描述的编号", claim, "claim:" + claim},
		{"写明种类的定性描述", "claim:" + claim, "claim:" + claim},
		{"数值的编号", value, "value:" + value},
		{"文档的编号", doc, doc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runCLI(t, "events", "--data", s.dataDir, "--object", tt.object)
			if err != nil || !strings.Contains(got, tt.want) {
				t.Fatalf("events --object %s: %v\n%s\nwant the events of %s", tt.object, err, got, tt.want)
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !strings.Contains(line, tt.want) {
					t.Errorf("an event of another object: %q", line)
				}
			}
		})
	}
	t.Run("不存在的编号", func(t *testing.T) {
		got, err := runCLI(t, "events", "--data", s.dataDir, "--object", "01M91C6962GVFZ9HP7H1ZAAVC5")
		if catalog.ErrorCode(err) != catalog.ENOTFOUND || !strings.Contains(describe(err), "定性描述写 claim:ID，数值写 value:ID") || got != "" {
			t.Fatalf("events --object of nothing: %q, %v; want ENOTFOUND saying how to write a claim and a value", got, err)
		}
	})
}
