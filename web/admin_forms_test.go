package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAdminFormErrorsKeepWhatWasTyped posts each admin form with a
// mistake and finds the admin page again, the form holding what was
// typed and the error beside the field, never the dead-end error page.
func TestAdminFormErrorsKeepWhatWasTyped(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	tests := []struct {
		name   string
		path   string
		form   url.Values
		status int
		errID  string
		phrase string
		kept   []string
	}{
		{"coordinator without a city", "/admin/users", url.Values{"username": {"zhao"}, "role": {"coordinator"}, "department": {"市教育局"}},
			400, "u-city-err", "城市", []string{`value="zhao"`, `value="coordinator" selected`}},
		{"user name with a space", "/admin/users", url.Values{"username": {"zhao si"}, "role": {"expert"}},
			400, "u-name-err", "用户名", []string{`value="zhao si"`}},
		{"contributor without a department", "/admin/users", url.Values{"username": {"jy"}, "role": {"contributor"}, "city": {"330100"}},
			400, "u-dept-err", "部门", []string{`value="330100" selected`}},
		{"contributor of a department not on the list", "/admin/users", url.Values{"username": {"wenhua2"}, "role": {"contributor"}, "city": {"330100"}, "department": {"文广旅局"}},
			400, "u-dept-err", "城市 330100 的责任单位名单中没有“文广旅局”", []string{`value="wenhua2"`, `value="文广旅局"`}},
		{"city code of four digits", "/admin/cities", url.Values{"code": {"3201"}, "name": {"南京"}},
			400, "ct-code-err", "6 位", []string{`value="3201"`, `value="南京"`}},
		{"a city that exists", "/admin/cities", url.Values{"code": {"330100"}, "name": {"杭州"}},
			409, "ct-code-err", "已存在", []string{`value="杭州"`}},
		{"round in words", "/admin/rounds", url.Values{"year": {"二〇一九"}, "label": {"第三轮"}},
			400, "rd-year-err", "四位数字", []string{`value="二〇一九"`, `value="第三轮"`}},
		{"a round that exists", "/admin/rounds", url.Values{"year": {"2018"}},
			409, "rd-year-err", "已存在", nil},
	}
	for _, tt := range tests {
		resp, body := admin.post(tt.path, tt.form)
		beside(t, tt.name, resp, body, tt.status, tt.errID, tt.phrase, tt.kept...)
	}
}

// TestUploadFormErrorKeepsWhatWasChosen sends the upload form without
// script naming an indicator that does not exist: the form comes back
// with the type and indicators kept and the error on it.
func TestUploadFormErrorKeepsWhatWasChosen(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	resp, body := admin.postMultipart("/upload", map[string]string{"city": "330200", "doc_type": "work_summary", "indicators": "9.9.9"},
		"总结.txt", []byte("宁波市社区教育工作总结"))
	page := html.UnescapeString(body)
	if resp.StatusCode != 400 || !strings.Contains(page, "9.9.9") || strings.Contains(textOf(body), "出错了") {
		t.Fatalf("upload naming 9.9.9: %d %.400s", resp.StatusCode, textOf(body))
	}
	for _, k := range []string{`value="330200" selected`, `value="work_summary" selected`, `value="9.9.9"`} {
		if !strings.Contains(page, k) {
			t.Errorf("the upload form lost %s", k)
		}
	}
	// The file sent with the form is not stored, and the page says so.
	if text := textOf(body); !strings.Contains(text, "总结.txt") || !strings.Contains(text, "未保存") {
		t.Errorf("the page does not say 总结.txt was not stored: %.600s", text)
	}
}

// postMultipart posts a form with one file, as the upload form does
// without script.
func (b *browser) postMultipart(path string, fields map[string]string, name string, data []byte) (*http.Response, string) {
	b.s.t.Helper()
	a := b.postFilesBody(path, fields, map[string][]byte{name: data})
	return a.resp, a.body
}

// TestAssignmentFormErrorKeepsWhatWasTyped adds a task due on a date that
// does not exist: the board comes back with the form as typed
// and the reason beside the due date.
func TestAssignmentFormErrorKeepsWhatWasTyped(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	resp, body := wang.post("/assignments", url.Values{"city": {"330100"}, "round": {"2018"}, "indicator": {"2.3.1"},
		"department": {"市人社局"}, "due": {"2018-02-30"}, "contact": {"李科长"}, "next": {"/assignments?city=330100&round=2018"}})
	page := html.UnescapeString(body)
	i := strings.Index(page, `id="a-due-err"`)
	if resp.StatusCode != 400 || i < 0 || !strings.Contains(page[i:min(i+300, len(page))], "2018-02-30") || strings.Contains(textOf(body), "出错了") {
		t.Fatalf("task due 2018-02-30: %d %.400s", resp.StatusCode, textOf(body))
	}
	for _, k := range []string{`value="市人社局"`, `value="2018-02-30"`, `value="李科长"`, `value="2.3.1"`} {
		if !strings.Contains(page, k) {
			t.Errorf("the task form lost %s", k)
		}
	}
}

// TestUploadFormChoosesNothingForTheUploader: an admin's upload form has
// no city and no type chosen in advance (it used to fall on the first
// city, 北京, and 政策文件), and sent without them it comes back with the
// error beside the field.
func TestUploadFormChoosesNothingForTheUploader(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	_, body := admin.get("/upload")
	for _, sel := range []string{`id="city" required`, `id="doc_type"`} {
		i := strings.Index(body, sel)
		if i < 0 {
			t.Fatalf("no %s on the upload form", sel)
		}
		opt, _, _ := strings.Cut(body[i:], "</select>")
		if !strings.Contains(opt, `<option value="">请选择</option>`) || strings.Contains(opt, " selected") {
			t.Errorf("%s: something is chosen in advance: %.300s", sel, opt)
		}
	}
	resp, body := admin.postMultipart("/upload", map[string]string{"city": "", "doc_type": "work_summary"}, "总结.txt", []byte("宁波市社区教育工作总结"))
	page := html.UnescapeString(body)
	if i := strings.Index(page, `id="up-city-err"`); resp.StatusCode != 400 || i < 0 || !strings.Contains(page[i:min(i+200, len(page))], "请选择城市") {
		t.Errorf("upload without a city: %d %.400s", resp.StatusCode, textOf(body))
	}
	resp, body = admin.postMultipart("/upload", map[string]string{"city": "330200", "doc_type": ""}, "总结.txt", []byte("宁波市社区教育工作总结"))
	page = html.UnescapeString(body)
	if i := strings.Index(page, `id="up-type-err"`); resp.StatusCode != 400 || i < 0 || !strings.Contains(page[i:min(i+200, len(page))], "请选择文件类型") ||
		!strings.Contains(page, `value="330200" selected`) {
		t.Errorf("upload without a type: %d %.400s", resp.StatusCode, textOf(body))
	}
}
