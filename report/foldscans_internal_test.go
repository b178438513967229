package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestFoldScansRules: foldScans folds a document under one of its 文号
// and title only as its rules say: not a confirmed document under one
// still 待确认 (the other way it does), not under a withdrawn document,
// nor a withdrawn one under another; of two of equal pages the first
// listed stays, unless the second is cited at a page (it stays, and the
// first is listed under it); a document cited at a page stays listed.
func TestFoldScansRules(t *testing.T) {
	const number, title = "杭教发〔2023〕5号", "关于推进学分银行建设的通知"
	docs := map[string]*catalog.Document{}
	ev := func(id string, pages int, set func(*Evidence)) Evidence {
		docs[id] = &catalog.Document{ID: id, Pages: pages}
		e := Evidence{DocumentID: id, Title: title, DocNumber: number, Filename: id + ".pdf"}
		if set != nil {
			set(&e)
		}
		return e
	}
	toConfirm := func(e *Evidence) { e.ToConfirm = true }
	withdrawn := func(e *Evidence) { e.Withdrawn = true }
	for _, tt := range []struct {
		name string
		ev   []Evidence
		want string
	}{
		{"a confirmed scan, a whole to confirm", []Evidence{ev("通知", 2, toConfirm), ev("照片", 1, nil)}, "通知[] 照片[]"},
		{"a scan to confirm, a confirmed whole", []Evidence{ev("通知", 2, nil), ev("照片", 1, toConfirm)}, "通知[照片] "},
		{"a withdrawn whole", []Evidence{ev("通知", 2, withdrawn), ev("照片", 1, nil)}, "通知[] 照片[]"},
		{"a withdrawn scan", []Evidence{ev("通知", 2, nil), ev("照片", 1, withdrawn)}, "通知[] 照片[]"},
		{"equal pages", []Evidence{ev("扫描件", 2, nil), ev("电子版", 2, nil)}, "扫描件[电子版] "},
		{"equal pages, the second cited", []Evidence{ev("扫描件", 2, nil), ev("电子版", 2, func(e *Evidence) { e.Page = 1 })}, "电子版[扫描件]"},
		{"a scan cited at a page", []Evidence{ev("通知", 2, nil), ev("照片", 1, func(e *Evidence) { e.Page = 1 })}, "通知[] 照片[]"},
		// A title read before titles kept their full-width marks, and the
		// same title as the document writes it: one notice.
		{"titles differing in the width of their marks", []Evidence{
			ev("通知", 2, func(e *Evidence) { e.Title = "杭州市学分银行管理办法（试行）" }),
			ev("照片", 1, func(e *Evidence) { e.Title = "杭州市学分银行管理办法(试行)" })}, "通知[照片] "},
		{"titles differing in a word", []Evidence{
			ev("通知", 2, func(e *Evidence) { e.Title = "杭州市学分银行管理办法（试行）" }),
			ev("说明", 1, func(e *Evidence) { e.Title = "杭州市学分银行管理办法(试行)情况说明" })}, "通知[] 说明[]"},
	} {
		var got []string
		for _, e := range foldScans(tt.ev, docs, nil) {
			var scans []string
			for _, s := range e.Scans {
				scans = append(scans, s.DocumentID)
			}
			got = append(got, fmt.Sprintf("%s[%s]", e.DocumentID, strings.Join(scans, " ")))
		}
		if g := strings.Join(got, " "); strings.TrimSpace(g) != strings.TrimSpace(tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, g, tt.want)
		}
	}
}
