package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// boardRow is the board's row of the task id, as text.
func boardRow(page, id string) string {
	i := strings.Index(page, `id="task-`+id+`"`)
	if i < 0 {
		return ""
	}
	row := page[i:]
	return row[:strings.Index(row, "</tr>")]
}

// TestTheBoardShowsAnUnreadableHandIn: 市教育局 hands in a PDF that cannot
// be read; the coordinator's board says 处理失败 with the reason beside it
// and offers no 确认, and a 确认 sent anyway is refused in words.
func TestTheBoardShowsAnUnreadableHandIn(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行制度扫描件.pdf", brokenPDF); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the broken PDF: %d %.800s", resp.StatusCode, page)
	}
	docs, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{City: "330100"})
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v %v", docs, err)
	}
	failed := s.env.WaitFinished(docs[0].ID, catalog.StatusFailed)
	wang := s.login("wang")
	_, page := wang.get("/assignments?city=330100&round=2018")
	row := boardRow(page, task)
	text := html.UnescapeString(textOf(row))
	if !strings.Contains(text, "处理失败") || !strings.Contains(text, failed.Error) || strings.Contains(row, "/accept") {
		t.Errorf("the board's row of the unreadable hand-in: want 处理失败 with %q and no 确认:\n%s", failed.Error, row)
	}
	if !strings.Contains(text, "请退回任务，让部门重新上传可读取的文件") {
		t.Errorf("the board does not say what to do instead of 确认:\n%s", text)
	}
	resp, page := wang.post("/assignments/"+task+"/accept", url.Values{"next": {"/assignments?city=330100&round=2018"}})
	if resp.StatusCode != 409 || !strings.Contains(textOf(page), "请退回任务，让部门重新上传可读取的文件") {
		t.Errorf("accepting the unreadable hand-in: %d %.500s, want 409 saying to upload a readable file", resp.StatusCode, textOf(page))
	}
}

// TestCarryoversMarkDeletedAndUnreadableDocuments: on /carryovers a
// carried link whose document was deleted says 文档已删除 and one whose
// document could not be read says 未能读取; neither offers 确认沿用, both
// offer 本轮不用. A link of the unreadable document dropped from the round
// says 未能读取 too and offers no 重新计入本轮, which would be refused.
func TestCarryoversMarkDeletedAndUnreadableDocuments(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	gone := s.env.WaitIndexed(s.env.Upload("330100", "读书月活动总结.txt", "杭州市2017年读书月活动总结。").ID)
	st, err := s.env.Ingest.Stage(strings.NewReader(brokenPDF), "学习卡扫描件.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy", Round: "2017"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload of the scan: %v %+v", err, out)
	}
	scan := s.env.WaitFinished(out[0].Document.ID, catalog.StatusFailed)
	for code, id := range map[string]string{"3.2.1": gone.ID, "2.3.2": scan.ID, "3.1.1": scan.ID} {
		if err := s.env.Catalog.CreateLinks(ctx, []*catalog.Link{{DocumentID: id, IndicatorCode: code, CreatedBy: "test"}}, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.env.Catalog.CarryOver(ctx, "330100", 2017, 2018, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Documents.Delete(ctx, testenv.Admin, gone.ID); err != nil {
		t.Fatal(err)
	}
	carried, err := s.env.Catalog.Carryovers(ctx, catalog.CarryFilter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range carried {
		if c.Indicator == "3.1.1" {
			if err := s.env.Catalog.DecideCarryover(ctx, c.ID, catalog.CarryDropped, "wang"); err != nil {
				t.Fatalf("dropping the scan's link to 3.1.1: %v", err)
			}
		}
	}
	_, page := s.login("wang").get("/carryovers?city=330100&round=2018")
	if i := strings.Index(page, `class="indicator">3.1.1`); i < 0 {
		t.Errorf("/carryovers has no row of the dropped 3.1.1:\n%.2000s", textOf(page))
	} else if row := page[i : i+strings.Index(page[i:], "</tr>")]; !strings.Contains(textOf(row), "文档未能读取") || strings.Contains(row, `value="restore"`) {
		t.Errorf("the dropped link of the unreadable scan: want 文档未能读取 and no 重新计入本轮:\n%s", row)
	}
	for _, c := range []struct{ code, mark string }{{"3.2.1", "文档已删除"}, {"2.3.2", "文档未能读取"}} {
		i := strings.Index(page, `class="indicator">`+c.code)
		if i < 0 {
			t.Fatalf("/carryovers has no row of %s:\n%.2000s", c.code, textOf(page))
		}
		row := page[i:]
		row = row[:strings.Index(row, "</tr>")]
		if !strings.Contains(textOf(row), c.mark) || strings.Contains(row, `value="confirm"`) || !strings.Contains(row, `value="drop"`) ||
			c.code == "2.3.2" && !strings.Contains(textOf(row), "请在文档页重新读取或上传替换文件后再确认") {
			t.Errorf("the row of %s: want %s, no 确认沿用 and 本轮不用:\n%s", c.code, c.mark, row)
		}
	}
}

// uploadBroken uploads brokenPDF as name, a 2018 policy of 杭州, and
// waits for its reading to fail.
func uploadBroken(t *testing.T, s *site, name string) *catalog.Document {
	t.Helper()
	st, err := s.env.Ingest.Stage(strings.NewReader(brokenPDF), name)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy", Round: "2018"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload of %s: %v %+v", name, err, out)
	}
	return s.env.WaitFinished(out[0].Document.ID, catalog.StatusFailed)
}

// TestTheIndicatorPageShowsUnreadableDocuments: a 2018 scan that could
// not be read, linked to 2.3.1, and another only cited by a 2018 claim of
// 2.3.2 are listed on their indicator's page for 2018 with 处理失败 and
// the reason, a link to the document page to read it again or replace
// it, and no （不计入2018年度）.
func TestTheIndicatorPageShowsUnreadableDocuments(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	linked := uploadBroken(t, s, "学分银行制度扫描件.pdf")
	if err := s.env.Catalog.CreateLinks(ctx, []*catalog.Link{{DocumentID: linked.ID, IndicatorCode: "2.3.1", CreatedBy: "test"}}, false); err != nil {
		t.Fatal(err)
	}
	cited := uploadBroken(t, s, "学习卡发放统计扫描件.pdf")
	if err := s.env.Catalog.CreateClaim(ctx, &catalog.Claim{City: "330100", Round: 2018, Indicator: "2.3.2", Statement: "杭州市推行市民终身学习卡",
		CreatedBy: "wang", Citations: []catalog.Citation{{DocumentID: cited.ID, SHA256: cited.SHA256, Page: 1, Quote: "终身学习卡"}}}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	for code, d := range map[string]*catalog.Document{"2.3.1": linked, "2.3.2": cited} {
		_, page := wang.get("/indicators/" + code + "?round=2018")
		i := strings.Index(page, `href="/documents/`+d.ID)
		if i < 0 {
			t.Errorf("the page of %s does not list %s:\n%.2000s", code, d.Filename, textOf(page))
			continue
		}
		card := page[i:]
		card = card[:strings.Index(card, "</article>")]
		text := html.UnescapeString(textOf(card))
		if !strings.Contains(text, "处理失败："+d.Error) || !strings.Contains(card, `<a href="/documents/`+d.ID+`">重新读取 / 上传替换文件</a>`) ||
			strings.Contains(text, "不计入") {
			t.Errorf("the card of %s on the page of %s: want 处理失败：%s with a link to read it again, not 不计入:\n%s", d.Filename, code, d.Error, card)
		}
	}
}
