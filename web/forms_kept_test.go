package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// beside checks a form page sent back with an error: the status, the
// error in the element errID beside its field, what was typed kept, no
// dead-end error page, and on a Chinese page no half-width punctuation
// next to Chinese.
func beside(t *testing.T, name string, resp *http.Response, body string, status int, errID, phrase string, kept ...string) {
	t.Helper()
	page := html.UnescapeString(body)
	i := strings.Index(page, `id="`+errID+`"`)
	if resp.StatusCode != status || i < 0 || !strings.Contains(page[i:min(i+600, len(page))], phrase) {
		t.Errorf("%s: %d, want %d with %q in #%s: %.500s", name, resp.StatusCode, status, phrase, errID, textOf(body))
		return
	}
	for _, k := range kept {
		if !strings.Contains(page, k) {
			t.Errorf("%s: the form lost %s", name, k)
		}
	}
	if strings.Contains(textOf(body), "出错了") {
		t.Errorf("%s: the dead-end error page", name)
	}
	// English pages write English punctuation, next to Chinese data too.
	if m := halfWidthInChinese.FindAllString(html.UnescapeString(textOf(body)), 5); m != nil && strings.Contains(body, `<html lang="zh-CN">`) {
		t.Errorf("%s: half-width punctuation next to Chinese %q", name, m)
	}
}

