package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestContributorEditsOwnUploadOnItsPage: the document page offers a
// department contributor the metadata form on their own unreviewed upload
// (责任单位 and round read-only) and saves a corrected title; another's
// upload shows no form.
func TestContributorEditsOwnUploadOnItsPage(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	other := s.env.Upload("330100", "学习周.txt", "全民终身学习活动周总结")
	a, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2099-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	dept := &catalog.User{Username: "jiaoyu", Role: catalog.RoleContributor, City: "330100", Department: "市教育局"}
	st, err := s.env.Ingest.Stage(strings.NewReader("杭州市学分银行建没情况\n建立学分银行。"), "学分银行.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(ctx, dept, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
		Assignment: a.ID, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("hand in: %v %v", err, out[0].Err)
	}
	d := s.env.WaitIndexed(out[0].Document.ID)

	b := s.login("jiaoyu")
	_, page := b.get("/documents/" + d.ID)
	if !strings.Contains(page, `id="metaform"`) || !strings.Contains(page, `name="department" value="市教育局" readonly`) {
		t.Fatalf("the contributor's own upload offers no metadata form with a read-only 责任单位: %.3000s", textOf(page))
	}
	resp, body := b.post("/documents/"+d.ID, url.Values{"title": {"杭州市学分银行建设情况"}, "doc_type": {"work_summary"},
		"department": {d.Department}, "round": {d.Round}})
	if resp.StatusCode != 200 {
		t.Fatalf("saving the corrected title: %d %.600s", resp.StatusCode, textOf(body))
	}
	if got, _ := s.env.Catalog.Document(ctx, d.ID); got.Title != "杭州市学分银行建设情况" {
		t.Errorf("title after the contributor saved: %q", got.Title)
	}
	if _, page := b.get("/documents/" + other.ID); strings.Contains(page, `id="metaform"`) {
		t.Errorf("another's upload offers the contributor the metadata form")
	}
}
