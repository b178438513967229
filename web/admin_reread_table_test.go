package web

import (
	"bytes"
	"html"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestRereadChangedFieldsShownOnceTheRunEnds: /admin lists the documents
// whose fields a run of 重新读取 changed (字段有变化的材料) once the run
// has ended, beside its result line; while it still runs, only its
// progress is shown, not a table of what it has changed so far.
func TestRereadChangedFieldsShownOnceTheRunEnds(t *testing.T) {
	h := &handler{Deps: Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	if err := h.parseTemplates(); err != nil {
		t.Fatal(err)
	}
	// Its 文号 was guessed from what was read: the table marks it so.
	changed := &catalog.Document{ID: "D1", Filename: "通知.pdf", Title: "杭州市教育局关于开展全民终身学习活动周的通知", DocNumber: "杭教职成〔2018〕7号",
		ExtractedFields: []string{catalog.FieldDocNumber}, DocNumberRead: "杭教职成（2018] 7"}
	page := func(running bool) string {
		t.Helper()
		run := &ingest.RereadRun{Running: running, Done: 1, Total: 2, Fields: ingest.FieldsReread{Read: 1, Changed: []*catalog.Document{changed}}}
		v := view{Lang: Chinese, Request: httptest.NewRequest("GET", "/admin", nil), User: &catalog.User{Username: "admin", Role: catalog.RoleAdmin},
			Page: &adminPage{Reread: &rereadSection{Run: run}}}
		var buf bytes.Buffer
		if err := h.pages["admin"].Execute(&buf, v); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if p := page(true); strings.Contains(p, `id="rereadchanged"`) || !strings.Contains(p, `id="rereadprogress"`) {
		t.Errorf("while the run goes, /admin shows the changed fields' table (or no progress): %.1500s", textOf(from(p, "新版读取器")))
	}
	if p := page(false); !strings.Contains(p, `id="rereadchanged"`) || !strings.Contains(p, "杭教职成〔2018〕7号") {
		t.Errorf("once the run ended, /admin lacks the changed fields' table: %.1500s", textOf(from(p, "新版读取器")))
	}
	if p := page(false); !strings.Contains(html.UnescapeString(p), "杭教职成〔2018〕7号<span class=\"guess\"") {
		t.Errorf("the changed fields' table does not mark the guessed 文号: %.1500s", textOf(from(p, "新版读取器")))
	}
}

// TestRereadLineSaysQuotesNeitherCheckedNorMarked: a run's quotes of a
// text could neither be looked for again nor marked 引文待重新核对 (the
// catalog failing too). /admin's line says so, with why, in the page's
// language, rather than nothing while they keep the old text's marks.
func TestRereadLineSaysQuotesNeitherCheckedNorMarked(t *testing.T) {
	h := &handler{Deps: Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	if err := h.parseTemplates(); err != nil {
		t.Fatal(err)
	}
	run := &ingest.RereadRun{Quotes: ingest.QuoteChecks{Unmarked: 1, Reasons: []catalog.Words{{Chinese: "文字存储暂时无法读取", English: "The text store cannot be read just now"}}}}
	for _, tt := range []struct {
		lang Lang
		want string
	}{
		{Chinese, "1 个文字中的引文既未能重新核对，也未能标为待重新核对，仍是旧文字的标记（文字存储暂时无法读取）"},
		{English, "1 text's quotes could neither be checked again nor marked to be checked again, and keep the old text's marks (The text store cannot be read just now)"},
	} {
		v := view{Lang: tt.lang, Request: httptest.NewRequest("GET", "/admin", nil), User: &catalog.User{Username: "admin", Role: catalog.RoleAdmin},
			Page: &adminPage{Reread: &rereadSection{Run: run}}}
		var buf bytes.Buffer
		if err := h.pages["admin"].Execute(&buf, v); err != nil {
			t.Fatal(err)
		}
		if text := html.UnescapeString(textOf(buf.String())); !strings.Contains(text, tt.want) {
			t.Errorf("/admin (%s) lacks %q: %.1500s", tt.lang, tt.want, from(text, "rereadresult"))
		}
	}
}