// TestValueFormErrorsKeepWhatWasTyped posts the value form of a document
// page with each kind of mistake: the page comes back with the value,
// unit, round, page and quote typed, the indicator chosen, and the error
// beside its field.
func TestValueFormErrorsKeepWhatWasTyped(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学习基地.txt", "杭州市认定市民终身学习基地123个覆盖全部街道")
	wang := s.login("wang")
	form := func(kv ...string) url.Values {
		v := url.Values{"indicator": {"2.2.1"}, "value": {"123"}, "page": {"1"}, "quote": {"认定市民终身学习基地123个"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	for _, tt := range []struct {
		name   string
		form   url.Values
		errID  string
		phrase string
		kept   []string
	}{
		{"a number in words it cannot read", form("value", "一百来个"), "v-value-err", "无法识别数值",
			[]string{`value="一百来个"`, `value="2.2.1" selected`, "认定市民终身学习基地123个</textarea>"}},
		{"a rough number", form("value", "一百多个"), "v-value-err", "“一百多个”是约数；请填写确切的数值",
			[]string{`value="一百多个"`, `value="2.2.1" selected`}},
		{"no value", form("value", ""), "v-value-err", "请填写数值", nil},
		{"a round that is no number", form("round", "今年"), "v-round-err", "2000 至 2100 年间的年份", []string{`value="今年"`}},
		{"a round that is no year", form("round", "-1"), "v-round-err", "监测轮次应为 2000 至 2100 年间的年份\uFF08如 2018\uFF09\uFF0C或留空表示本轮", []string{`value="-1"`}},
		{"a round that does not exist", form("round", "2035"), "v-round-err", "2035", []string{`value="2035"`}},
		{"a wrong unit", form("unit", "元"), "v-unit-err", "单位", []string{`value="元"`}},
		{"a page the document lacks", form("page", "7"), "v-page-err", "页码 7 不存在", []string{`value="7"`}},
		{"a page that is no number", form("page", "第一页"), "v-page-err", "页码应为数字", []string{`value="第一页"`}},
		{"no quote", form("quote", ""), "v-quote-err", "原文", []string{`value="123"`}},
		{"a qualitative indicator", form("indicator", "2.3.1"), "v-indicator-err", "定量", nil},
	} {
		resp, body := wang.post("/documents/"+doc.ID+"/values", tt.form)
		beside(t, tt.name, resp, body, 400, tt.errID, tt.phrase, tt.kept...)
	}
	if resp, body := wang.post("/documents/"+doc.ID+"/values", form("value", "123")); resp.StatusCode != 200 ||
		!strings.Contains(textOf(body), "找到了该数值") {
		t.Errorf("a good value: %d %.300s", resp.StatusCode, textOf(body))
	}
}

// TestValueFormReportsEveryMistakeInThePagesLanguage posts an empty value
// form, and one whose round and page are no numbers beside a value that
// cannot be read: every mistake comes back at once beside its field, in
// Chinese on a Chinese page and in English on an English one.
func TestValueFormReportsEveryMistakeInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学习基地.txt", "杭州市认定市民终身学习基地123个覆盖全部街道")
	empty := func() url.Values {
		return url.Values{"indicator": {""}, "value": {""}, "unit": {""}, "round": {""}, "page": {""}, "quote": {""}}
	}
	words := func() url.Values {
		return url.Values{"indicator": {"2.2.1"}, "value": {"很多"}, "round": {"今年"}, "page": {"第一页"}, "quote": {"认定市民终身学习基地123个"}}
	}
	for _, tt := range []struct {
		lang string
		form func() url.Values
		want map[string]string
	}{
		{"zh", empty, map[string]string{"v-indicator-err": "请选择定量关键指标", "v-value-err": "请填写数值\uFF0C如 123000",
			"v-page-err": "请填写引文所在的页码", "v-quote-err": "请填写引用的原文\uFF08含该数字的一句话\uFF09"}},
		{"en", empty, map[string]string{"v-indicator-err": "Choose a quantitative key indicator", "v-value-err": "Enter a value, such as 123000",
			"v-page-err": "Enter the page the quote is on", "v-quote-err": "Enter the words quoted from the document (a sentence with the number)"}},
		{"zh", words, map[string]string{"v-value-err": "无法识别数值“很多”", "v-round-err": "监测轮次应为 2000 至 2100 年间的年份", "v-page-err": "页码应为数字"}},
		{"en", words, map[string]string{"v-value-err": "The value “很多” is not recognised", "v-round-err": "The monitoring round should be a year from 2000 to 2100",
			"v-page-err": "The page should be a number, such as 3"}},
	} {
		b := s.login("wang")
		if tt.lang == "en" {
			b.english()
		}
		resp, body := b.post("/documents/"+doc.ID+"/values", tt.form())
		for id, phrase := range tt.want {
			beside(t, tt.lang+" value form", resp, body, 400, id, phrase)
		}
		for _, id := range []string{"v-indicator-err", "v-value-err", "v-unit-err", "v-round-err", "v-page-err", "v-quote-err", "v-error"} {
			if _, wanted := tt.want[id]; !wanted && strings.Contains(body, `id="`+id+`"`) {
				t.Errorf("%s value form: an error #%s nobody made: %.300s", tt.lang, id, textOf(body))
			}
		}
	}
	if list, _ := s.env.Values.List(context.Background(), testenv.Admin, values.Filter{}); len(list) != 0 {
		t.Errorf("a value form with mistakes stored %d values", len(list))
	}
}

// TestTaskHandInErrorsKeepWhatWasTyped hands files in for a task with
// mistakes: no file, a file that is not what its name says, a date that
// does not exist; 我的任务 comes back with the 文号 and date typed and the
// error beside its field.
func TestTaskHandInErrorsKeepWhatWasTyped(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	a, err := s.env.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2099-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	dept := s.login("jiaoyu")
	path := "/tasks/" + a.ID + "/upload"
	fields := func(date string) map[string]string {
		return map[string]string{"doc_type": "policy", "doc_number": "杭教〔2018〕9号", "issued_on": date, "next": "/tasks"}
	}
	kept := []string{`value="杭教〔2018〕9号"`, `value="policy" selected`}
	for _, tt := range []struct {
		name   string
		date   string
		files  map[string][]byte
		errID  string
		phrase string
	}{
		{"no file", "2018年3月20日", nil, "t-" + a.ID + "-file-err", "请选择要提交的文件"},
		{"a file that is not what its name says", "2018年3月20日", map[string][]byte{"总结.pdf": []byte("这不是 PDF")}, "t-" + a.ID + "-file-err", ".pdf"},
		{"a date that does not exist", "2018年13月40日", map[string][]byte{"总结.txt": []byte("杭州市学分银行工作总结")}, "t-" + a.ID + "-date-err", "不存在"},
	} {
		r := dept.postFilesBody(path, fields(tt.date), tt.files)
		beside(t, tt.name, r.resp, r.body, 400, tt.errID, tt.phrase, append(kept, `value="`+tt.date+`"`)...)
	}
	r := dept.postFilesBody(path, fields("2018年3月20日"), map[string][]byte{"总结.txt": []byte("杭州市学分银行工作总结")})
	if r.resp.StatusCode != 200 || r.resp.Request.URL.Path != "/tasks" || !strings.Contains(r.body, "已提交 1 个文件") {
		t.Errorf("a good hand-in: %d at %s %.300s", r.resp.StatusCode, r.resp.Request.URL, textOf(r.body))
	}
}

// TestTableImportErrorsListEachRowInOrder imports a responsibility table
// and a framework with bad rows: each form comes back on its page with one
// line per bad row, in row order.
func TestTableImportErrorsListEachRowInOrder(t *testing.T) {
	s := newSite(t)
	wang, admin := s.login("wang"), s.login("admin")
	table := "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n9.9.9,市人社局,2018-03-31,\n2.3.1,,2018-04-01,\n1.3.2,市民政局,2018年13月40日,\n"
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?department=" + url.QueryEscape("市教育局")},
		map[string][]byte{"责任分解表.csv": []byte(table)})
	beside(t, "a table with bad rows", r.resp, r.body, 400, "import-error", "未导入任何一行")
	rowsInOrder(t, "responsibility table", r.body, "import-lines", "第 3 行", "第 4 行", "第 5 行")
	if !strings.Contains(r.body, `name="department" value="市教育局"`) {
		t.Errorf("the board lost its filter after the import error")
	}
	r = wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018"}, nil)
	beside(t, "no table", r.resp, r.body, 400, "import-file-err", "请选择责任分解表")

	fw := "code,name,kind\n1,组织保障,\n1.1,规划,\n1.1.1,出台决定,定性\n1.1.2,,定性\n1.1.1,重复的指标,定性\n1.1.3,类型写错,重要\n"
	r = admin.postFilesBody("/admin/framework", map[string]string{"name": "测试体系", "version": "2"}, map[string][]byte{"指标体系.csv": []byte(fw)})
	beside(t, "a framework with bad rows", r.resp, r.body, 400, "fw-file-err", "3 处错误", `value="测试体系"`)
	rowsInOrder(t, "framework", r.body, "fw-lines", "第 5 行", "第 6 行", "第 7 行")
}

// rowsInOrder checks that the list id holds one item per row, in order.
func rowsInOrder(t *testing.T, name, body, id string, rows ...string) {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Errorf("%s: no list of bad rows (#%s): %.500s", name, id, textOf(body))
		return
	}
	list := body[i:]
	list = list[:strings.Index(list, "</ol>")]
	items := strings.Split(list, "<li>")[1:]
	if len(items) != len(rows) {
		t.Errorf("%s: %d items, want %d: %s", name, len(items), len(rows), textOf(list))
		return
	}
	for j, row := range rows {
		if !strings.HasPrefix(items[j], row) {
			t.Errorf("%s: item %d is %q, want %s first", name, j+1, items[j], row)
		}
	}
}

