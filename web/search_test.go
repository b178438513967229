package web

import (
	"bytes"
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/xuri/excelize/v2"
)

// TestSearchPageOffersToDropAFilter checks the empty state: a search that
// finds nothing only because of one filter says which, with the count and
// a link to the search without it.
func TestSearchPageOffersToDropAFilter(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学习周.txt", "全市组织市民学习周,全年参与学习的市民达12.3万人次。")
	zhou := s.login("zhou")
	resp, body := zhou.get("/search?q=" + url.QueryEscape("学习周") + "&year=2018")
	if resp.StatusCode != 200 {
		t.Fatalf("search page: %d", resp.StatusCode)
	}
	text := html.UnescapeString(textOf(body))
	if !strings.Contains(text, "去掉“年份=2018”可找到 1 条") {
		t.Errorf("empty state does not offer to drop the year: %.400s", text)
	}
	if !strings.Contains(body, `href="/search?q=`+url.QueryEscape("学习周")+`"`) {
		t.Errorf("no link to the search without the year: %.600s", body)
	}
	// Traditional characters and a number with its unit find the document.
	for _, q := range []string{"學習周", "12.3万"} {
		_, body := zhou.get("/search?q=" + url.QueryEscape(q))
		if !strings.Contains(html.UnescapeString(textOf(body)), "共 1 条结果") {
			t.Errorf("search %q: %.300s", q, textOf(body))
		}
	}
}

// TestSearchPageByDateOfIssue narrows the search page to a range of dates
// typed as people write them, orders it by date, keeps both in the form,
// the facet links and the save form, and answers a date that does not
// exist with its reason on the page and the typed date kept.
func TestSearchPageByDateOfIssue(t *testing.T) {
	s := newSite(t)
	upload := func(name, issued string) string {
		st, err := s.env.Ingest.Stage(strings.NewReader(name+"：推进学分银行建设。"), name+".txt")
		if err != nil {
			t.Fatal(err)
		}
		defer st.Remove()
		out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{Title: name, City: "330100", DocType: "policy", IssuedOn: issued}, Files: []*ingest.Staged{st}})
		if err != nil || out[0].Err != nil {
			t.Fatalf("upload %s: %v %v", name, err, out[0].Err)
		}
		return s.env.WaitIndexed(out[0].Document.ID).ID
	}
	upload("实施意见", "2016-03-20")
	upload("工作要点", "2018-03-05")
	upload("工作总结", "2018-12-31")
	zhou := s.login("zhou")

	resp, body := zhou.get("/search?q=" + url.QueryEscape("学分银行") + "&issued_from=" + url.QueryEscape("2018年") + "&sort=issued")
	page := html.UnescapeString(body)
	if resp.StatusCode != 200 || !strings.Contains(html.UnescapeString(textOf(body)), "共 2 条结果") {
		t.Fatalf("from 2018: %d %.400s", resp.StatusCode, textOf(body))
	}
	if i, j := strings.Index(page, ">工作总结<"), strings.Index(page, ">工作要点<"); i < 0 || j < 0 || i > j {
		t.Errorf("newest first: 工作总结 at %d, 工作要点 at %d", i, j)
	}
	for _, kept := range []string{`name="issued_from" id="issued_from" value="2018年"`, `value="issued" selected`,
		`name="issued_from" value="2018年"`, `name="sort" value="issued"`} {
		if !strings.Contains(page, kept) {
			t.Errorf("the page lost %s", kept)
		}
	}
	if !strings.Contains(page, "issued_from=2018%E5%B9%B4") || !strings.Contains(page, "doc_type=policy") {
		t.Errorf("facet links do not keep the range: %.600s", page)
	}

	resp, body = zhou.get("/search?q=" + url.QueryEscape("学分银行") + "&issued_to=2018-02-30")
	page = html.UnescapeString(body)
	if resp.StatusCode != 400 || !strings.Contains(textOf(body), "不存在") || !strings.Contains(page, `value="2018-02-30"`) {
		t.Errorf("a day that does not exist: %d %.400s", resp.StatusCode, textOf(body))
	}
}

