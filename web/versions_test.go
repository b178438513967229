package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentPageTellsVersionsApart: a new version's page says at its
// head which kept version it is like, with that one's file, round and
// indicator (the upload, made before the text is read, could not), and
// its 相近版本 list gives each version's file, format, upload time, round
// and use, newest first: the probe's list was two identical lines “标题 ·
// 杭州 · 相似度 95.0%” for the .pdf and the .docx (probe s38 #5).
func TestDocumentPageTellsVersionsApart(t *testing.T) {
	s := newSite(t)
	first := s.env.Upload("330100", "policy.txt", testenv.NoticeDraft)
	if err := s.env.Ingest.AddLink(context.Background(), testenv.Admin, &catalog.Link{DocumentID: first.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	second := s.env.Upload("330100", "policy_v2.txt", testenv.NoticeFinal)
	third := s.env.Upload("330100", "policy_v3.txt", testenv.NoticeFinal+"\n附：名单。")
	b := s.login("zhou")
	_, body := b.get("/documents/" + third.ID)
	notice := "与《" + first.Title + "》\uFF08policy.txt\uFF0C2017年度\uFF0C已关联 2.3.1\uFF09内容相近"
	for _, want := range []string{
		`id="versions-notice"`, notice,
		`<span class="nd-file">policy.txt</span> · <span class="nd-format">TXT</span> · <span class="nd-round">2017年度</span>`,
		`<span class="nd-use">已关联 2.3.1</span>`,
		`<span class="nd-file">policy_v2.txt</span>`, "<span class=\"nd-use\">未关联\uFF0C未被引用</span>",
		`<span class="nd-uploaded">` + strings.ReplaceAll(catalog.ShowTime(first.UploadedAt), "+", "&#43;") + ` 上传</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page of policy_v3.txt lacks %q in %s", want, body[strings.Index(body, "<section id=\"neardups\""):][:1500])
		}
	}
	if v2, v1 := strings.Index(body, `data-id="`+second.ID+`"`), strings.Index(body, `data-id="`+first.ID+`"`); v2 < 0 || v1 < 0 || v2 > v1 {
		t.Errorf("versions at %d (policy_v2.txt) and %d (policy.txt): want both, the newest first", v2, v1)
	}
	if _, body := b.get("/documents/" + s.env.Upload("330100", "方案.txt", testenv.Unrelated).ID); strings.Contains(body, `id="versions-notice"`) {
		t.Error("a document with no version says it is like one")
	}
}
