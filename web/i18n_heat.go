package web

import "github.com/lcmonitor/evidence/catalog"

// heatMessages are the heat map's counts, which say "1 document" and "2
// documents" in English (the probe read "1 documents"), and the status of
// a quantitative indicator with evidence and no value (有佐证，缺数值),
// which the report, /compare, the coverage sheet and the command line
// give alike (coverage.StateNoValue).
var heatMessages = map[string]map[Lang]string{
	"heat.documents":          {Chinese: "%d 份材料", English: "%d {document|documents}"},
	"heat.no_value":           {Chinese: "%d 份材料，缺数值", English: "%d {document|documents}, value not reported"},
	"compare.status.no_value": {Chinese: "有佐证，缺数值", English: "Evidence, value not reported"},
	// A claim or value whose cited documents are all deleted, on the
	// heat map, /compare and the carry-over list alike.
	"compare.status.source_deleted": {Chinese: "出处已删除", English: "Source deleted"},
	// Evidence tying the indicator only by quotes its documents' text
	// does not have, verified all the same or not (coverage.
	// StateQuoteNotFound, StateVerifiedQuoteNotFound), as the report says.
	"compare.status.quote_not_found":          {Chinese: "引文未找到", English: "Quote not found"},
	"compare.status.verified_quote_not_found": {Chinese: "已核实（引文在文字中未找到）", English: "Verified (quote not found in the text)"},
}

func init() {
	for k, m := range heatMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
