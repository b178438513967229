package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestFollowedStatusSpeaksAsThePage: what follow.js asks of a document
// (GET /documents/{id}/status) is the line 我的任务 renders for it, in the
// page's language: a photo read with low confidence is not plain 可检索
// (Searchable), and a failed file gives its reason.
func TestFollowedStatusSpeaksAsThePage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	st, err := s.env.Ingest.Stage(strings.NewReader("杭州市社区教育活动照片说明：2017年开展活动120场。"), "社区教育活动照片.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: "330100", DocType: "work_summary"},
		Files: []*ingest.Staged{st}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	d := s.env.WaitIndexed(out[0].Document.ID)
	low := 0.19
	if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed,
		Reading: &catalog.Reading{PageSources: []string{catalog.SourceOCRLow}, OCRConfidence: &low}}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	followed := func(b *browser) followedJSON {
		t.Helper()
		resp, body := b.get("/documents/" + d.ID + "/status")
		var f followedJSON
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("the status of %s: %d %s %.300s", d.ID, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		if err := json.Unmarshal([]byte(body), &f); err != nil {
			t.Fatalf("the status of %s: %v in %.300s", d.ID, err, body)
		}
		return f
	}
	if f := followed(wang); f.Status != "indexed" || f.Line != "可检索，但文字识别不可靠（置信度 19%）：请重新拍照或上传原件" {
		t.Errorf("in Chinese: %+v", f)
	}
	wang.get("/lang?to=en")
	if f := followed(wang); !strings.HasPrefix(f.Line, "Searchable, but its text recognition is unreliable (confidence 19%)") {
		t.Errorf("in English: %+v", f)
	}
	if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusFailed,
		Error: "扫描件的每一页都是空白，无法识别文字；请重新扫描后上传"}); err != nil {
		t.Fatal(err)
	}
	if f := followed(s.login("wang")); f.Status != "failed" || f.Line != "处理失败：扫描件的每一页都是空白，无法识别文字；请重新扫描后上传" {
		t.Errorf("a failed file: %+v", f)
	}
}
