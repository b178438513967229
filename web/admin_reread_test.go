package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAdminRereadsWhatOlderReadersRead: the admin page counts a text an
// older extraction reader gave and fields an older field reader read;
// 重新读取 reads both again on the running server, in the background (a
// second press while it runs says so and starts nothing), after which the
// text is today's, the 文号 the document's own, the issuer a person typed
// kept, the changed fields listed and the count 0. Only admins may.
func TestAdminRereadsWhatOlderReadersRead(t *testing.T) {
	s := newSite(t)
	oldText, oldFields := s.env.OutdatedArchive("330100", "wang")
	admin, wang := s.login("admin"), s.login("wang")

	_, body := admin.get("/admin")
	text := html.UnescapeString(textOf(body))
	if want := "2 份材料可用新版读取器重新读取（文字 1 份，字段 1 份）"; !strings.Contains(text, want) {
		t.Fatalf("the admin page lacks %q: %.600s", want, text[strings.Index(text, "新版读取器"):])
	}
	if !strings.Contains(body, `action="/admin/reread"`) {
		t.Fatalf("the admin page has no 重新读取 form")
	}
	if m := halfWidthInChinese.FindAllString(text, 5); m != nil {
		t.Errorf("the admin page: half-width punctuation next to Chinese %q", m)
	}
	if resp, _ := wang.post("/admin/reread", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a coordinator's 重新读取: %d, want 403", resp.StatusCode)
	}

	release := s.env.HoldTextReads()
	defer release()
	resp, body := admin.post("/admin/reread", url.Values{})
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/admin" || !strings.Contains(body, "已开始重新读取") {
		t.Fatalf("重新读取: %d at %s: %.300s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	if !strings.Contains(body, "正在重新读取：0/0") {
		t.Errorf("the page after starting shows no progress: %.600s", textOf(body))
	}
	resp, body = admin.post("/admin/reread", url.Values{})
	if resp.StatusCode != 200 || !strings.Contains(body, "重新读取正在进行（已完成 0/0），请稍后再查看进度") {
		t.Errorf("a second press while it runs: %d %.300s", resp.StatusCode, textOf(body))
	}
	release()
	run := s.env.WaitRereadDone(oldText.ID, oldFields.ID)
	if len(run.Queued) != 1 || run.Queued[0] != oldText.ID || len(run.Fields.Changed) != 1 || run.Fields.Changed[0].ID != oldFields.ID {
		t.Fatalf("the run: queued %v, fields changed %d; want %s's text and %s's fields", run.Queued, len(run.Fields.Changed), oldText.ID, oldFields.ID)
	}

	ctx := context.Background()
	got, err := ingest.LoadText(ctx, s.env.Blobs, oldText.SHA256)
	if err != nil || got.Version != extract.VersionOf(got.Extractor) || !strings.Contains(got.Pages[0], testenv.OutdatedWords) {
		t.Errorf("the text read again: %+v, %v; want today's reading of the file", got, err)
	}
	d, err := s.env.Catalog.Document(ctx, oldFields.ID)
	if err != nil || d.DocNumber != testenv.OwnNumber || d.Issuer != testenv.PersonsIssuer || d.Status != catalog.StatusIndexed {
		t.Errorf("the fields read again: %+v, %v; want 文号 %s, the issuer the person typed %s, indexed", d, err, testenv.OwnNumber, testenv.PersonsIssuer)
	}

	_, body = admin.get("/admin")
	text = html.UnescapeString(textOf(body))
	for _, want := range []string{"所有材料都已由当前版本的读取器读取", "上次重新读取：1 份文字重新提取，1 份字段重新读取，其中 1 份有变化", testenv.OwnNumber, testenv.PersonsIssuer} {
		if !strings.Contains(text, want) {
			t.Errorf("the admin page after the run lacks %q: %.800s", want, text[strings.Index(text, "新版读取器"):])
		}
	}
}
