package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentDepartmentFromTheList: the document form offers 杭州's
// 责任单位名单 as the field is typed, and a changed 责任单位 off the list
// (the typo 市教肓局 of probe s36 #17) comes back beside the field, naming
// the list and where to add to it, with nothing saved; a name typed
// another way is stored as the list writes it; a name stored before the
// list existed is shown and saved unchanged.
func TestDocumentDepartmentFromTheList(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.AddDepartment(ctx, testenv.Admin, "330100", "市教育局"); err != nil {
		t.Fatal(err)
	}
	d := s.env.Upload("330100", "学分银行通知.txt", "杭州市教育局关于推进学分银行建设的通知")
	old := "区社区学院"
	if _, err := s.env.Catalog.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Department: &old}, "admin"); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, page := wang.get("/documents/" + d.ID)
	if !strings.Contains(page, `list="m-dept-list"`) || !strings.Contains(page, `<option value="市教育局">`) || !strings.Contains(page, `value="区社区学院"`) {
		t.Fatalf("the form neither offers the list nor shows the stored 区社区学院: %.3000s", page)
	}
	tests := []struct {
		typed  string
		status int
		says   string // beside the field, "" when saved
		stored string
	}{
		{"区社区学院", http.StatusOK, "", "区社区学院"},
		{"市教肓局", http.StatusBadRequest, "杭州的责任单位名单中没有“市教肓局”；请从名单中选择，或先在“责任分解”页的“管理责任单位名单”中添加", "区社区学院"},
		{"教育局", http.StatusOK, "", "市教育局"},
		{"", http.StatusOK, "", ""},
	}
	for _, tt := range tests {
		resp, body := wang.post("/documents/"+d.ID, url.Values{"title": {d.Title}, "doc_type": {"policy"}, "department": {tt.typed}})
		if resp.StatusCode != tt.status {
			t.Errorf("责任单位 %q: %d %.500s, want %d", tt.typed, resp.StatusCode, textOf(body), tt.status)
		}
		if tt.says != "" {
			beside(t, "责任单位 "+tt.typed, resp, body, tt.status, "m-dept-err", tt.says)
			if !strings.Contains(html.UnescapeString(body), `value="`+tt.typed+`"`) {
				t.Errorf("责任单位 %q: the refused form does not keep what was typed", tt.typed)
			}
		}
		if got, err := s.env.Catalog.Document(ctx, d.ID); err != nil || got.Department != tt.stored {
			t.Errorf("责任单位 %q: stored %q, %v; want %q", tt.typed, got.Department, err, tt.stored)
		}
	}
}

// TestUploadDepartmentFromTheList: the upload form offers 杭州's
// 责任单位名单 as the edit form does, and the upload service holds a typed
// 责任单位 to it: a typo comes back beside the field, as typed, with no
// file stored; a name typed another way is stored as the list writes it.
func TestUploadDepartmentFromTheList(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.AddDepartment(ctx, testenv.Admin, "330100", "市教育局"); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	if _, form := wang.get("/upload"); !strings.Contains(form, `list="up-dept-list"`) || !strings.Contains(form, `<option value="市教育局">`) {
		t.Fatalf("the upload form does not offer 杭州's list of departments: %.3000s", form)
	}
	tests := []struct {
		file, typed string
		status      int
		says        string // beside the field, "" when stored
		stored      string
	}{
		{"学分银行通知.txt", "市教肓局", http.StatusBadRequest, "杭州的责任单位名单中没有“市教肓局”；请从名单中选择", ""},
		{"社区教育总结.txt", "教育局", http.StatusOK, "", "市教育局"},
	}
	for _, tt := range tests {
		got := wang.postFilesBody("/upload", map[string]string{"city": "330100", "doc_type": "policy", "department": tt.typed},
			map[string][]byte{tt.file: []byte("杭州市关于推进学分银行建设的通知：" + tt.file)})
		if tt.says != "" {
			beside(t, "责任单位 "+tt.typed, got.resp, got.body, tt.status, "up-dept-err", tt.says, `value="`+tt.typed+`"`)
		} else if got.resp.StatusCode != tt.status {
			t.Errorf("责任单位 %q: %d %.500s, want %d", tt.typed, got.resp.StatusCode, textOf(got.body), tt.status)
		}
		docs, _, err := s.env.Catalog.FindDocuments(ctx, catalog.DocumentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var stored []string
		for _, d := range docs {
			if d.Filename == tt.file {
				stored = append(stored, d.Department)
			}
		}
		if want := []string{tt.stored}; tt.stored == "" && len(stored) != 0 || tt.stored != "" && !slices.Equal(stored, want) {
			t.Errorf("责任单位 %q: stored %q, want %q", tt.typed, stored, tt.stored)
		}
	}
}

// TestUploadFormForAnUnknownCityIsShownAgain: an upload naming a city the
// archive does not have is refused with the form shown again, its files
// to choose again, not an error page that loses what was typed (review
// s38 #10: the form's list of 责任单位 was looked up for that city).
func TestUploadFormForAnUnknownCityIsShownAgain(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	got := admin.postFilesBody("/upload", map[string]string{"city": "999999", "doc_type": "policy", "department": "市教育局"},
		map[string][]byte{"学分银行通知.txt": []byte("杭州市关于推进学分银行建设的通知")})
	if got.resp.StatusCode != http.StatusBadRequest || !strings.Contains(got.body, `name="department"`) || !strings.Contains(got.body, `value="市教育局"`) ||
		!strings.Contains(textOf(got.body), "未知的城市代码“999999”") {
		t.Errorf("upload for city 999999: %d %.600s, want 400 with the form, the 责任单位 typed kept and the city refused", got.resp.StatusCode, textOf(got.body))
	}
}
