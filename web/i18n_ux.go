package web

import "github.com/lcmonitor/evidence/catalog"

// uxMessages are the words of the keyboard shortcuts, the facets button
// and the thumbnails (issue 16), kept apart from i18n.go so they land
// without touching it.
var uxMessages = map[string]map[Lang]string{
	"search.placeholder": {Chinese: "例如：学分银行 社区教育（按 / 键随时回到这里）", English: "e.g. 学分银行 社区教育 (press / to come back here)"},
	"search.shortcuts":   {Chinese: "快捷键：/ 检索框，Enter 确认，Esc 取消", English: "Keys: / search box, Enter confirm, Esc cancel"},
	"facets.toggle":      {Chinese: "筛选", English: "Filter"},
	"search.thumb":       {Chinese: "第 %d 页缩略图", English: "Thumbnail of page %d"},
	"confirm.keys":       {Chinese: "按 Esc 取消", English: "Esc cancels"},
	// A page picture asked for six times while the server was busy
	// reading other files (ux.js): the page stops asking and says so.
	"thumb.gave_up": {Chinese: "缩略图暂未显示：服务器正忙于读取其他文件，请稍后刷新页面再看", English: "Thumbnail not shown: the server is busy reading other files; reload the page later to see it"},
}

func init() {
	for k, m := range uxMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
