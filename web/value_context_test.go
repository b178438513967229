package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// recordValue records, as 杭州's coordinator wang, a 2017 value of code
// quoting page 1 of document doc, and returns its ID.
func recordValue(t *testing.T, s *site, doc, code, value, quote string) string {
	t.Helper()
	return recordValueIn(t, s, doc, 2017, code, value, quote)
}

// recordValueIn is recordValue in round.
func recordValueIn(t *testing.T, s *site, doc string, round int, code, value, quote string) string {
	t.Helper()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	v, err := s.env.Values.Record(context.Background(), coord, values.Input{Round: round, Indicator: code, Value: values.Written(value),
		Citation: claims.CitationInput{DocumentID: doc, Page: 1, Quote: quote}})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// valueCard is the card of value id on a /values page.
func valueCard(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `id="value-`+id+`"`)
	if i < 0 {
		t.Fatalf("value %s is not listed: %.1500s", id, textOf(body))
	}
	c := body[i:]
	return c[:strings.Index(c, "</article>")]
}

// TestValuesPageShowsTheNumberInItsPlaceOnThePage: a value of 2.3.3
// quoting a short clause of a long work summary is shown on /values with
// the page it is on, linked to that page of the document, and the
// sentence around the number with the number marked, the page cut with …
// either side; a value whose passage writes the number in another unit
// shows the passage without a mark. In English the label is English.
func TestValuesPageShowsTheNumberInItsPlaceOnThePage(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "zongjie.txt", "杭州市二〇一七年终身学习工作总结\n"+
		"一、基本情况。全市坚持政府主导、部门协同、社会参与，市委市政府十分重视学习型城市建设，"+
		"全年存入学分银行的社会培训成果达12.3万人，较上年增长百分之十五，社区教育工作取得了一定成效，"+
		"各区县（市）均建立了社区学院，街道社区学校实现全覆盖。全年举办市民大讲堂56场，各类学习活动参与人数持续增长。")
	found := recordValue(t, s, d.ID, "2.3.3", "123000", "社会培训成果达12.3万人")
	mismatch := recordValue(t, s, d.ID, "5.1.1", "56%", "全年举办市民大讲堂56场")
	li := s.login("li")
	_, body := li.get("/values?status=pending&round=")
	c := valueCard(t, body, found)
	link := `href="/documents/` + d.ID + `?page=1&amp;q=12.3%E4%B8%87"`
	if !strings.Contains(c, `<p class="frag value-context">原文：<a class="page" `+link+`>第 1 页</a>`) {
		t.Errorf("the found value's card has no context linked to its page (%s): %s", link, c)
	}
	if want := "十分重视学习型城市建设，全年存入学分银行的社会培训成果达<mark>12.3万</mark>人，较上年增长百分之十五，社区教育工作取得了一定成效"; !strings.Contains(c, want) || !strings.Contains(c, "</a> …") || !strings.Contains(c, "…</p>") {
		t.Errorf("the found value's context: %s, want %s", c, want)
	}
	c = valueCard(t, body, mismatch)
	if !strings.Contains(c, "全年举办市民大讲堂56场") || strings.Contains(c, "<mark>") || !strings.Contains(c, "value-context") {
		t.Errorf("the value written in another unit: %s, want its passage shown unmarked", c)
	}
	li.english()
	_, body = li.get("/values?status=pending&round=")
	if c := valueCard(t, body, found); !strings.Contains(c, "On the page: ") || !strings.Contains(c, "<mark>12.3万</mark>") {
		t.Errorf("English card: %s, want On the page: and the number marked", textOf(c))
	}
}

