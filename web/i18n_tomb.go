package web

import "github.com/lcmonitor/evidence/catalog"

// tombMessages are the page of a deleted document (its tombstone): a
// link to it from a claim, a carry-over or the log no longer ends at
// 文档不存在.
var tombMessages = map[string]map[Lang]string{
	"tomb.title":           {Chinese: "文档已删除", English: "Document deleted"},
	"tomb.deleted":         {Chinese: "这份文档已于 %s 由 %s 删除，不再出现在列表和检索中。", English: "This document was deleted at %s by %s; it no longer appears in lists or search."},
	"tomb.deleted_unknown": {Chinese: "这份文档已删除，不再出现在列表和检索中。", English: "This document was deleted; it no longer appears in lists or search."},
	"tomb.kept":            {Chinese: "原件仍保留，SHA-256", English: "The original is still kept, SHA-256"},
	"tomb.download":        {Chinese: "下载原件", English: "Download the original"},
	"tomb.citing":          {Chinese: "仍引用它的定性描述和数值", English: "Claims and values still citing it"},
	"tomb.none":            {Chinese: "没有定性描述或数值引用它。", English: "No claim or value cites it."},
	"tomb.claim":           {Chinese: "定性描述 %s（%d 年度）", English: "Claim %s (round %d)"},
	"tomb.value":           {Chinese: "数值 %s（%d 年度）", English: "Value %s (round %d)"},
	"tomb.fix":             {Chinese: "请为它们引用新的出处，或在下一轮结转时选择“本轮不用”。", English: "Cite a new source for them, or drop them from the round when they are carried over."},
}

func init() {
	for k, m := range tombMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