// TestWorkbookPagesAreSheets: a workbook's hits and text pages are named
// as its sheets, with the sheet's own name on the document page.
func TestWorkbookPagesAreSheets(t *testing.T) {
	s := newSite(t)
	book := excelize.NewFile()
	book.SetSheetName("Sheet1", "汇总")
	book.SetCellValue("汇总", "A1", "全市合计")
	book.NewSheet("海曙区")
	book.SetSheetRow("海曙区", "A1", &[]any{"街道", "社区学校数"})
	book.SetSheetRow("海曙区", "A2", &[]any{"南门街道", 12})
	var buf bytes.Buffer
	if err := book.Write(&buf); err != nil {
		t.Fatal(err)
	}
	doc := s.env.Upload("330100", "社区学校台账.xlsx", buf.String())
	zhou := s.login("zhou")

	_, body := zhou.get("/search?q=" + url.QueryEscape("社区学校数"))
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "第 2 个工作表") || strings.Contains(text, "第 2 页") {
		t.Errorf("a workbook's hit is not named by its sheet: %.600s", text)
	}
	_, body = zhou.get("/documents/" + doc.ID + "?page=2")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "第 2 个工作表（海曙区） / 2") {
		t.Errorf("the document page does not name the sheet shown: %.800s", text)
	}
	if text := html.UnescapeString(textOf(body)); strings.Contains(text, "文字层") {
		t.Errorf("a sheet read as text is said to come from a text layer: %.800s", text)
	}
	zhou.get("/lang?to=en&next=/")
	_, body = zhou.get("/documents/" + doc.ID + "?page=2")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "sheet 2 (海曙区) / 2") {
		t.Errorf("in English the document page does not name the sheet shown: %.800s", text)
	}
}

// While the index is rebuilt (after an upgrade) the search page says that
// results may be incomplete, in the page's language; afterwards it does not.
func TestSearchPageSaysTheIndexIsBeingRebuilt(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学习周.txt", "全市组织市民学习周,全年参与学习的市民达12.3万人次。")
	zhou := s.login("zhou")
	for _, tt := range []struct {
		rebuilding bool
		lang, want string
	}{
		{true, "zh", "检索索引正在重建"},
		{true, "en", "The search index is being rebuilt"},
		{false, "zh", ""},
	} {
		s.env.Search.SetRebuilding(tt.rebuilding)
		zhou.get("/lang?to=" + tt.lang + "&next=/")
		_, body := zhou.get("/search?q=" + url.QueryEscape("学习周"))
		text := html.UnescapeString(textOf(body))
		if tt.want != "" && !strings.Contains(text, tt.want) {
			t.Errorf("search in %s while rebuilding: no %q: %.400s", tt.lang, tt.want, text)
		}
		if !tt.rebuilding && strings.Contains(text, "正在重建") {
			t.Errorf("search after the rebuild still says it is rebuilding: %.400s", text)
		}
	}
}

