package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestFailedCopiesOfTheSameNameAreNamedOnTheGoodOne: a file that failed
// twice and then was read leaves the failed copies (other bytes each);
// the good document's page names them, with links, to the coordinator,
// and removes none (probe s27 §13).
func TestFailedCopiesOfTheSameNameAreNamedOnTheGoodOne(t *testing.T) {
	s := newSite(t)
	bad1 := uploadFailed(t, s, "扫描件-实施意见.txt", garbledText())
	bad2 := uploadFailed(t, s, "扫描件-实施意见.txt", garbledText()[:2000])
	other := uploadFailed(t, s, "责任分解表.txt", garbledText()[:1000])
	st, err := s.env.Ingest.Stage(strings.NewReader("关于推进学习型城市建设的实施意见：全市社区学校覆盖率达到85%。"), "扫描件-实施意见.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	good := s.env.WaitIndexed(out[0].Document.ID)
	_, body := s.login("wang").get("/documents/" + good.ID)
	i := strings.Index(body, `id="failed-namesakes"`)
	if i < 0 {
		t.Fatalf("the good document's page does not name the failed copies of its name (%s %s %s; %s %s):\n%.1500s", bad1.Title, bad1.Filename, bad1.Status, good.Title, good.Status, html.UnescapeString(textOf(body)))
	}
	notice := body[i : i+strings.Index(body[i:], "</section>")]
	for _, d := range []*catalog.Document{bad1, bad2} {
		if !strings.Contains(notice, "/documents/"+d.ID) {
			t.Errorf("the notice lacks failed copy %s:\n%s", d.ID, notice)
		}
	}
	if strings.Contains(notice, other.ID) {
		t.Errorf("the notice names a failed document of another name")
	}
	if text := html.UnescapeString(textOf(notice)); !strings.Contains(text, "处理失败") || !strings.Contains(text, "删除") {
		t.Errorf("the notice does not say what they are and what to do: %s", text)
	}
	for _, d := range []*catalog.Document{bad1, bad2} {
		if _, err := s.env.Catalog.Document(context.Background(), d.ID); err != nil {
			t.Errorf("failed copy %s: %v, want it kept", d.ID, err)
		}
	}
	if _, body := s.login("zhou").get("/documents/" + good.ID); strings.Contains(body, `id="failed-namesakes"`) {
		t.Errorf("an expert, who cannot delete, is shown the notice")
	}
}
