package web

import "github.com/lcmonitor/evidence/catalog"

// The words of a quote found on a scanned page with a character or two
// OCR read otherwise (catalog.Citation.QuoteRead, QuoteMark.Read): the
// coordinator, the reviewer and whoever reads a value or a link see what
// OCR read, so the scan is checked for those characters. Kept apart from
// i18n.go so that they merge cleanly; they join messages at start-up.
func init() {
	for k, m := range nearQuoteMessages {
		messages[k] = m
	}
}

var nearQuoteMessages = map[string]map[Lang]string{
	"quote.approx": {Chinese: "引文与扫描件识别文字基本一致（识别为“%s”）",
		English: "The quote matches the scan's recognised text except for “%s” as read"},
	"claim.quote_approx": {Chinese: "第 %d 条引用的引文与扫描件识别文字基本一致（识别为“%s”），请审核专家对照扫描件核实",
		English: "The quote of citation %d matches the scan's recognised text except for “%s” as read: the reviewer checks it against the scan"},
}

// quoteRead is what a page says of a quote OCR read approximately, with
// the characters as OCR read them; "" for one matched exactly.
func quoteRead(l Lang, read string) string {
	if read == "" {
		return ""
	}
	return trf(l, "quote.approx", read)
}

// linkQuoteRead is quoteRead for a link's quote, said only where the
// quote was found approximately (on its page or another).
func linkQuoteRead(l Lang, m catalog.QuoteMark) string {
	if !m.Checked || m.FoundOnPage == 0 {
		return ""
	}
	return quoteRead(l, m.Read)
}
