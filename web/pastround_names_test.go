package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPastRoundDocumentNamesItsLinksAsItsRound: a document of 2018, a
// past round that kept a typo in 2.3.1, lists its link to 2.3.1 as 2018
// named it with today's name beside it (旧名（现名：新名）; English "(now:
// …)"), as 2018's coverage and /compare do; a document of 2019, the
// current round, and one of 2017, which keeps no names, list today's
// name alone.
func TestPastRoundDocumentNamesItsLinksAsItsRound(t *testing.T) {
	s := newSite(t)
	typo, right := pastRoundWithTypo(t, s)
	ctx := context.Background()
	doc := func(round string) string {
		d := s.env.Upload("330100", "学分银行"+round+".txt", round+"年杭州市建立学分银行制度")
		if _, err := s.env.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Round: &round}); err != nil {
			t.Fatal(err)
		}
		if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	past, current, follows := doc("2018"), doc("2019"), doc("2017")
	b := s.login("wang")
	link := func(id string) string {
		_, page := b.get("/documents/" + id)
		return html.UnescapeString(textOf(regexp.MustCompile(`(?s)<li class="link-item" data-code="2\.3\.1">.*?</a>`).FindString(page)))
	}
	if got, want := link(past), "2.3.1 "+typo+"（现名："+right+"）"; got != want {
		t.Errorf("2018's document lists its link as %q, want %q", got, want)
	}
	for _, id := range []string{current, follows} {
		if got := link(id); got != "2.3.1 "+right {
			t.Errorf("document %s of a round that follows the framework lists its link as %q, want today's name %q", id, got, "2.3.1 "+right)
		}
	}
	b.english()
	if got := link(past); !strings.Contains(got, " (now: ") {
		t.Errorf("2018's document on the English page lists its link as %q, want today's name beside 2018's", got)
	}
}

// TestALinkMadeForAnotherRoundIsNamedAsThatRoundNamesIt: a document of
// 2019 (the current round) linked to 2.3.1 for 2018, where the link
// counts only, lists the link as 2018 named 2.3.1, with today's name
// beside it; its link made in 2019 names it as today's framework does.
func TestALinkMadeForAnotherRoundIsNamedAsThatRoundNamesIt(t *testing.T) {
	s := newSite(t)
	typo, right := pastRoundWithTypo(t, s)
	ctx := context.Background()
	d := s.env.Upload("330100", "学分银行2019.txt", "杭州市建立学分银行制度,发放市民终身学习卡")
	round := "2019"
	if _, err := s.env.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Round: &round}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.2", Page: 1}); err != nil {
		t.Fatal(err)
	}
	_, page := s.login("wang").get("/documents/" + d.ID)
	link := func(code string) string {
		return html.UnescapeString(textOf(regexp.MustCompile(`(?s)<li class="link-item" data-code="` + regexp.QuoteMeta(code) + `">.*?</a>`).FindString(page)))
	}
	if got, want := link("2.3.1"), "2.3.1 "+typo+"（现名："+right+"）"; got != want {
		t.Errorf("the link made for 2018: %q, want %q", got, want)
	}
	if got := link("2.3.2"); got != "2.3.2 市民终身学习卡与个人学习档案" {
		t.Errorf("the link made in 2019: %q, want today's name", got)
	}
}

// TestHeatMapKeepsAPastRoundsDroppedIndicator: 2.3.2, which 2018 had and
// today's framework dropped, is a row of 2018's heat map named as 2018
// named it, its cell counting the document 2018 linked to it and opening
// 2018's documents linked to it (the indicator's own page is today's
// framework's, which lacks it); 2019's heat map has no such row; /compare
// of both has it, 2019's cell saying 2019 had no such indicator, without
// a count; the document's page links 2.3.2 as the heat map's cell does.
func TestHeatMapKeepsAPastRoundsDroppedIndicator(t *testing.T) {
	s := newSite(t)
	pastRoundWithTypo(t, s)
	ctx := context.Background()
	d := s.env.Upload("330100", "学习卡.txt", "杭州市民终身学习卡发卡文件")
	round := "2018"
	if _, err := s.env.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Round: &round}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.2", Page: 1}); err != nil {
		t.Fatal(err)
	}
	s.env.ImportWithout("2.3.2")
	b := s.login("wang")
	row := func(round string) string {
		_, page := b.get("/indicators?city=330100&round=" + round)
		return regexp.MustCompile(`(?s)<tr><th class="code" scope="row" title="[^"]*">2\.3\.2</th>.*?</tr>`).FindString(page)
	}
	got := row("2018")
	if !strings.Contains(got, `title="市民终身学习卡与个人学习档案"`) || !strings.Contains(got, "●1") {
		t.Fatalf("2018's heat map row 2.3.2: %q, want it named as 2018 named it, with its document", got)
	}
	href := html.UnescapeString(regexp.MustCompile(`href="([^"]*)"`).FindStringSubmatch(got)[1])
	if href != "/documents?indicator=2.3.2&round=2018&city=330100" {
		t.Errorf("2018's cell 2.3.2 opens %q, want 2018's documents linked to it", href)
	}
	if resp, page := b.get(href); resp.StatusCode != 200 || !strings.Contains(page, "/documents/"+d.ID) {
		t.Errorf("%s: %d, want the document linked to 2.3.2 in 2018 listed: %.300s", href, resp.StatusCode, textOf(page))
	}
	if got := row("2019"); got != "" {
		t.Errorf("2019's heat map has a row 2.3.2, which 2019 never had: %q", got)
	}
	_, page := b.get("/compare?city=330100&rounds=2018,2019")
	cmpRow := regexp.MustCompile(`(?s)<tr data-code="2\.3\.2">.*?</tr>`).FindString(page)
	cmp := html.UnescapeString(textOf(cmpRow))
	if !strings.Contains(cmp, "2.3.2 市民终身学习卡与个人学习档案") || !strings.Contains(cmp, "1 份") || !strings.Contains(cmp, "本轮无此指标") {
		t.Errorf("/compare of 2018 and 2019, row 2.3.2: %q, want 2018's document and 2019 saying it had no such indicator", cmp)
	}
	// The document's own page links 2.3.2 as the heat map's cell does:
	// /indicators/2.3.2 is today's framework's page, which lacks it.
	_, page = b.get("/documents/" + d.ID)
	item := regexp.MustCompile(`(?s)<li class="link-item" data-code="2\.3\.2">.*?</a>`).FindString(page)
	if m := regexp.MustCompile(`href="([^"]*)"`).FindStringSubmatch(item); m == nil || html.UnescapeString(m[1]) != href {
		t.Errorf("the document's link to 2.3.2: %q, want it to open %q", item, href)
	}
	absent := html.UnescapeString(textOf(regexp.MustCompile(`(?s)<td class="status-absent">.*?</td>`).FindString(cmpRow)))
	if absent != "本轮无此指标" {
		t.Errorf("/compare of 2018 and 2019, 2019's cell of 2.3.2: %q, want 本轮无此指标 alone, no count of documents", absent)
	}
}
