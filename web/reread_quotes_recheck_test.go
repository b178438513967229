package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestRereadRunLineCountsTheQuotesCheckedAgain: the admin's 重新读取 reads
// anew the text a claim cites; /admin's line of the run then says how
// many quotes were checked again and how many of them changed.
func TestRereadRunLineCountsTheQuotesCheckedAgain(t *testing.T) {
	s := newSite(t)
	oldText, oldFields, _ := claimOnOutdatedText(t, s)
	if err := s.env.Ingest.StartReread(testenv.Admin); err != nil {
		t.Fatal(err)
	}
	s.env.WaitRereadDone(oldText.ID, oldFields.ID)
	admin := s.login("admin")
	_, body := admin.get("/admin")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "重新核对引文 1 处，其中 1 处结果变化") || strings.Contains(text, "核对失败") {
		t.Errorf("the run's line on /admin lacks 重新核对引文 1 处，其中 1 处结果变化: %.800s", from(text, "新版读取器"))
	}
	admin.english()
	_, body = admin.get("/admin")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "1 quote checked again, 1 of them changed") {
		t.Errorf("the English run's line lacks 1 quote checked again, 1 of them changed: %.800s", from(text, "Newer readers"))
	}
}

// claimOnOutdatedText stores the documents of an older release
// (OutdatedArchive), the text of one read as garbage, and a claim citing
// it whose quote was not found there.
func claimOnOutdatedText(t *testing.T, s *site) (oldText, oldFields *catalog.Document, c *catalog.Claim) {
	t.Helper()
	oldText, oldFields = s.env.OutdatedArchive("330100", "wang")
	c, err := s.env.Claims.Create(context.Background(), testenv.Admin, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
		Statement: "宁波市终身学习活动周开展学习活动1260场",
		Citations: []claims.CitationInput{{DocumentID: oldText.ID, Page: 1, Quote: "共开展学习活动" + testenv.OutdatedWords}}})
	if err != nil {
		t.Fatal(err)
	}
	return oldText, oldFields, c
}

// failingQuotes cannot look for quotes: the text store does not answer.
type failingQuotes struct{}

func (failingQuotes) RecheckQuotes(context.Context, string) (catalog.QuotesRechecked, error) {
	return catalog.QuotesRechecked{}, &catalog.Error{Code: catalog.EUNAVAILABLE, Message: "文字存储暂时无法读取，请稍后再试",
		English: "The text store cannot be read just now; try again later"}
}

// RecheckLinkQuotes fails as RecheckQuotes does.
func (f failingQuotes) RecheckLinkQuotes(ctx context.Context, sha, _ string) (catalog.QuotesRechecked, error) {
	return f.RecheckQuotes(ctx, sha)
}

var _ ingest.Quotes = failingQuotes{}

// TestFailedQuoteRecheckIsSaidOnTheClaimAndTheDocument: looking again
// for the quote of a claim in the text read anew fails. The run's line
// on /admin says it (1 处核对失败 and why), and no page shows the old
// text's mark as if it held: the claim page says 引文待重新核对 with why
// instead of 引文未在文档中找到, and the document page lists the quote.
func TestFailedQuoteRecheckIsSaidOnTheClaimAndTheDocument(t *testing.T) {
	s := newSite(t)
	oldText, oldFields, claim := claimOnOutdatedText(t, s)
	s.env.Ingest.UseQuotes(failingQuotes{})
	if err := s.env.Ingest.StartReread(testenv.Admin); err != nil {
		t.Fatal(err)
	}
	s.env.WaitRereadDone(oldText.ID, oldFields.ID)
	admin := s.login("admin")
	_, body := admin.get("/admin")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text,
		"1 处引文核对失败（文字存储暂时无法读取，请稍后再试），已标为引文待重新核对") || strings.Contains(text, "重新核对引文 0 处") {
		t.Errorf("the run's line on /admin does not say the failed check: %.800s", from(text, "新版读取器"))
	}
	_, body = admin.get("/claims/" + claim.ID)
	text := html.UnescapeString(textOf(body))
	if !strings.Contains(text, "引文待重新核对（文字存储暂时无法读取，请稍后再试）") || strings.Contains(text, "所引文档中未找到该引文") {
		t.Errorf("the claim page shows the old text's mark, not 引文待重新核对 with why: %.800s", from(text, "引用"))
	}
	_, body = admin.get("/documents/" + oldText.ID)
	text = html.UnescapeString(textOf(body))
	if !strings.Contains(text, "有 1 处引文未能重新核对") || !strings.Contains(text, "引文待重新核对（文字存储暂时无法读取，请稍后再试）") {
		t.Errorf("the document page does not list the quote to check again: %.1200s", text)
	}
	if !strings.Contains(body, `href="/claims/`+claim.ID+`"`) {
		t.Errorf("the document page does not link the claim %s whose quote is to check again", claim.ID)
	}
	// In English, the reason is the English one the failure gave.
	admin.english()
	_, body = admin.get("/admin")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text,
		"1 quote could not be checked again (The text store cannot be read just now; try again later)") || strings.Contains(text, "文字存储") {
		t.Errorf("the English run's line does not give the English reason: %.800s", from(text, "Newer readers"))
	}
	for _, path := range []string{"/claims/" + claim.ID, "/documents/" + oldText.ID} {
		_, body = admin.get(path)
		if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "Quote to be checked again (The text store cannot be read just now; try again later)") ||
			strings.Contains(text, "文字存储暂时无法读取") {
			t.Errorf("the English page %s does not give the English reason: %.1200s", path, text)
		}
	}
}

