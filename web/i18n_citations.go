package web

import (
	"fmt"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// The words of a claim's citations as its reviewer reads them (the
// quote on each card, its number, the history's citations, the
// confirmation before removing one from a judged claim), kept apart from
// i18n.go so that they merge cleanly; they join messages at start-up.
func init() {
	for k, m := range citationMessages {
		messages[k] = m
	}
}

var citationMessages = map[string]map[Lang]string{
	"claim.citation_number": {Chinese: "第 %d 条", English: "Citation %d"},
	"claim.quote_label":     {Chinese: "引文", English: "Quote"},
	"claim.quote_elsewhere": {Chinese: "但第 %d 条引用的引文不在第 %d 页，在第 %d 页，请核对页码",
		English: "But the quote of citation %d is not on page %d but on page %d: check the page number"},
	"claim.uncite.confirm": {Chinese: "确定删除第 %d 条引用吗？", English: "Remove citation %d?"},
	"claim.uncite.verdict": {Chinese: "这条定性描述已有审核结论（%s）。删除引用将清除这一结论，定性描述重新等待审核；其余引用保留原来的编号。",
		English: "This claim has a verdict (%s). Removing a citation clears it and the claim waits for review again; the other citations keep their numbers."},
	"claim.history_sep":      {Chinese: "；", English: "; "},
	"claim.history_citation": {Chinese: "第 %d 条《%s》第 %d 页“%s”", English: "citation %d, “%s” page %d: “%s”"},
}

// historyQuoteRunes bounds a quote as the history names it: enough to
// tell it from the others, the card shows it whole.
const historyQuoteRunes = 60

// citationLine names a citation as the history and the confirmation
// before its removal do: 第 2 条《学分银行管理办法》第 3 页“全年存入……”.
func citationLine(l Lang, c claims.EventCitation, title string) string {
	q := catalog.TypedText(c.Quote)
	if utf8.RuneCountInString(q) > historyQuoteRunes {
		q = string([]rune(q)[:historyQuoteRunes]) + "……"
	}
	if title == "" {
		title = c.DocumentID
	}
	return fmt.Sprintf(tr(l, "claim.history_citation"), c.Number, title, c.Page, q)
}

// historyCitations are the citations a claim event added and removed, as
// its line in 处理记录 names them after its action (删除引用：第 2 条《…》…).
// An edit that replaced the citations says which it added and which it
// removed; the other events do one of the two, which their action says.
func historyCitations(l Lang, e catalog.Event, titles map[string]string) []string {
	added, removed := claims.EventCitations(e)
	both := len(added) > 0 && len(removed) > 0
	var out []string
	for _, part := range []struct {
		cits   []claims.EventCitation
		action string
	}{{added, string(catalog.ClaimCited)}, {removed, string(catalog.ClaimUncited)}} {
		for _, c := range part.cits {
			line := citationLine(l, c, titles[c.DocumentID])
			if both {
				line = actionName(l, part.action) + colon(l) + line
			}
			out = append(out, line)
		}
	}
	return out
}
