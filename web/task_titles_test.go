package web

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestTasksTellFilesOfOneTitleApart: 市教育局 hands in 台账.txt and
// 台账修订.txt for one task, both titled 台账 (a sheet's name); the board
// and 我的任务 list them as 台账（台账.txt） and 台账（台账修订.txt）, in
// English as 台账 (台账.txt).
func TestTasksTellFilesOfOneTitleApart(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	for _, f := range [][2]string{{"台账.txt", "2018年职业技能培训：全年培训45000人次。"}, {"台账修订.txt", "2018年职业技能培训（修订）：全年培训45000人次，上城区8000人次。"}} {
		if resp, page := dept.handIn(task, f[0], f[1]); resp.StatusCode != http.StatusOK {
			t.Fatalf("handing in %s: %d %.800s", f[0], resp.StatusCode, textOf(page))
		}
	}
	a, err := s.env.Catalog.Assignment(context.Background(), task)
	if err != nil || len(a.Documents) != 2 {
		t.Fatalf("the task: %+v %v, want two files", a, err)
	}
	title := "台账"
	for _, id := range a.Documents {
		s.env.WaitIndexed(id)
		if _, err := s.env.Catalog.UpdateDocument(context.Background(), id, catalog.DocumentPatch{Title: &title}, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	wang := s.login("wang")
	for _, tt := range []struct {
		who  *browser
		path string
		want []string
	}{
		{dept, "/tasks", []string{"台账（台账.txt）", "台账（台账修订.txt）"}},
		{wang, "/assignments?city=330100&round=2018", []string{"台账（台账.txt）", "台账（台账修订.txt）"}},
		{wang, "/assignments?city=330100&round=2018&lang=en", []string{"台账 (台账.txt)", "台账 (台账修订.txt)"}},
	} {
		_, page := tt.who.get(tt.path)
		page = html.UnescapeString(page)
		for _, w := range tt.want {
			if !strings.Contains(page, ">"+w+"</a>") {
				t.Errorf("%s %s: no file listed as %q:\n%.3000s", tt.who.name, tt.path, w, textOf(page))
			}
		}
	}
}

// TestTellApartFallsBackToUploadTimeThenPlace: files of one title and
// one file name are told apart by their upload time, and, uploaded in the
// same minute, by their place in the list; a title no other file has is
// left alone.
func TestTellApartFallsBackToUploadTimeThenPlace(t *testing.T) {
	at := time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC)
	ref := func(title, name string, uploaded time.Time) docRef {
		return docRef{Title: title, Submissions: []catalog.Submission{{Filename: name}}, Doc: &catalog.Document{Filename: name, UploadedAt: uploaded}}
	}
	for _, tt := range []struct {
		name string
		refs []docRef
		want []string
	}{
		{"upload time", []docRef{ref("台账", "台账.xlsx", at), ref("台账", "台账.xlsx", at.Add(26*time.Hour)), ref("总结", "总结.docx", at)},
			[]string{"台账（2026-12-06 10:00 UTC+8 上传）", "台账（2026-12-07 12:00 UTC+8 上传）", "总结"}},
		{"place", []docRef{ref("台账", "台账.xlsx", at), ref("台账", "台账.xlsx", at.Add(time.Second))},
			[]string{"台账（第 1 份）", "台账（第 2 份）"}},
	} {
		tellApart(Chinese, tt.refs)
		for i, w := range tt.want {
			if tt.refs[i].Title != w {
				t.Errorf("%s: file %d titled %q, want %q", tt.name, i+1, tt.refs[i].Title, w)
			}
		}
	}
}
