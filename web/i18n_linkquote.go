package web

import (
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// The marks of a link's quote that its document's text does not have
// (catalog.QuoteMark), kept apart from i18n.go so that they merge
// cleanly; they join messages at start-up, with full-width punctuation as
// the rest.
func init() {
	for k, m := range linkQuoteMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var linkQuoteMessages = map[string]map[Lang]string{
	"link.quote_missing":   {Chinese: "引文未在原文中找到，请核对原文", English: "Quote not found in the document: check it against the text"},
	"link.quote_elsewhere": {Chinese: "引文不在第 %d 页（在第 %d 页），请核对页码", English: "Quote not on page %d (it is on page %d): check the page"},
	"link.quote_unchecked": {Chinese: "引文尚未与原文核对", English: "Quote not yet checked against the text"},
}

// linkQuoteMark is what a page says beside a link's quote at page that
// its document's text may not have (m): not found, on another page, or
// not looked for yet; "" for a quote found on its page, or no quote.
func linkQuoteMark(l Lang, quote string, page int, m catalog.QuoteMark) string {
	switch {
	case quote == "" || m.Checked && m.QuoteFound:
		return ""
	case !m.Checked:
		return tr(l, "link.quote_unchecked")
	case m.FoundOnPage > 0:
		return fmt.Sprintf(tr(l, "link.quote_elsewhere"), page, m.FoundOnPage)
	default:
		return tr(l, "link.quote_missing")
	}
}
