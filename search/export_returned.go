package search

import (
	"fmt"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// returnedWords are what an export says of returned files (退回), in
// Chinese and English: the column, a return in it, and the about sheet's
// lines.
type returnedWords struct {
	// column heads the 已退回 column, added after 链接 so that the
	// columns a reader of earlier exports knows keep their places.
	column string
	// line is a return as anyone may read it (when, the task); named
	// adds who returned the file and why, for those who may read them.
	line, named string
	// hidden says how many returned files the export left out, as the
	// search page does; included names the choice among the filters.
	hidden, included string
	// explain is the about sheet's word on the column.
	explain string
	sep     string
}

var returnedLangs = map[bool]returnedWords{
	false: {column: "已退回",
		line: "%s 退回（指标 %s，%s，%d年度的任务）", named: "%s 由 %s 退回（指标 %s，%s，%d年度的任务），原因：%s",
		hidden:   "另有 %d 份已退回的文件未列出（退回的文件不算作佐证材料；勾选“包括已退回的文件”后再导出可列出）",
		included: "包括已退回的文件",
		explain:  "“已退回”列标出协调员退回、且未作为任何指标佐证材料的文件：每次退回一行，写明时间和任务；退回人和原因只向管理员、本市协调员和该任务的责任单位列出",
		sep:      "\n"},
	true: {column: "Returned",
		line: "Returned %s (the task of indicator %s, %s, round %d)", named: "Returned %s by %s (the task of indicator %s, %s, round %d): %s",
		hidden:   "Returned files matched and not listed: %d (a returned file is not evidence; include returned files and export again to list them)",
		included: "Include returned files",
		explain:  "The Returned column marks the files a coordinator returned that are no indicator's evidence: one line per return, with its time and task; who returned the file and why are listed only to an admin, the city's coordinator and the task's department",
		sep:      "\n"},
}

// returnedCell is the 已退回 cell of a document whose returns are d (nil
// for one never returned): every return, oldest first, as u may read it
// (catalog.DocumentReturn.SeenBy), the rule of the search's hits
// (hitReturns). A file another task keeps, or linked or cited, is
// evidence and its cell is empty, as its hit carries no mark.
func returnedCell(d *catalog.ReturnedDocument, u *catalog.User, english bool) string {
	if d == nil || !d.Only {
		return ""
	}
	w := returnedLangs[english]
	lines := make([]string, len(d.Returns))
	for i, r := range d.Returns {
		r = r.SeenBy(u)
		at := catalog.ShowTime(r.At)
		if r.By == "" {
			lines[i] = fmt.Sprintf(w.line, at, r.Indicator, r.Department, r.Round)
			continue
		}
		reason := r.Reason
		if !english {
			reason = catalog.TypedText(reason)
		}
		lines[i] = fmt.Sprintf(w.named, at, r.By, r.Indicator, r.Department, r.Round, reason)
	}
	return strings.Join(lines, w.sep)
}

// returnedAbout are the about sheet's rows on returned files: how many
// the export left out (none said when none), or, when req lists them,
// what the column says.
func returnedAbout(w exportWords, req Request, hidden int) [][]any {
	rw := returnedLangs[w.english]
	if req.IncludeReturned {
		return [][]any{{rw.column, rw.explain}}
	}
	if hidden == 0 {
		return nil
	}
	return [][]any{{w.note, fmt.Sprintf(rw.hidden, hidden)}}
}