// TestValuesPageTellsAValueWasContradictedLastRound: 杭州's 2017 value
// of 2.3.3 found 与证据矛盾 is carried into 2018; on /values its 2018 copy
// is 待审核 and marked 上一轮（2017年度）：与证据矛盾 as the claims' queue
// marks such a claim (in English too), beside last round's value; a value
// verified in 2017 and carried alike is not marked.
func TestValuesPageTellsAValueWasContradictedLastRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	d := s.env.Upload("330100", "xuefen.txt", "杭州市学分银行累计开户学习者12000人，认定市民终身学习基地123个。")
	record := func(code, value, quote, verdict string) {
		t.Helper()
		if _, err := s.env.Values.Review(ctx, reviewer, recordValue(t, s, d.ID, code, value, quote), verdict, "原文为12000人"); err != nil {
			t.Fatal(err)
		}
	}
	record("2.3.3", "2万", "学分银行累计开户学习者12000人", "contradicted")
	record("2.2.1", "123", "认定市民终身学习基地123个", "verified")
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	carried, err := s.env.Values.List(ctx, coord, values.Filter{City: "330100", Round: 2018})
	if err != nil || len(carried) != 2 {
		t.Fatalf("carried values: %v, %v; want 2", carried, err)
	}
	li := s.login("li")
	_, body := li.get("/values?status=to_confirm&round=2018")
	for _, v := range carried {
		c := valueCard(t, body, v.ID)
		mark := strings.Contains(c, `<span class="badge contradicted before">上一轮（2017年度）：与证据矛盾</span>`)
		switch v.Indicator {
		case "2.3.3":
			if !mark || !strings.Contains(textOf(c), "（上一轮 2017年度：2万人，与证据矛盾；不作比较）") {
				t.Errorf("the value contradicted in 2017: %s, want the mark and last round's value", textOf(c))
			}
		default:
			if mark || strings.Contains(c, "contradicted before") {
				t.Errorf("the value verified in 2017: %s, want no mark", textOf(c))
			}
		}
	}
	li.english()
	_, body = li.get("/values?status=to_confirm&round=2018")
	if !strings.Contains(body, "Round 2017 (the last): contradicted by evidence") {
		t.Errorf("English /values: %.2000s, want Round 2017 (the last): contradicted by evidence", textOf(body))
	}
}

// TestValuesPageEscapesThePageTextAndSaysWhyItIsMissing: page text around
// the number that holds HTML (<script>, <img onerror>, &) is shown as
// text, escaped, not as markup; while the server's budget for big texts is
// lent out, the card says its page cannot be shown now, as a claim's
// passages do, in place of showing nothing.
func TestValuesPageEscapesThePageTextAndSaysWhyItIsMissing(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "html.txt", "杭州市学分银行&<script>alert(1)</script>累计开户学习者12000人，"+
		"<img src=x onerror=alert(2)>认定市民终身学习基地123个，社区学校56所。")
	id := recordValue(t, s, d.ID, "2.3.3", "12000", "累计开户学习者12000人")
	li := s.login("li")
	_, body := li.get("/values?status=pending&round=")
	c := valueCard(t, body, id)
	if !strings.Contains(c, "<mark>12000</mark>") || strings.Contains(c, "<script>") || strings.Contains(c, "<img") ||
		!strings.Contains(c, "学分银行&amp;&lt;script&gt;alert(1)&lt;/script&gt;累计开户学习者") || !strings.Contains(c, "人，&lt;img src=x onerror=alert(2)&gt;认定") {
		t.Errorf("the context of a page holding HTML: %s, want it escaped", c)
	}
	s.env.Documents.SetTextBudget(64 << 20)
	release, err := s.env.Documents.HoldTextBudget(64 << 20)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	_, body = li.get("/values?status=pending&round=")
	c = valueCard(t, body, id)
	if !strings.Contains(c, `<p class="frag muted value-context" role="status">原文：无法显示这段引文所在页的文字：`) || strings.Contains(c, "<mark>") {
		t.Errorf("the card while the budget is lent out: %s, want why its page is not shown", c)
	}
	li.english()
	_, body = li.get("/values?status=pending&round=")
	if c := valueCard(t, body, id); !strings.Contains(c, "On the page: The text of the page this passage is on cannot be shown: ") {
		t.Errorf("English card while the budget is lent out: %s", textOf(c))
	}
}

// TestValuesCardSaysARoughNumber: a value found in a rough number (12万
// in 十多万人) says on the reviewer's card that the passage's number is
// 约数, in English too; a value the passage writes exactly says it is
// found, no 约数.
func TestValuesCardSaysARoughNumber(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "zongjie.txt", "全年存入学分银行的社会培训成果达十多万人，认定市民终身学习基地123个。")
	rough := recordValue(t, s, d.ID, "2.3.3", "12万", "社会培训成果达十多万人")
	exact := recordValue(t, s, d.ID, "2.2.1", "123", "认定市民终身学习基地123个")
	li := s.login("li")
	_, body := li.get("/values?status=pending&round=")
	if c := valueCard(t, body, rough); !strings.Contains(c, "该数值在引文中的约数“十多万”范围内，请以统计台账等确切数字核对") ||
		strings.Contains(c, "该数值已在引文中找到") {
		t.Errorf("the card of 12万 found in 十多万人: %s, want 约数 said", textOf(c))
	}
	if c := valueCard(t, body, exact); !strings.Contains(c, "该数值已在引文中找到") || strings.Contains(c, "约数") {
		t.Errorf("the card of 123 found in 123个: %s, want it found, no 约数", textOf(c))
	}
	li.english()
	_, body = li.get("/values?status=pending&round=")
	if c := valueCard(t, body, rough); !strings.Contains(c, "a rough number in the quoted passage") {
		t.Errorf("English card of 12万 found in 十多万人: %s, want a rough number said", textOf(c))
	}
}