// TestValueQuoteToRecheckSaysWhyInThePagesLanguage: a value and a claim
// cite 统计.txt, and looking again for their quotes in its text read
// anew failed. The values list says 引文待重新核对（why）in place of the
// number's old 已在引文中找到 line; in English, the claim page, the values
// list and the document page give the English reason, and a reason
// without English is shown in Chinese.
func TestValueQuoteToRecheckSaysWhyInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "统计.txt", "杭州市认定市民终身学习基地123个，建立学分银行。")
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, body := wang.get("/values?round=2017")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "已在引文中找到") || strings.Contains(text, "引文待重新核对") {
		t.Fatalf("before the failed look, the values list: %.1500s", text)
	}
	if _, err := s.env.Catalog.MarkQuotesToRecheck(ctx, d.SHA256, "文字存储暂时无法读取，请稍后再试", "The text store cannot be read just now; try again later"); err != nil {
		t.Fatal(err)
	}
	_, body = wang.get("/values?round=2017")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "引文待重新核对（文字存储暂时无法读取，请稍后再试）") || strings.Contains(text, "已在引文中找到") {
		t.Errorf("the values list shows the old mark, not 引文待重新核对 with why: %.1500s", text)
	}
	wang.english()
	for _, path := range []string{"/values?round=2017", "/claims/" + c.ID, "/documents/" + d.ID} {
		_, body = wang.get(path)
		if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "Quote to be checked again (The text store cannot be read just now; try again later)") ||
			strings.Contains(text, "文字存储暂时无法读取") {
			t.Errorf("the English page %s does not give the English reason: %.1500s", path, text)
		}
	}
	if _, err := s.env.Catalog.MarkQuotesToRecheck(ctx, d.SHA256, "文字存储暂时无法读取，请稍后再试", ""); err != nil {
		t.Fatal(err)
	}
	_, body = wang.get("/claims/" + c.ID)
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "Quote to be checked again (文字存储暂时无法读取，请稍后再试)") {
		t.Errorf("a reason without English is not shown in Chinese on the English claim page: %.1500s", text)
	}
}

// TestCompareAndHeatMapSayAQuoteToRecheck: a value of 2.2.1 cites 基地.txt
// with its number not in its quote (数值未在引文中找到, a mark of the old
// text), and looking again for its quote in the text read anew failed.
// /compare's cell and the heat map's then say 引文待重新核对（why）, not
// 数值未在引文中找到 from the old marks; English too.
func TestCompareAndHeatMapSayAQuoteToRecheck(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "基地.txt", "杭州市认定市民终身学习基地123个。")
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "456",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, body := wang.get("/compare?city=330100&rounds=2017,2018")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "数值未在引文中找到") {
		t.Fatalf("before the failed look, /compare lacks 数值未在引文中找到: %.2000s", text)
	}
	if _, err := s.env.Catalog.MarkQuotesToRecheck(ctx, d.SHA256, "文字存储暂时无法读取，请稍后再试", "The text store cannot be read just now; try again later"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/compare?city=330100&rounds=2017,2018", "/indicators?round=2017"} {
		_, body = wang.get(path)
		if text := html.UnescapeString(body); !strings.Contains(text, "引文待重新核对（文字存储暂时无法读取，请稍后再试）") || strings.Contains(text, ">数值未在引文中找到<") {
			t.Errorf("%s does not say 引文待重新核对 with why in place of 数值未在引文中找到: %.3000s", path, textOf(body))
		}
	}
	wang.english()
	for _, path := range []string{"/compare?city=330100&rounds=2017,2018", "/indicators?round=2017"} {
		_, body = wang.get(path)
		if text := html.UnescapeString(body); !strings.Contains(text, "Quote to be checked again (The text store cannot be read just now; try again later)") {
			t.Errorf("the English %s does not give the English reason: %.3000s", path, textOf(body))
		}
	}
}

// TestWithdrawnClaimsQuoteIsNotListedToRecheck: a claim's quote in
// 总结.txt was marked 引文待重新核对, and the claim was withdrawn since:
// the document page no longer lists it, nothing counting on it.
func TestWithdrawnClaimsQuoteIsNotListedToRecheck(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "总结.txt", "杭州市建立学分银行，推进学分认定。")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Catalog.MarkQuotesToRecheck(ctx, d.SHA256, "文字存储暂时无法读取，请稍后再试", ""); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	if _, body := wang.get("/documents/" + d.ID); !strings.Contains(body, `id="quotes-recheck"`) {
		t.Fatalf("the document page does not list the marked quote: %.1200s", textOf(body))
	}
	if _, err := s.env.Catalog.WithdrawClaim(ctx, c.ID, "wang", "重复填报"); err != nil {
		t.Fatal(err)
	}
	if _, body := wang.get("/documents/" + d.ID); strings.Contains(body, `id="quotes-recheck"`) {
		t.Errorf("the document page lists the quote of a withdrawn claim to check again: %.1200s", textOf(body))
	}
}
