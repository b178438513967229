package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/search"
)

var funcs = template.FuncMap{
	"t": tr,
	// tforms is a message with its choices of forms ({file|files}), for
	// a script that fills in the counts itself (upload.js fill).
	"tforms": message,
	// static is a static file's address with the hash of its bytes, so
	// a new build's page never runs an earlier build's cached script.
	"static": staticURL,
	// uploadAccept is the file picker's list of what an upload takes,
	// the same on 上传材料 and 我的任务.
	"uploadAccept": func() string { return uploadAccept },
	// longQuery is the length of the longest query a page's script sends
	// in an address; a longer one, a pasted passage, is posted.
	"longQuery": func() int { return search.MaxQueryRunes },
	// tf formats a message, in the form its counts ask for (trf).
	"tf": trf,
	// safe marks HTML produced by our own escaping code (fragments,
	// contexts) as trusted; it must never be given user input directly.
	"safe":  func(s string) template.HTML { return template.HTML(s) },
	"paren": paren,
	// newerVersion names a deleted document's newer version (the
	// "newer-version" template), on a value's page and a claim's.
	"newerVersion": newerVersion,
	"words":        inLang,
	// num writes a value as people read it: no exponent, no trailing zeros.
	"num":     func(v *float64) string { return strconv.FormatFloat(*v, 'f', -1, 64) },
	"colon":   colon,
	"doctype": func(l Lang, t string) string { return docTypeLabel(l, t) },
	"status":  func(l Lang, s catalog.Status) string { return tr(l, "status."+string(s)) },
	// docStatus is a document's status as 我的任务 and the board show it:
	// a searchable document whose text is mostly wrong, or with pages
	// left out of OCR, says so, or the department never learns that what
	// it handed in cannot be read or searched; readWarning says the board
	// marks it.
	"docStatus":   docStatus,
	"readWarning": readWarning,
	"docLine":     docLine,
	"taskDocLine": taskDocLine,
	// compareStatus names a /compare cell's status: a number to check
	// that only the round's value writes spaced is 数值待核对, a claim's
	// 定性描述中的数字待核对.
	"compareStatus": compareStatusKey,
	// duplicateLabel says which stored file a file sent is (d) and, sent
	// for another round, where its indicators now count: the one wording
	// of 上传 and 我的任务 (upload.js says it from the same words).
	"duplicateLabel": duplicateLabel,
	// submitters names the hand-ins of a document shown on a task.
	"submitters":   submitters,
	"returnedMark": returnedMark,
	"acceptedGone": acceptedGone,
	// failReason is why a document failed, in l when it can be (a
	// reason recorded without English stays Chinese).
	"failReason": func(l Lang, d *catalog.Document) string { return d.ErrorIn(l == English) },
	// recheckWhy is why looking again for a citation's quote failed
	// (引文待重新核对), in l when it can be, as failReason.
	"recheckWhy": func(l Lang, c catalog.Citation) string { return c.RecheckErrorIn(l == English) },
	// quotesWhy is why the quotes of a run of 重新读取 could not be
	// looked for again, in l when it can be.
	"quotesWhy": func(l Lang, q ingest.QuoteChecks) string { return q.Why(l == English) },
	// failCause is what a failed document's failure is owed to (file,
	// setup, server, or "" when its reason tells none), for the advice
	// and the actions its page offers.
	"failCause":  func(d *catalog.Document) string { return string(ingest.FailureCause(d)) },
	"readerName": ReaderName,
	"unit":       unitName,
	// date is a time in China time with its zone.
	"date":     formatTime,
	"roleName": roleName,
	// tokenLabel is a token's label, the one the command line gives in
	// the page's language.
	"tokenLabel": tokenName,
	// shown is a quote as the document shows its text: ASCII punctuation
	// next to Chinese in full width (a quote copied from the stored text,
	// whose punctuation is folded, or typed with ASCII marks).
	"shown": catalog.ShownForm,
	// typed is text typed in the archive — a reviewer's comment, a return
	// reason — in Chinese punctuation, its full stops too (不符。请核对);
	// never a document's text, which keeps each '.' it has (shown).
	"typed": catalog.TypedText,
	// reason is an audit event's reason: the program's in the page's
	// language, a person's as typed.
	"reason": eventReason,
	// quoteWarning is what a citation whose quote is not on its page
	// warns (引文不在第 1 页，在第 2 页；请核对页码), as a value import does.
	"quoteWarning": func(l Lang, c catalog.Citation) string {
		w, _ := c.QuoteWarning()
		if l == English && w.English != "" {
			return w.English
		}
		return w.Chinese
	},
	// linkmark marks a link's quote its document's text does not have
	// (引文未在原文中找到, 引文不在第 N 页).
	"linkmark": linkQuoteMark,
	// quoteread and linkread say a quote matched a scan's recognised text
	// approximately, with what OCR read (识别为“甚”).
	"quoteread": quoteRead,
	"linkread":  linkQuoteRead,
	// errorText is an application error's message in l (catalog.MessageIn).
	"errorText": errorText,
	// pagelabel names a page as its format has them: a sheet of a
	// workbook, a slide, else a page.
	"pagelabel": pageLabel,
	"round":     roundLabel,
	"roundyear": roundYear,
	"action":    actionName,
	// citechanges names the citations a claim event added or removed
	// (historyCitations).
	"citechanges": historyCitations,
	"carriedYear": carriedYear,
	"verdict":     verdictName,
	// statementchange says how a claim event changed its statement.
	"statementchange": statementChange,
	"role": func(u *catalog.User, roles ...string) bool {
		if u == nil {
			return false
		}
		for _, r := range roles {
			if string(u.Role) == r {
				return true
			}
		}
		return false
	},
	"query": func(base string, kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				v.Set(kv[i], kv[i+1])
			}
		}
		if len(v) == 0 {
			return base
		}
		return base + "?" + v.Encode()
	},
	"add":        func(a, b int) int { return a + b },
	"pathEscape": url.PathEscape,
	"list":       func(s ...string) []string { return s },
	"inc":        func(i int) int { return i + 1 },
	// fieldError is the error beside a field of a form sent back, with
	// the id its field's aria-describedby names.
	"fieldError": func(st formState, field, id string) template.HTML {
		msg, ok := st.Errors[field]
		if !ok {
			return ""
		}
		return template.HTML(`<span class="field-error" id="` + template.HTMLEscapeString(id) + `">` +
			template.HTMLEscapeString(msg) + `</span>`)
	},
	// invalid marks a field of a form sent back with an error.
	"invalid": func(st formState, field, id string) template.HTMLAttr {
		if _, ok := st.Errors[field]; !ok {
			return ""
		}
		return template.HTMLAttr(` aria-invalid="true" aria-describedby="` + template.HTMLEscapeString(id) + `"`)
	},
	// citeForm passes the language, a form's state and its ids' prefix
	// to the shared citation fields.
	"citeForm": func(l Lang, st formState, prefix string) map[string]any {
		return map[string]any{"L": l, "S": st, "P": prefix}
	},
	// edited passes the language and a field's edit to the document
	// page's "edited-mark" (已人工修改 with who and when).
	"edited": func(l Lang, m *editedMark) map[string]any {
		return map[string]any{"L": l, "M": m}
	},
	// guess passes the language and what was read to "docnumber-guess"
	// (_docnumber.html) for a 文号 inferred from it; nil, no mark, when
	// read is "": the 文号 was typed or read as written.
	"guess": func(l Lang, read string) map[string]any {
		if read == "" {
			return nil
		}
		return map[string]any{"L": l, "Read": read}
	},
	// docread is guess's read for a document.
	"docread": catalog.DocNumberGuessRead,
	// docnum is a 文号 as the archive shows it, its year in 〔〕 however
	// it was typed (catalog.DocNumberForm), also in the edit form, whose
	// save stores it so.
	"docnum": catalog.DocNumberForm,
	// docnumof is a document's 文号 as the document writes it when it was
	// read from its text (catalog.DocNumberAsWritten), else as docnum: a
	// coordinator checking the archive against the paper sees the paper's
	// 杭教成[2017]15号, not a 〔〕 it does not have.
	"docnumof": catalog.DocNumberAsWritten,
	// guessmark is catalog.DocNumberGuessMark in l: the web says a 文号
	// is a guess in the words the report and the exports use.
	"guessmark":   func(l Lang) string { return inLang(l, catalog.DocNumberGuessMark) },
	"numberParen": numberParen,
	// handedNotice passes the language and what a hand-in did to
	// "handed-notice", the notice 我的任务 and the board show after it.
	"handedNotice": func(l Lang, d *handedIn) map[string]any {
		return map[string]any{"L": l, "D": d}
	},
	// dict passes a tree node with the language and city to the recursive
	// "node" template.
	"downloads": func(l Lang, d *reportLink) map[string]any {
		return map[string]any{"L": l, "D": d}
	},
	"dict": func(l Lang, n *coverage.Node, city string) map[string]any {
		return map[string]any{"L": l, "N": n, "City": city}
	},
	"firstPage": func(frags []search.Fragment) string {
		if len(frags) == 0 {
			return "1"
		}
		return fmt.Sprint(frags[0].Page)
	},
	"contains": strings.Contains,
}

