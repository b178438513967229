package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAuditLogNamesADocumentAsItWasCalled: a document given a title, then
// renamed, is named in the first edit's row by the title it had then,
// with today's after it, and in the rename's row by the new title alone;
// an event logged before titles were recorded by today's, as before.
func TestAuditLogNamesADocumentAsItWasCalled(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "xuefen.txt", "2017年存入学分银行的社会培训成果12.3万人。")
	old, renamed := "学分银行建设情况（初稿）", "关于推进学分银行建设的实施意见"
	for _, title := range []string{old, renamed} {
		if _, err := s.env.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Title: &title}); err != nil {
			t.Fatal(err)
		}
	}
	admin := s.login("admin")
	for _, tt := range []struct {
		english bool
		want    []string
		not     string
	}{
		{false, []string{"文档《" + old + "》（现名《" + renamed + "》）", "文档《" + renamed + "》"}, "《" + renamed + "》（现名"},
		{true, []string{"document “" + old + "” (now: “" + renamed + "”)", "document “" + renamed + "”"}, "“" + renamed + "” (now"},
	} {
		if tt.english {
			admin.english()
		}
		_, body := admin.get("/admin")
		events := html.UnescapeString(textOf(body[strings.Index(body, `id="events"`):]))
		for _, w := range tt.want {
			if !strings.Contains(events, w) {
				t.Errorf("audit log (English %v): want %q: %.900s", tt.english, w, events)
			}
		}
		if strings.Contains(events, tt.not) {
			t.Errorf("audit log (English %v): the rename's row says the new title is another: %.900s", tt.english, events)
		}
	}

	// An event logged before titles were recorded has none in its detail.
	h := &handler{Deps: s.deps(s.env.Auth)}
	rows := h.eventRows(ctx, Chinese, testenv.Admin, []catalog.Event{{User: "test", Action: "document.upload", Object: d.ID,
		Detail: map[string]any{"filename": "xuefen.txt"}}}, nil)
	if got, want := rows[0].About, "文档《"+renamed+"》"; got != want || rows[0].Link != "/documents/"+d.ID {
		t.Errorf("an old event: %q → %s, want %q → /documents/%s", got, rows[0].Link, want, d.ID)
	}
}
