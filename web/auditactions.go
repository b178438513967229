package web

import (
	"slices"
	"strings"
)

// auditActions are the codes of every audit event the archive writes, in
// the order the audit log's 操作 filter offers them. A test walks the
// source for the codes written and fails for one missing here, and each
// must have words in both languages (actionName): a raw code such as
// user.department on a Chinese page was how the last one was found.
var auditActions = []string{
	"document.upload", "document.duplicate", "document.edit", "document.fields", "document.move", "document.replace",
	"document.delete", "document.restore", "document.fail", "document.original.damaged", "document.original.repaired", "document.original.intact",
	"link.create", "link.quote", "link.delete", "link.drop_round", "link.restore_round",
	"claim.create", "claim.edit", "claim.cite", "claim.uncite", "claim.withdraw", "claim.review", "claim.revise", "claim.review_comment", "claim.reopen",
	"claim.restore", "claim.quote", "value.create", "value.update", "value.review", "value.revise", "value.review_comment", "value.reopen", "value.restore",
	"value.quote",
	"note.create",
	"assignment.import", "assignment.copy", "assignment.edit", "assignment.open", "assignment.submitted", "assignment.withdraw",
	"assignment.returned", "assignment.accepted", "assignment.reopen", "assignment.restore", "assignment.delete",
	"department.create", "department.rename", "department.merge", "department.delete",
	"round.create", "round.current", "round.carryover", "round.use_links", "round.keep_names", "round.correct_name", "round.delete",
	"carryover.to_confirm", "carryover.confirmed", "carryover.updated", "carryover.dropped", "carryover.restored",
	"framework.import", "city.create",
	"user.create", "user.department", "user.cities", "user.disable", "user.enable", "user.password", "user.password_reset",
	"token.create", "token.revoke",
	"search.save", "search.delete",
	"login", "login.fail", "login.disabled", "login.throttled",
}

// actionChoices are the 操作 filter's options: every action in words, the
// chosen one selected; a code typed into the address that is not among
// them (a prefix such as "document.", as the API takes) is kept as typed.
func actionChoices(l Lang, chosen string) []option {
	opts := []option{{"", tr(l, "admin.events.any"), chosen == ""}}
	for _, a := range auditActions {
		opts = append(opts, option{a, actionName(l, a), a == chosen})
	}
	if chosen != "" && !slices.Contains(auditActions, chosen) {
		label := chosen
		if kind, ok := strings.CutSuffix(chosen, "."); ok {
			label = trf(l, "admin.events.kind_all", actionName(l, kind))
		}
		opts = append(opts, option{chosen, label, true})
	}
	return opts
}
