package documents_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestContributorCorrectsOwnUpload: a department contributor corrects a
// typo in the title or 文号 of a document they handed in, audited, while
// it is theirs and unreviewed; not another's upload, not its 责任单位 or
// round, and not once the coordinator accepted it or a claim cites it.
// The coordinator's rights are unchanged.
func TestContributorCorrectsOwnUpload(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	jiaoyu := &catalog.User{Username: "jiaoyu", Role: catalog.RoleContributor, City: "330100", Department: "市教育局"}
	jiaoyu2 := &catalog.User{Username: "jiaoyu2", Role: catalog.RoleContributor, City: "330100", Department: "市教育局"}
	imp, err := e.Assignments.Import(ctx, coordA, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n3.1.1,市教育局,2018-03-31\n")})
	if err != nil {
		t.Fatal(err)
	}
	handIn := func(task, name, text string) *catalog.Document {
		st, err := e.Ingest.Stage(strings.NewReader(text), name)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Remove()
		out, err := e.Ingest.Upload(ctx, jiaoyu, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
			Assignment: task, Files: []*ingest.Staged{st}})
		if err != nil || out[0].Err != nil {
			t.Fatalf("hand in %s: %v %v", name, err, out[0].Err)
		}
		return e.WaitIndexed(out[0].Document.ID)
	}
	task := map[string]string{}
	for _, a := range imp.Assignments {
		task[a.Indicator] = a.ID
	}
	d := handIn(task["2.3.1"], "学分银行.txt", "杭州市学分银行建设情况报告\n建立学分银行。")
	str := func(s string) *string { return &s }

	if _, err := e.Documents.Edit(ctx, jiaoyu, d.ID, catalog.DocumentPatch{Title: str("杭州市学分银行建设情况报告（修订）"),
		DocNumber: str("杭教发〔2018〕3号"), Department: str(d.Department), Round: str(d.Round)}); err != nil {
		t.Fatalf("the contributor correcting their own upload: %v", err)
	}
	got, _ := e.Catalog.Document(ctx, d.ID)
	if got.Title != "杭州市学分银行建设情况报告（修订）" || got.DocNumber != "杭教发〔2018〕3号" {
		t.Errorf("after the contributor's edit: title %q 文号 %q", got.Title, got.DocNumber)
	}
	evs, _ := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: d.ID, Action: "document.edit"})
	if len(evs) == 0 || evs[0].User != "jiaoyu" {
		t.Errorf("the contributor's edit is not audited under their name: %+v", evs)
	}
	for _, tt := range []struct {
		name  string
		user  *catalog.User
		patch catalog.DocumentPatch
	}{
		{"another contributor of the department", jiaoyu2, catalog.DocumentPatch{Title: str("改")}},
		{"its 责任单位", jiaoyu, catalog.DocumentPatch{Department: str("市民政局")}},
		{"its round", jiaoyu, catalog.DocumentPatch{Round: str("2017")}},
	} {
		if _, err := e.Documents.Edit(ctx, tt.user, d.ID, tt.patch); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
			t.Errorf("%s: %v, want EFORBIDDEN", tt.name, err)
		}
	}

	cited := handIn(task["3.1.1"], "学习周.txt", "全民终身学习活动周总结\n举办学习周。")
	if _, err := e.Claims.Create(ctx, coordA, claims.Input{Round: 2018, Indicator: "3.1.1", Statement: "举办了学习周",
		Citations: []claims.CitationInput{{DocumentID: cited.ID, Page: 1, Quote: "举办学习周"}}}); err != nil {
		t.Fatal(err)
	}
	e.WaitHandedInRead(task["2.3.1"])
	if _, err := e.Assignments.Accept(ctx, coordA, task["2.3.1"], ""); err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]string{"accepted": d.ID, "cited": cited.ID} {
		_, err := e.Documents.Edit(ctx, jiaoyu, id, catalog.DocumentPatch{Title: str("改")})
		if catalog.ErrorCode(err) != catalog.EFORBIDDEN || !strings.Contains(err.Error(), "协调员") {
			t.Errorf("the contributor editing an upload now %s: %v, want EFORBIDDEN naming the coordinator", name, err)
		}
	}
	// A 责任单位 the coordinator changes must be on the city's list.
	if _, err := e.Catalog.AddDepartment(ctx, "330100", "市人社局", "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Documents.Edit(ctx, coordA, d.ID, catalog.DocumentPatch{Title: str("杭州市学分银行建设情况报告"),
		Department: str("市人社局")}); err != nil {
		t.Errorf("the coordinator editing an accepted document: %v", err)
	}
}

// TestContributorCannotEditAnotherDepartmentsSubmission: the same file
// handed in by two departments for their own tasks is one document, and
// both departments' submission: the one who uploaded it first may not
// retitle the other's.
func TestContributorCannotEditAnotherDepartmentsSubmission(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	jiaoyu := &catalog.User{Username: "jiaoyu", Role: catalog.RoleContributor, City: "330100", Department: "市教育局"}
	renshe := &catalog.User{Username: "renshe", Role: catalog.RoleContributor, City: "330100", Department: "市人社局"}
	imp, err := e.Assignments.Import(ctx, coordA, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n2.3.1,市人社局,2018-03-31\n")})
	if err != nil {
		t.Fatal(err)
	}
	task := map[string]string{}
	for _, a := range imp.Assignments {
		task[a.Department] = a.ID
	}
	const text = "杭州市学分银行建设情况报告\n建立学分银行，人社部门参与职业培训成果认定。"
	var id string
	for _, u := range []*catalog.User{jiaoyu, renshe} {
		st, err := e.Ingest.Stage(strings.NewReader(text), "学分银行.txt")
		if err != nil {
			t.Fatal(err)
		}
		out, err := e.Ingest.Upload(ctx, u, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
			Assignment: task[u.Department], Files: []*ingest.Staged{st}})
		st.Remove()
		if err != nil || out[0].Err != nil {
			t.Fatalf("%s hands in: %v %v", u.Username, err, out[0].Err)
		}
		if id != "" && out[0].Document.ID != id {
			t.Fatalf("the same file handed in twice is two documents")
		}
		id = out[0].Document.ID
	}
	e.WaitIndexed(id)
	title := "改掉的标题"
	_, err = e.Documents.Edit(ctx, jiaoyu, id, catalog.DocumentPatch{Title: &title})
	if catalog.ErrorCode(err) != catalog.EFORBIDDEN || !strings.Contains(catalog.ErrorMessage(err), "其他部门") {
		t.Errorf("retitling a file another department handed in too: %v, want EFORBIDDEN naming the other department", err)
	}
	if d, _ := e.Catalog.Document(ctx, id); d.Title == title {
		t.Errorf("the title was changed")
	}
}
