package web

import "github.com/lcmonitor/evidence/catalog"

// The words of one value's own page (/values/{id}), kept apart from
// i18n.go so that they merge cleanly.
func init() {
	for k, m := range valuePageMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var valuePageMessages = map[string]map[Lang]string{
	"valuepage.source":     {Chinese: "来源佐证材料", English: "Source document"},
	"valuepage.quote":      {Chinese: "引用原文", English: "Quoted passage"},
	"valuepage.reviews":    {Chinese: "审核记录", English: "Reviews"},
	"valuepage.no_reviews": {Chinese: "尚未审核", English: "Not reviewed yet"},
	"valuepage.in_list":    {Chinese: "在数值列表中审核", English: "Review it in the list of values"},
	"valuepage.open":       {Chinese: "查看数值详情", English: "Open this value"},
}