// TestValuesCardShowsTheQualifier: on the reviewer's card, 10万 from
// “学分银行累计开户人数突破10万人” and from “…近10万人” says the passage writes a
// 约数 naming the qualifier (突破10万, 近10万), not that the number is
// missing nor that it is found; 10.5万人次 within “10万人次以上” names it
// (probe s40 #7).
func TestValuesCardShowsTheQualifier(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "学分银行年报.txt", "学分银行累计开户人数突破10万人。存入学分银行的社会培训成果人数近10万人。全年市民参与学习活动10万人次以上。")
	broke := recordValue(t, s, d.ID, "2.3.3", "10万", "学分银行累计开户人数突破10万人")
	above := recordValue(t, s, d.ID, "3.1.3", "10.5", "全年市民参与学习活动10万人次以上")
	li := s.login("li")
	_, body := li.get("/values?status=pending&round=")
	if c := valueCard(t, body, broke); !strings.Contains(c, "引文写的是约数“突破10万”，不是确切的这个数值") || strings.Contains(c, "该数值已在引文中找到") {
		t.Errorf("the card of 10万 from 突破10万人: %s, want 约数“突破10万” said", textOf(c))
	}
	if c := valueCard(t, body, above); !strings.Contains(c, "该数值在引文中的约数“10万人次以上”范围内") {
		t.Errorf("the card of 10.5万人次 from 10万人次以上: %s, want 约数“10万人次以上” said", textOf(c))
	}
	nearly := recordValueIn(t, s, d.ID, 2018, "2.3.3", "10万", "存入学分银行的社会培训成果人数近10万人")
	_, body = li.get("/values?status=pending&round=2018")
	if c := valueCard(t, body, nearly); !strings.Contains(c, "引文写的是约数“近10万”") {
		t.Errorf("the card of 10万 from 近10万人: %s, want 约数“近10万” said", textOf(c))
	}
}

// TestValuesCardSaysSpacedDigitsAndStaleMarks: a value found in digits
// the stored text parts by a space (学习中心　12　120所 from a table row,
// stored 学习中心12 120所) says on the card that they may be one number or
// two cells, naming both readings, once; a value saved found under older
// rules that today's rules do not find (100000 against 十多万人) says
// 请核对, not that it is found.
func TestValuesCardSaysSpacedDigitsAndStaleMarks(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "zongjie.txt", "全年存入学分银行的社会培训成果达十多万人。\n\n学习中心\u300012\u3000120所\n\n")
	spaced := recordValue(t, s, d.ID, "2.2.1", "120", "学习中心12 120所")
	stale := &catalog.Value{City: "330100", Round: 2017, Indicator: "2.3.3", Number: 100000, Given: "100000", Unit: "人",
		Citation:   catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: "社会培训成果达十多万人", QuoteFound: true, FoundOnPage: 1},
		ValueFound: true}
	if err := s.env.Catalog.SaveValue(context.Background(), stale, "wang"); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, body := li.get("/values?status=pending&round=")
	const note = "引文中的“12 120”可能是千位以空格分组的12120，也可能是表格中相邻的12和120；请核对"
	if c := html.UnescapeString(valueCard(t, body, spaced)); strings.Count(c, note) != 1 {
		t.Errorf("the card of 120 in 学习中心12 120所: %s, want %q once", textOf(c), note)
	}
	if c := valueCard(t, body, stale.ID); !strings.Contains(c, "请核对：保存时该数值在引文中找到，按现行规则未找到") || strings.Contains(c, "该数值已在引文中找到") {
		t.Errorf("the card of 100000 saved found against 十多万人: %s, want 请核对", textOf(c))
	}
	li.english()
	_, body = li.get("/values?status=pending&round=")
	if c := html.UnescapeString(valueCard(t, body, spaced)); !strings.Contains(c, "12120 with its thousands grouped by a space, or 12 and 120 side by side") {
		t.Errorf("English card of 120 in 学习中心12 120所: %s", textOf(c))
	}
}
