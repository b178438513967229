package web

import "github.com/lcmonitor/evidence/catalog"

// ariaMessages are the names screen readers give the page's landmarks and
// the heat map's cells: they were English words (main, pages, status) read
// out on Chinese pages, and a cell named its city by code.
var ariaMessages = map[string]map[Lang]string{
	"aria.main":   {Chinese: "主导航", English: "Main"},
	"aria.pages":  {Chinese: "翻页", English: "Pages"},
	"aria.status": {Chinese: "按状态", English: "By status"},
	"aria.pdf":    {Chinese: "PDF 原件", English: "PDF original"},
	"heat.cell":   {Chinese: "%s %s\uFF1A%s", English: "%s %s: %s"},
	"ind.gap":     {Chinese: "缺少佐证", English: "No evidence"},
}

func init() {
	for k, m := range ariaMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