var docTypeEN = catalog.DocTypeLabelsEN

func docTypeLabel(l Lang, t string) string {
	if l == English {
		if s, ok := docTypeEN[catalog.DocType(t)]; ok {
			return s
		}
	}
	if s, ok := catalog.DocTypeLabels[catalog.DocType(t)]; ok {
		return s
	}
	return t
}

// numberParen is a 文号 in parentheses after a name (paren), as shown
// (catalog.DocNumberAsWritten); when it was inferred from read (guess),
// the mark goes inside them after a comma, （杭教发〔2018〕12号，推断，请核对）,
// never as a second pair after them.
func numberParen(l Lang, number, read string) template.HTML {
	inner := template.HTMLEscapeString(number)
	if read != "" {
		words := inLang(l, catalog.Words{Chinese: "\uFF0C" + catalog.DocNumberGuessWords.Chinese, English: ", " + catalog.DocNumberGuessWords.English})
		inner += `<span class="guess" title="` + template.HTMLEscapeString(trf(l, "search.docnumber.guess.title", read)) + `">` +
			template.HTMLEscapeString(words) + `</span>`
	}
	return template.HTML(paren(l, inner))
}

// paren puts s in parentheses: full-width ones in Chinese, "(s)" with a
// space before in English.
func paren(l Lang, s string) string {
	if l == English {
		return " (" + s + ")"
	}
	return "\uFF08" + s + "\uFF09"
}