// TestUploadFormWithoutScriptTakesDatesAndSaysWhatFailedBefore: the upload
// form without script gives every file the 文号, date and round typed; a
// bad date comes back beside its field with the rest kept; a file whose
// document had failed is named as already in the archive and failed, with
// the reason, and the totals count each outcome.
func TestUploadFormWithoutScriptTakesDatesAndSaysWhatFailedBefore(t *testing.T) {
	s := newSite(t)
	failed := uploadFailed(t, s, "通知.txt", garbledText())
	wang := s.login("wang")
	fields := func(date string) map[string]string {
		return map[string]string{"city": "330100", "doc_type": "work_summary", "doc_number": "杭教〔2018〕9号", "issued_on": date, "round": "2018"}
	}
	r := wang.postFilesBody("/upload", fields("2018年13月40日"), map[string][]byte{"总结.txt": []byte("杭州市学分银行工作总结")})
	beside(t, "a bad date", r.resp, r.body, 400, "up-date-err", "不存在", `value="2018年13月40日"`, `value="杭教〔2018〕9号"`,
		`value="2018"`, `value="work_summary" selected`)
	r = wang.postFilesBody("/upload", fields("2018年3月20日"), map[string][]byte{"总结.txt": []byte("杭州市学分银行工作总结"),
		"通知.txt": []byte(garbledText())})
	text := html.UnescapeString(textOf(r.body))
	if r.resp.StatusCode != 200 || !strings.Contains(text, "该文件已在档案中\uFF0C上次处理失败\uFF08"+failed.Error+"\uFF09") {
		t.Errorf("re-uploading a failed file: %d %.800s", r.resp.StatusCode, text)
	}
	if !strings.Contains(text, "2 个文件\uFF1A已保存 1\uFF0C重复 1\uFF0C失败 0") {
		t.Errorf("totals: %.800s", text)
	}
	docs, _, err := s.env.Documents.List(context.Background(), testenv.Admin, catalog.DocumentFilter{City: "330100", Round: "2018", DocType: catalog.DocWorkSummary})
	if err != nil || len(docs) != 1 || docs[0].IssuedOn != "2018-03-20" || docs[0].DocNumber != "杭教〔2018〕9号" {
		t.Errorf("the stored summary: %+v %v", docs, err)
	}
}

// garbledText is bytes that are no encoding's text: a .txt that fails.
func garbledText() string {
	b := make([]byte, 3000)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(0x80 | x&0x7f)
	}
	return string(b)
}
