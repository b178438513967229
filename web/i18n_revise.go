package web

import (
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// The words of a claim's history of changes and of revising a verdict
// (改判), kept apart from i18n.go so that they merge cleanly; they join
// messages at start-up.
func init() {
	for k, m := range reviseMessages {
		messages[k] = m
	}
}

var reviseMessages = map[string]map[Lang]string{
	"claim.unchanged": {Chinese: "未作修改：定性描述与原来相同，审核状态不变",
		English: "Nothing changed: the claim is as it was, and so is its review status"},
	"claim.history_cleared": {Chinese: "（原审核结论“%s”随之失效，需重新审核）",
		English: " (its verdict “%s” no longer stands; to be reviewed again)"},
	"claim.history_changed": {Chinese: "原为“%s”，改为“%s”", English: "was “%s”, now “%s”"},
	"claim.history_diff":    {Chinese: "改动", English: "Changes"},
	"claim.revise":          {Chinese: "改判", English: "Revise the verdict"},
	"claim.revise_current": {Chinese: "现审核结论为“%s”；如发现结论有误，可改判并写明理由，改判记入处理记录",
		English: "The verdict is “%s”; if it is wrong, revise it and say why: the revision goes into the history"},
	"claim.revise_comment":    {Chinese: "改判理由", English: "Why the verdict is revised"},
	"claim.revise_confirm":    {Chinese: "确定将审核结论由“%s”改为“%s”吗？", English: "Change the verdict from “%s” to “%s”?"},
	"claim.revised":           {Chinese: "已改判，审核结论已更新", English: "Verdict revised"},
	"claim.recomment_confirm": {Chinese: "确定保留审核结论“%s”，只修改审核意见吗？", English: "Keep the verdict “%s” and change only its comment?"},
	"claim.keep_verdict":      {Chinese: "%s（保持原结论，只改审核意见）", English: "%s (kept; change the comment only)"},
	"claim.revised_line":      {Chinese: "由“%s”改为“%s”", English: "from “%s” to “%s”"},
}

// shortChange is how long, in characters, a statement's before and after
// together may be for the history to give both whole (原为“…”，改为“…”);
// longer ones are shown as their differences.
const shortChange = 120

// diffContext is how many characters a long statement's diff keeps on
// each side of a change; the rest of a run kept is an ellipsis.
const diffContext = 12

// statementChange is the line of a claim's history saying how an event
// changed the statement: both whole when short, else the characters
// removed (<del>) and added (<ins>) with a little of what was kept
// around them; "" when the event did not change it.
func statementChange(l Lang, sc claims.StatementChange) template.HTML {
	if sc == (claims.StatementChange{}) {
		return ""
	}
	before, after := catalog.TypedText(sc.Before), catalog.TypedText(sc.After)
	if utf8.RuneCountInString(before)+utf8.RuneCountInString(after) <= shortChange {
		return template.HTML(trf(l, "claim.history_changed", html.EscapeString(before), html.EscapeString(after)))
	}
	var b strings.Builder
	b.WriteString(html.EscapeString(tr(l, "claim.history_diff") + colon(l)))
	parts := claims.Diff(before, after)
	for i, p := range parts {
		switch p.Op {
		case claims.DiffDeleted:
			b.WriteString("<del>" + html.EscapeString(p.Text) + "</del>")
		case claims.DiffInserted:
			b.WriteString("<ins>" + html.EscapeString(p.Text) + "</ins>")
		default:
			b.WriteString(html.EscapeString(elide(p.Text, i > 0, i < len(parts)-1)))
		}
	}
	return template.HTML(b.String())
}

// elide shortens a run of kept text to diffContext characters on each
// side it touches a change (after: one before it; before: one after).
func elide(s string, after, before bool) string {
	r := []rune(s)
	keep := 0
	if after {
		keep += diffContext
	}
	if before {
		keep += diffContext
	}
	if len(r) <= keep+1 {
		return s
	}
	switch {
	case after && before:
		return string(r[:diffContext]) + "…" + string(r[len(r)-diffContext:])
	case after:
		return string(r[:diffContext]) + "…"
	}
	return "…" + string(r[len(r)-diffContext:])
}
