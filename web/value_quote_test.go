package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestValuesPageSaysTheQuoteIsNotInTheDocument: a value of 2.3.3 quotes
// 学分银行累计开户学习者达到1.2万人 where the document says 12000人. Its
// card on /values (where reviewers give verdicts) says the passage is not
// in the cited document, not that the number is missing from the quote
// (in English too); a value quoting the document's words says it found
// the number.
func TestValuesPageSaysTheQuoteIsNotInTheDocument(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "policy.txt", "杭州市学分银行累计开户学习者12000人，认定市民终身学习基地123个。")
	missing := recordValue(t, s, d.ID, "2.3.3", "1.2万", "学分银行累计开户学习者达到1.2万人")
	found := recordValue(t, s, d.ID, "2.2.1", "123", "认定市民终身学习基地123个")
	card := func(body, id string) string { return valueCard(t, body, id) }
	li := s.login("li")
	_, body := li.get("/values?round=")
	if c := card(body, missing); !strings.Contains(c, "所引文档中未找到该引文（请核对页码或原文）") || strings.Contains(c, "引文中未找到该数值") {
		t.Errorf("the value whose quote is not in the document: %s, want 所引文档中未找到该引文（请核对页码或原文）, as the ledger's import says", textOf(c))
	}
	if c := card(body, found); !strings.Contains(c, "该数值已在引文中找到") || strings.Contains(c, "未找到") {
		t.Errorf("the value quoting the document: %s, want 该数值已在引文中找到", textOf(c))
	}
	li.english()
	_, body = li.get("/values?round=")
	if c := card(body, missing); !strings.Contains(c, "The quote is not in the cited document") {
		t.Errorf("English: %s, want The quote is not in the cited document", textOf(c))
	}
}

// TestLedgerImportResultSaysWhatEachRowFound: a ledger whose row quotes
// words the cited document does not have, and replaces the value the
// round held for its indicator, is imported; the web import's result
// says both of that row: the quote is not in the document, and which
// value it replaced (old → new).
func TestLedgerImportResultSaysWhatEachRowFound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "policy.txt", "杭州市学分银行累计开户学习者12000人。")
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "12000",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学分银行累计开户学习者12000人"}}); err != nil {
		t.Fatal(err)
	}
	ledger := ledgerOf(t, [][]string{{"指标编码", "数值", "单位", "文档编号", "页码", "引文"},
		{"2.3.3", "1.2万", "人", d.ID, "1", "学分银行累计开户学习者达到1.2万人"}})
	a := s.login("wang").postFilesBody("/values/import", map[string]string{"city": "330100", "round": "2017"},
		map[string][]byte{"台账.xlsx": ledger})
	text := textOf(a.body)
	for _, want := range []string{"已导入 1 个数值", "第 2 行：所引文档中未找到该引文", "第 2 行：替换了本轮原有的数值：12000人 → 1.2万人"} {
		if !strings.Contains(text, want) {
			t.Errorf("the import's result lacks %q: %.1500s", want, text)
		}
	}
}
