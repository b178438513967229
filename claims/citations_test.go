package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

func TestAClaimNeedsACitation(t *testing.T) {
	e := testenv.New(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	_, err := e.Claims.Create(context.Background(), coord, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行"})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "citations" {
		t.Errorf("a claim without citations: %v, want EINVALID about citations", err)
	}
}

// A statement about a second-level indicator is refused naming the
// indicator by its name_en in English, not by its Chinese name.
func TestClaimOnALevel2IndicatorNamesItInEnglish(t *testing.T) {
	e := testenv.New(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	_, err := e.Claims.Create(context.Background(), coord, claims.Input{Indicator: "2.3", Statement: "杭州市建立了学分银行"})
	zh, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
	if catalog.ErrorField(err) != "indicator" || !strings.Contains(zh, "2.3 学习成果认证与学分积累 是2级指标") ||
		!strings.Contains(en, "2.3 Recognition of learning outcomes is a level-2 indicator") {
		t.Errorf("a claim on 2.3: %q / %q, want it named 学习成果认证与学分积累 / Recognition of learning outcomes", zh, en)
	}
}

// TestEveryMistakeOfAClaimAtOnce: a claim sent empty, or with an empty
// citation, is refused with every field's mistake, each about its field,
// in Chinese and in English; nothing is stored.
func TestEveryMistakeOfAClaimAtOnce(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	fields := func(_ *catalog.Claim, err error) map[string]*catalog.Error {
		t.Helper()
		if catalog.ErrorCode(err) != catalog.EINVALID {
			t.Fatalf("got %v, want EINVALID", err)
		}
		out := map[string]*catalog.Error{}
		for _, m := range catalog.Each(err) {
			if m.English == "" || out[m.Field] != nil {
				t.Errorf("mistake %q about %q: no English, or a second one about its field", m.Message, m.Field)
			}
			out[m.Field] = m
		}
		return out
	}
	got := fields(e.Claims.Create(ctx, testenv.Admin, claims.Input{Statement: " "}))
	for _, f := range []string{"city", "indicator", "statement", "citations"} {
		if got[f] == nil {
			t.Errorf("an empty claim: no mistake about %s among %v", f, got)
		}
	}
	got = fields(e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{}}}))
	if len(got) != 4 || got["indicator"] == nil {
		t.Errorf("a claim on a level-2 indicator with an empty citation: %v", got)
	}
	for f, want := range map[string]string{"document_id": "Citation 1: Choose the document cited", "page": "Citation 1: Enter the page the quote is on",
		"quote": "Citation 1: Enter the words quoted from the document"} {
		if got[f] == nil || got[f].English != want || !strings.HasPrefix(got[f].Message, "第 1 条引用") {
			t.Errorf("an empty citation's %s: %+v, want %q", f, got[f], want)
		}
	}
	if cs, err := e.Catalog.FindClaims(ctx, catalog.ClaimFilter{}); err != nil || len(cs) != 0 {
		t.Errorf("claims stored: %+v %v", cs, err)
	}
}

// TestAnotherCitysDocumentIsNotNamed: a coordinator who cites a document
// of another city is told, as for a document that does not exist, that
// there is none; its title is not given away. An admin, who may see it,
// is told it belongs to another city.
func TestAnotherCitysDocumentIsNotNamed(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	secret := e.Upload("510100", "成都市内部通知.txt", "成都市内部通知\n成都市建立了学分银行。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	cite := func(u *catalog.User, id string) string {
		_, err := e.Claims.Create(ctx, u, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
			Citations: []claims.CitationInput{{DocumentID: id, Page: 1, Quote: "建立了学分银行"}}})
		if catalog.ErrorCode(err) != catalog.EINVALID {
			t.Fatalf("citing %s: %v, want EINVALID", id, err)
		}
		return catalog.ErrorMessage(err)
	}
	got := cite(coord, secret.ID)
	if missing := cite(coord, "01ZZZZZZZZZZZZZZZZZZZZZZZZ"); got != strings.ReplaceAll(missing, "01ZZZZZZZZZZZZZZZZZZZZZZZZ", secret.ID) {
		t.Errorf("another city's document: %q; a missing one: %q", got, missing)
	}
	if strings.Contains(got, secret.Title) || strings.Contains(got, "内部通知") {
		t.Errorf("the message names the other city's document: %q", got)
	}
	if got := cite(testenv.Admin, secret.ID); !strings.Contains(got, "其他城市") {
		t.Errorf("an admin citing another city's document: %q", got)
	}
}

// TestCitationsFoundAsTheDocumentReads: a coordinator's quotes are checked
// against the stored text as a person reads the document: a quote running
// onto the next page past its page number, one in simplified characters
// of a traditional page, one with the year in other numerals, each found
// on the page it starts on, and shown there in context.
func TestCitationsFoundAsTheDocumentReads(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "zongjie.txt", "杭州市学习型城市建设工作总结\n全市建成社区学校一百二十所，建立终身\n— 1 —\f"+
		"教育学分银行，二〇二三年新增学习点四十个。\n— 2 —\f全市開展學習型城市建設，成效顯著。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := e.Claims.Create(ctx, coord, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了终身教育学分银行",
		Citations: []claims.CitationInput{
			{DocumentID: d.ID, Page: 1, Quote: "建立终身教育学分银行"},
			{DocumentID: d.ID, Page: 2, Quote: "2023年新增学习点四十个"},
			{DocumentID: d.ID, Page: 3, Quote: "全市开展学习型城市建设"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	for i, cit := range c.Citations {
		if !cit.QuoteFound || cit.FoundOnPage != cit.Page {
			t.Errorf("citation %d %q: found %v on page %d, want found on page %d", i+1, cit.Quote, cit.QuoteFound, cit.FoundOnPage, cit.Page)
		}
	}
	ps, err := e.Claims.Passages(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"<mark>建立终身</mark>", "<mark>二〇二三年新增学习点四十个</mark>", "<mark>全市開展學習型城市建設</mark>"} {
		if !strings.Contains(ps[i].Context, want) {
			t.Errorf("citation %d shown as %q, want %q in it", i+1, ps[i].Context, want)
		}
	}
}