// TestSearchPageSaysWhichFilesItSearchedInPart: a phrase past where the
// index stops in a long file is not found there; the search page says
// that the file was searched only in part and links to finding the
// phrase in it, in the page's language, and the link finds it there.
func TestSearchPageSaysWhichFilesItSearchedInPart(t *testing.T) {
	defer index.LowerIndexedCharsForTests(200)()
	s := newSite(t)
	long := s.env.Upload("330100", "杭州市统计年鉴.txt", strings.Repeat("推进学习型城市建设工作。", 20)+"学分银行累计存入学分五十万分。")
	s.env.Upload("330100", "学分银行管理办法.txt", "建立学分银行制度。")
	zhou := s.login("zhou")
	_, body := zhou.get("/search?q=" + url.QueryEscape("学分银行"))
	text := html.UnescapeString(textOf(body))
	if !strings.Contains(text, "另有 1 份文件只检索了前一部分") || !strings.Contains(text, "可在文件中查找") {
		t.Errorf("search past the cut says nothing of the file searched in part: %.600s", text)
	}
	link := "/documents/" + long.ID + "?find=" + url.QueryEscape("学分银行") + "#find"
	if !strings.Contains(html.UnescapeString(body), `href="`+link+`"`) {
		t.Fatalf("search past the cut: no link %s: %.2000s", link, body)
	}
	_, found := zhou.get(strings.TrimSuffix(link, "#find"))
	if text := html.UnescapeString(textOf(found)); !strings.Contains(text, "“学分银行”在本文件中出现 1 次") {
		t.Errorf("the link finds nothing in the file: %.600s", text)
	}
	zhou.get("/lang?to=en&next=/")
	_, body = zhou.get("/search?q=" + url.QueryEscape("学分银行"))
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "1 more file was searched only in part") {
		t.Errorf("in English: no word of the file searched in part: %.600s", text)
	}
	zhou.get("/lang?to=zh&next=/")
	_, body = zhou.get("/search?q=" + url.QueryEscape("学习型城市"))
	if strings.Contains(html.UnescapeString(textOf(body)), "只检索了前一部分") {
		t.Errorf("a search that finds the long file says it searched it in part")
	}
}

// TestSearchPageSaysFieldSyntaxIsNotSearch: title:学分 on the search page
// finds the documents with 学分 and says, in the page's language, that
// the field is no search syntax, never a silent empty page.
func TestSearchPageSaysFieldSyntaxIsNotSearch(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学分银行.txt", "关于推进学分银行建设的实施意见。")
	zhou := s.login("zhou")
	for _, tt := range []struct{ lang, want string }{
		{"zh", "检索不支持字段写法（title:）；已在标题和正文中检索其余的词：学分"},
		{"en", "Search has no field syntax (title:); it searched titles and text for the other words: 学分"},
	} {
		zhou.get("/lang?to=" + tt.lang + "&next=/")
		_, body := zhou.get("/search?q=" + url.QueryEscape("title:学分"))
		text := html.UnescapeString(textOf(body))
		if !strings.Contains(body, `id="search-notice"`) || !strings.Contains(text, tt.want) || !strings.Contains(text, "关于推进学分银行建设的实施意见") {
			t.Errorf("search title:学分 in %s: want the notice %q and the document: %.500s", tt.lang, tt.want, text)
		}
	}
}

// TestSearchFindsAPercentageHoweverWritten: a percentage written in words
// (企业比例为百分之八十二, 百分之三十二点五) is found by searching it in digits
// (82%, 82％, 32.5%), and one written in digits (参与率为67%) by searching
// it in words (百分之六十七), as 1.2万 finds 12000; a bare 82 finds neither
// (82 is no 82%), and 83% finds nothing.
func TestSearchFindsAPercentageHoweverWritten(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "工作总结.txt", "2019年学分银行工作总结：参与学分银行的企业比例为百分之八十二，社区学校覆盖率达百分之三十二点五。")
	s.env.Upload("330100", "统计公报.txt", "2019年全市社区教育参与率为67%，较上年提高5个百分点。")
	zhou := s.login("zhou")
	for q, want := range map[string]string{
		"82%": "工作总结", "82％": "工作总结", "32.5%": "工作总结", "百分之八十二": "工作总结",
		"百分之六十七": "统计公报", "67%": "统计公报", "67％": "统计公报",
		"83%": "", "百分之八十三": "",
	} {
		_, body := zhou.get("/search?q=" + url.QueryEscape(q))
		text := html.UnescapeString(textOf(body))
		switch {
		case want == "" && !strings.Contains(text, "没有找到"):
			t.Errorf("search %q finds something: %.300s", q, text)
		case want != "" && (!strings.Contains(text, "共 1 条结果") || !strings.Contains(text, want)):
			t.Errorf("search %q: %.300s, want %s found", q, text, want)
		}
	}
}
