package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestValueSavedSaysRoughAndOCRSpacedNumbers: a value cited from OCR's
// 87 . 6% is found, said to be read past the spaces at its point; one
// that is the bound of a 约数 (1200 of 1200余人) is said to be written
// roughly, never “not in the passage”; one not there at all still is; a
// total cited for a value per resident (5000余册 for 册/人) is 单位不符,
// naming both units, with the warning that the number is unlikely.
func TestValueSavedSaysRoughAndOCRSpacedNumbers(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "统计.txt", "足额提取员工教育培训经费的企业比例为87 . 6%.\n建成50座漂流书亭，放置图书5000余册。全年培训企业职工1200余人。")
	wang := s.login("wang")
	tests := []struct {
		name       string
		form       url.Values
		want, lack string
	}{
		{"识别出的小数", url.Values{"indicator": {"1.3.2"}, "value": {"87.6%"}, "page": {"1"}, "quote": {"企业比例为87 . 6%"}},
			"扫描件识别时在小数点旁多出了空格", "没有这个数值"},
		{"约数", url.Values{"indicator": {"2.3.3"}, "value": {"1200"}, "page": {"1"}, "quote": {"全年培训企业职工1200余人"}},
			"原文写的是约数“1200余”", "没有这个数值"},
		{"没有的数值", url.Values{"indicator": {"2.3.3"}, "value": {"1300"}, "page": {"1"}, "quote": {"全年培训企业职工1200余人"}},
			"所引原文中没有这个数值", "约数"},
		{"人均数引了总数", url.Values{"indicator": {"3.2.2"}, "value": {"5000"}, "page": {"1"}, "quote": {"放置图书5000余册"}},
			"单位不符\uFF1A原文中该数字的单位是“册”\uFF0C数值的单位是“册/人”", "没有这个数值"},
		{"人均数的警告", url.Values{"indicator": {"3.2.2"}, "value": {"5000"}, "page": {"1"}, "quote": {"放置图书5000余册"}},
			"数值 5000册/人 超过 20册/人\uFF0C很少见", "约数"},
	}
	for _, tt := range tests {
		resp, body := wang.post("/documents/"+doc.ID+"/values", tt.form)
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != http.StatusOK || !strings.Contains(text, tt.want) || strings.Contains(text, tt.lack) {
			t.Errorf("%s: %d, want %q without %q: %.600s", tt.name, resp.StatusCode, tt.want, tt.lack, text)
		}
	}
}

// TestTypedDocNumberStoredWithChineseBrackets: a 文号 typed in the edit
// form with the brackets a keyboard has ([], 【】, (), （）) is stored with
// 〔〕, as a 文号 read from the text is, what matching uses (probe s36
// #17), and shown as typed on the document page, in the list, in the edit
// form and in search results (review s40 #9).
func TestTypedDocNumberStoredWithChineseBrackets(t *testing.T) {
	s := newSite(t)
	d := uploadUntypedNotice(t, s)
	wang := s.login("wang")
	const want = "杭教职成〔2017〕9号"
	for _, typed := range []string{"杭教职成[2017]9号", "杭教职成【2017】9号", "杭教职成(2017)9号", "杭教职成（2017）9号", "杭教职成 [ 2017 ] 9号"} {
		form := url.Values{"title": {d.Title}, "doc_type": {"policy"}, "issuer": {d.Issuer}, "doc_number": {typed},
			"issued_on": {d.IssuedOn}, "department": {d.Department}, "round": {d.Round}}
		if resp, body := wang.post("/documents/"+d.ID, form); resp.StatusCode != http.StatusOK {
			t.Fatalf("edit %s: %d %.300s", typed, resp.StatusCode, textOf(body))
		}
		stored, err := s.env.Catalog.Document(context.Background(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.DocNumber != want {
			t.Errorf("typed %s: stored %q, want %q", typed, stored.DocNumber, want)
		}
		s.env.WaitIndexed(d.ID)
		// Shown as the person first typed it (杭教职成[2017]9号); typed
		// again in other brackets, the same 文号 keeps the form shown.
		shown := catalog.DocNumberAsWritten(stored)
		if shown != "杭教职成[2017]9号" {
			t.Errorf("typed %s: shown %q, want 杭教职成[2017]9号 as first typed", typed, shown)
		}
		for _, path := range []string{"/documents/" + d.ID, "/documents", "/search?q=" + url.QueryEscape("先进集体")} {
			_, body := wang.get(path)
			if text := html.UnescapeString(textOf(body)); !strings.Contains(text, shown) {
				t.Errorf("typed %s: %s does not show the 文号 %s: %.800s", typed, path, shown, text)
			}
		}
		_, body := wang.get("/documents/" + d.ID + "?edit=1")
		if !strings.Contains(html.UnescapeString(body), `value="`+shown+`"`) {
			t.Errorf("typed %s: the edit form does not hold %s", typed, shown)
		}
	}
}

// TestSearchYearFacetSaysWhatItCounts: the 年份 facet counts an undated
// document under its round's year (the index stores one year a document
// belongs to), so its heading and note say so, in both languages, and the
// year typed into the search form carries the same note.
func TestSearchYearFacetSaysWhatItCounts(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "条例实施情况.txt", "宁波市终身教育促进条例实施情况，推进学分银行建设。")
	zhou := s.login("zhou")
	tests := []struct {
		lang          Lang
		heading, note string
	}{
		{Chinese, "年份（成文日期或轮次）", "未注明成文日期的文档按所属监测轮次的年度计"},
		{English, "Year (of issue or round)", "a document without a date of issue by its monitoring round's year"},
	}
	u, _ := url.Parse(s.srv.URL)
	for _, tt := range tests {
		zhou.c.Jar.SetCookies(u, []*http.Cookie{{Name: langCookie, Value: string(tt.lang), Path: "/"}})
		_, body := zhou.get("/search?q=" + url.QueryEscape("学分银行"))
		text := html.UnescapeString(textOf(body))
		if !strings.Contains(text, tt.heading) || !strings.Contains(text, tt.note) {
			t.Errorf("%s: the year facet does not say it counts dates of issue or rounds (%q, %q): %.800s", tt.lang, tt.heading, tt.note, text)
		}
	}
}
