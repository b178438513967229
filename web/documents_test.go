package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFormErrorsKeepWhatWasTyped sends each document form with a mistake
// and finds the page again, with what was typed, the error beside its
// field in Chinese and no internal field name.
func TestFormErrorsKeepWhatWasTyped(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang, admin := s.login("wang"), s.login("admin")
	tests := []struct {
		name   string
		b      *browser
		path   string
		form   url.Values
		status int
		errID  string // the element beside the field
		phrase string
		kept   []string // markup that shows what was typed or chosen
	}{
		{"edit with a bad date", wang, "/documents/" + doc.ID,
			url.Values{"title": {"杭州市学分银行方案"}, "doc_type": {"policy"}, "issued_on": {"2018年2月30日"}, "doc_number": {"杭教〔2018〕7号"}},
			400, "m-date-err", "不存在", []string{`value="杭州市学分银行方案"`, `value="2018年2月30日"`, `value="杭教〔2018〕7号"`}},
		{"edit with words for a date", wang, "/documents/" + doc.ID,
			url.Values{"title": {"方案"}, "doc_type": {"policy"}, "issued_on": {"去年三月"}},
			400, "m-date-err", "2018年3月20日", []string{`value="去年三月"`}},
		{"edit without a title", wang, "/documents/" + doc.ID,
			url.Values{"title": {" "}, "doc_type": {"policy"}, "issuer": {"杭州市教育局"}},
			400, "m-title-err", "标题不能为空", []string{`value="杭州市教育局"`}},
		{"edit with a bad round", wang, "/documents/" + doc.ID,
			url.Values{"title": {"方案"}, "doc_type": {"policy"}, "round": {"第三轮"}},
			400, "m-round-err", "年份", []string{`value="第三轮"`}},
		{"bulk edit with a bad date", wang, "/documents/bulk",
			url.Values{"ids": {doc.ID}, "issued_on": {"2018/13/1"}, "round": {"2018"}},
			400, "b-date-err", "2018/13/1", []string{`value="2018/13/1"`, `value="2018"`, `value="` + doc.ID + `" form="bulkform" class="pick" aria-label="选择 学分银行" checked`}},
		{"bulk edit with nothing chosen", wang, "/documents/bulk", url.Values{"round": {"2018"}},
			400, "ids-error", "勾选", []string{`value="2018"`}},
		{"bulk edit with a level-2 indicator", wang, "/documents/bulk", url.Values{"ids": {doc.ID}, "indicator": {"2.3"}},
			400, "b-indicator-err", "关键指标", nil},
		{"move to no city", admin, "/documents/" + doc.ID + "/move", url.Values{"city": {""}},
			400, "mv-city-err", "请选择", nil},
		{"bulk move to an unknown city", admin, "/documents/bulk", url.Values{"ids": {doc.ID}, "action": {"move"}, "city": {"999999"}},
			400, "b-city-err", "999999", nil},
	}
	for _, tt := range tests {
		resp, body := tt.b.post(tt.path, tt.form)
		beside(t, tt.name, resp, body, tt.status, tt.errID, tt.phrase, tt.kept...)
		for _, internal := range []string{"issued_on", "doc_type"} {
			if strings.Contains(textOf(body), internal) {
				t.Errorf("%s: the page shows %q", tt.name, internal)
			}
		}
	}
}

func TestDocumentsListBulkEditMoveAndDelete(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	a := s.env.Upload("330100", "杭州意见.txt", "杭州市学分银行建设实施意见。")
	b := s.env.Upload("330100", "宁波报道.txt", "宁波市举办全民终身学习活动周。")
	c := s.env.Upload("510100", "成都总结.txt", "成都市社区教育工作总结。")
	wang, admin := s.login("wang"), s.login("admin")
	_, body := wang.get("/documents")
	if !strings.Contains(body, a.ID) || !strings.Contains(body, b.ID) || strings.Contains(body, c.ID) {
		t.Errorf("杭州's coordinator's list: want 杭州's two documents and not 成都's: %.500s", textOf(body))
	}
	if !strings.Contains(textOf(body), "共 2 份文档") {
		t.Errorf("the count: %.300s", textOf(body))
	}
	resp, body := wang.post("/documents/bulk", url.Values{"ids": {a.ID, b.ID}, "issued_on": {"2018年3月20日"}, "round": {"2018"},
		"doc_number": {"杭教〔2018〕1号"}, "indicator": {"2.3.1"}, "return": {"/documents?sort=issued"}})
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/documents" || !strings.Contains(textOf(body), "已修改 2 份文档") {
		t.Fatalf("bulk edit: %d at %s: %.300s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	for _, id := range []string{a.ID, b.ID} {
		d, _ := s.env.Catalog.Document(ctx, id)
		links, _ := s.env.Catalog.DocumentLinks(ctx, id)
		if d.IssuedOn != "2018-03-20" || d.Round != "2018" || d.DocNumber != "杭教〔2018〕1号" || len(links) != 1 {
			t.Errorf("%s after bulk edit: %q %q %q, %d links", id, d.IssuedOn, d.Round, d.DocNumber, len(links))
		}
	}
	// The coordinator may not move or delete; the admin confirms a delete.
	if resp, _ := wang.post("/documents/"+b.ID+"/move", url.Values{"city": {"330200"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("move by a coordinator: %d", resp.StatusCode)
	}
	if resp, body := wang.post("/documents/bulk", url.Values{"ids": {b.ID}, "action": {"move"}, "city": {"330200"}}); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "管理员") {
		t.Errorf("bulk move by a coordinator: %d %.200s", resp.StatusCode, textOf(body))
	}
	resp, body = admin.post("/documents/"+b.ID+"/move", url.Values{"city": {"330200"}})
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "》移到宁波") {
		t.Errorf("move: %d %.300s", resp.StatusCode, textOf(body))
	}
	if d, _ := s.env.Catalog.Document(ctx, b.ID); d.City != "330200" {
		t.Errorf("after the move the document is in %s", d.City)
	}
	_, body = admin.post("/documents/bulk", url.Values{"ids": {a.ID}, "action": {"delete"}})
	if !strings.Contains(body, `id="confirm"`) || !strings.Contains(textOf(body), "杭州市学分银行建设实施意见") {
		t.Fatalf("delete without confirmation: want the confirmation page naming the document: %.300s", textOf(body))
	}
	if d, _ := s.env.Catalog.Document(ctx, a.ID); d == nil {
		t.Fatalf("the document went before the delete was confirmed")
	}
	resp, body = admin.post("/documents/bulk", url.Values{"ids": {a.ID}, "action": {"delete"}, "confirm": {"1"}})
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "已删除 1 份文档") {
		t.Errorf("confirmed delete: %d %.300s", resp.StatusCode, textOf(body))
	}
	if _, err := s.env.Catalog.Document(ctx, a.ID); err == nil {
		t.Errorf("the deleted document is still there")
	}
}
