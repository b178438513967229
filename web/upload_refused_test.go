package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestUploadFormsAreRefusedBeforeTheirFilesAreStaged: the forms without
// script check who may upload for which city or task before a file is
// staged, as the API does. The files sent here are empty, which staging
// refuses on arrival: had they been staged, the page would answer with
// the empty file's refusal instead of the city's or the task's. A
// coordinator posting the upload form for another city gets the refusal
// naming both cities; a department's contact posting a hand-in for
// another department's task gets that task's refusal; nothing is stored.
func TestUploadFormsAreRefusedBeforeTheirFilesAreStaged(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	got := wang.postFilesBody("/upload", map[string]string{"city": "510100", "doc_type": "policy"},
		map[string][]byte{"成都市学习型城市建设工作总结.pdf": nil})
	if body := textOf(got.body); got.resp.StatusCode != http.StatusForbidden ||
		!strings.Contains(body, "您是杭州（330100）的协调员，不能为成都（510100）上传材料") || strings.Contains(body, "工作总结.pdf") {
		t.Errorf("another city's upload form: %d %.300s, want 403 with the city's refusal before the file is looked at", got.resp.StatusCode, body)
	}

	dept, _ := departmentWithATask(t, s)
	other, err := s.env.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市人社局", Due: "2099-04-15"})
	if err != nil {
		t.Fatal(err)
	}
	got = dept.postFilesBody("/tasks/"+other.ID+"/upload", map[string]string{"doc_type": "work_summary", "next": "/tasks"},
		map[string][]byte{"人社局职业技能培训总结.docx": nil})
	if body := textOf(got.body); got.resp.StatusCode != http.StatusNotFound ||
		!strings.Contains(body, "不属于您的部门") || strings.Contains(body, "培训总结.docx") {
		t.Errorf("another department's task: %d %.300s, want 404 with the task's refusal before the file is looked at", got.resp.StatusCode, body)
	}

	for _, city := range []string{"330100", "510100"} {
		docs, err := s.env.Catalog.CityDocuments(context.Background(), city)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 0 {
			t.Errorf("%d documents of %s stored after refused forms", len(docs), city)
		}
	}
}
