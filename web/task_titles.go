package web

import (
	"fmt"
	"strings"
)

// tellApart adds, to the titles of files listed on one task that share a
// title, what tells them apart, so that the board and 我的任务 never list
// two files both called 台账 (a spreadsheet without a title row is titled
// by its sheet, and a corrected ledger keeps the sheet's name): the name
// each was handed in under when those differ — what the department itself
// calls them — else when each was uploaded, else its place in the list
// (第 2 份). Titles no other file on the task has are left as they are.
func tellApart(lang Lang, refs []docRef) {
	groups := map[string][]int{}
	for i, d := range refs {
		groups[d.Title] = append(groups[d.Title], i)
	}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		tells := distinct(idx, func(i int) string { return handedName(refs[i]) })
		if tells == nil {
			tells = distinct(idx, func(i int) string {
				if d := refs[i].Doc; d != nil && !d.UploadedAt.IsZero() {
					return trf(lang, "tasks.title_uploaded", formatTime(d.UploadedAt))
				}
				return ""
			})
		}
		for n, i := range idx {
			tell := trf(lang, "tasks.title_nth", n+1)
			if tells != nil {
				tell = tells[n]
			}
			refs[i].Title += fmt.Sprintf(tr(lang, "tasks.title_apart"), tell)
		}
	}
}

// distinct is tell of each of idx when every one is given and no two are
// alike; nil otherwise.
func distinct(idx []int, tell func(int) string) []string {
	seen := map[string]bool{}
	out := make([]string, len(idx))
	for n, i := range idx {
		t := strings.TrimSpace(tell(i))
		if t == "" || seen[t] {
			return nil
		}
		seen[t], out[n] = true, t
	}
	return out
}

// handedName is the file name d was handed in under for its task (its
// first submission's), else the stored file's.
func handedName(d docRef) string {
	for _, s := range d.Submissions {
		if s.Filename != "" {
			return s.Filename
		}
	}
	if d.Doc != nil {
		return d.Doc.Filename
	}
	return ""
}