// pageLabel is "第 n 页", or "第 n 个工作表" for a workbook (whose pages are
// its sheets) and "第 n 张幻灯片" for a presentation.
func pageLabel(l Lang, mime string, n int) string {
	return trf(l, pageKey(mime), n)
}

// pageKey is the message that names a page of a document of type mime.
func pageKey(mime string) string {
	switch mime {
	case extract.MIMEXLSX, extract.MIMEXLS:
		return "search.sheet"
	case extract.MIMEPPTX:
		return "search.slide"
	}
	return "search.page"
}

// sheetName is the name a workbook's sheet heads its page with (the
// extractor writes it as the page's first line), or "" for other formats.
func sheetName(mime, page string) string {
	if mime != extract.MIMEXLSX && mime != extract.MIMEXLS {
		return ""
	}
	name, _, _ := strings.Cut(page, "\n")
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > maxSheetName {
		name = string(r[:maxSheetName]) + "…"
	}
	return name
}

// maxSheetName bounds the sheet name shown beside a page's number (Excel
// allows 31 characters; a first line that is no name may be longer).
const maxSheetName = 31

// submitters says who handed a document in for a task, each with the
// name the file was uploaded under and when: “（提交：市教育局 jiaoyu
// “方案.txt” 2018-03-01 17:00 UTC+8）”. The same bytes handed in for two
// tasks are one document, and each task names its own hand-in. "" for
// none.
func submitters(l Lang, subs []catalog.Submission) string {
	if len(subs) == 0 {
		return ""
	}
	each := make([]string, len(subs))
	for i, s := range subs {
		who := s.User
		switch {
		case s.Role == catalog.RoleCoordinator || s.Role == catalog.RoleAdmin:
			// Handed in by the coordinator for the department: told by role.
			who = s.Role.Label(l == English) + " " + s.User
		case s.Department != "":
			who = s.Department + " " + s.User
		}
		if s.Filename != "" {
			who += " \u201c" + s.Filename + "\u201d"
		}
		each[i] = strings.TrimSpace(who + " " + formatTime(s.At))
	}
	return strings.TrimSpace(paren(l, tr(l, "tasks.submitted_by")+colon(l)+strings.Join(each, tr(l, "list.sep"))))
}

// colon is the colon after a label in l.
func colon(l Lang) string {
	if l == English {
		return ": "
	}
	return "\uFF1A"
}

// duplicateLabel says that a file sent is the stored document d's file,
// in the words the API sends the upload page (ingest.DuplicateLabel).
func duplicateLabel(l Lang, d *catalog.Document, usedInRound int, linked bool, un ingest.Unapplied) string {
	return ingest.DuplicateLabel(d, usedInRound, linked, un, l == English)
}

// returnedMark says, beside a file handed in for a task, that the
// coordinator returned it: who, when and the reason they typed
// (（已退回：wang 2018-04-01 10:00 UTC+8，原因：缺少文号）), and of one since
// withdrawn or deleted who took it away and when (…；已撤回：li 2018-04-02
// 09:00 UTC+8）); "" for a file not returned.
func returnedMark(l Lang, r *catalog.ReturnedFile) string {
	if r == nil {
		return ""
	}
	s := tr(l, "tasks.file_returned") + colon(l) + strings.TrimSpace(r.By+" "+formatTime(r.At))
	if r.Reason != "" {
		s += tr(l, "tasks.return_sep") + tr(l, "tasks.return_why") + colon(l) + catalog.TypedText(r.Reason)
	}
	if g := r.Gone; g != nil {
		key := "tasks.file_return_deleted"
		if g.Withdrawn {
			key = "tasks.file_return_withdrawn"
		}
		s += tr(l, "tasks.return_gone_sep") + tr(l, key) + colon(l) + strings.TrimSpace(g.By+" "+formatTime(g.At))
	}
	return strings.TrimSpace(paren(l, s))
}

// acceptedGone says that a task is owed again because the file accepted
// (or submitted, not accepted yet) for it was deleted: which (by its title, else its file name), when and
// by whom; "" when g is nil.
func acceptedGone(l Lang, g *catalog.AcceptedGone) string {
	if g == nil {
		return ""
	}
	name := catalog.BookTitle(g.Name())
	if l == English {
		name = "“" + g.Name() + "”"
	}
	if g.Was == catalog.AssignmentSubmitted {
		return trf(l, "tasks.submitted_gone", name, formatTime(g.At), g.By)
	}
	return trf(l, "tasks.accepted_gone", name, formatTime(g.At), g.By)
}
