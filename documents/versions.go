package documents

import (
	"fmt"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// VersionNotice says, in both languages, that the document viewed is a
// version of n: its file, round and what uses it, so that a coordinator
// who has just uploaded policy.docx learns that policy.pdf is kept already
// and counted for 2.3.1 — 与《…》（policy.pdf，2018年度，已关联 2.3.1）内容相近.
// The document page and the upload page (through the API's
// near_duplicates) say it in these words.
func VersionNotice(n catalog.NearDuplicate) catalog.Words {
	zh, en := []string{n.Filename}, []string{n.Filename}
	if n.Round != "" {
		zh, en = append(zh, n.Round+"年度"), append(en, "round "+n.Round)
	} else {
		zh, en = append(zh, "未归入轮次"), append(en, "of no round")
	}
	if len(n.Linked) > 0 {
		zh = append(zh, "已关联 "+strings.Join(n.Linked, "\u3001"))
		en = append(en, "linked to "+strings.Join(n.Linked, ", "))
	}
	if n.Cited > 0 {
		zh = append(zh, fmt.Sprintf("被引用 %d 处", n.Cited))
		en = append(en, fmt.Sprintf("cited %d %s", n.Cited, map[bool]string{true: "time", false: "times"}[n.Cited == 1]))
	}
	how, howEn := "内容相近", "has nearly the same text as"
	switch {
	case n.Relation == catalog.PartOf:
		how, howEn = "内容部分重复（本文档是它的一部分）", "is part of"
	case n.Relation == catalog.HasPart:
		how, howEn = "内容部分重复（它是本文档的一部分）", "contains"
	case n.Similarity >= 0.999:
		how, howEn = "内容相同", "has the same text as"
	}
	return catalog.Words{
		Chinese: fmt.Sprintf("与《%s》\uFF08%s\uFF09%s", n.Title, strings.Join(zh, "\uFF0C"), how),
		English: fmt.Sprintf("This document %s “%s” (%s)", howEn, n.Title, strings.Join(en, ", ")),
	}
}
