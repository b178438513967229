package web

import "github.com/lcmonitor/evidence/catalog"

// The words of 结转事项核对 about last round's verdicts, kept apart from
// i18n.go so that they merge cleanly; they join messages at start-up, with
// full-width punctuation as the rest.
func init() {
	for k, m := range carryVerdictMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var carryVerdictMessages = map[string]map[Lang]string{
	"carry.verdict":              {Chinese: "上轮审核结论", English: "Last round's verdict"},
	"carry.source_returned":      {Chinese: "出处《%s》已于 %s 由 %s 退回（原因：%s）；沿用前请改引更正后的文件", English: "The source “%s” was returned on %s by %s (reason: %s): cite the corrected file before carrying it over"},
	"carry.verdict.pending":      {Chinese: "待审核", English: "Pending review"},
	"carry.verdict.verified":     {Chinese: "属实", English: "Verified"},
	"carry.verdict.insufficient": {Chinese: "证据不足", English: "Insufficient evidence"},
	"carry.verdict.contradicted": {Chinese: "与证据矛盾", English: "Contradicted by evidence"},
	"carry.verdict.reason":       {Chinese: "审核意见：%s", English: "Reviewer: %s"},
	"carry.verdict.reopened":     {Chinese: "（审核后已重新打开，待重新审核）", English: "(reopened since; to be reviewed again)"},
	"review.contradicted_before": {Chinese: "上一轮（%d年度）：与证据矛盾", English: "Round %d (the last): contradicted by evidence"},
	"carry.contradicted":         {Chinese: "上一轮审核认定与证据矛盾：确认沿用前请核对；需要更正的，请重新填报数值、修改定性描述或本轮不用。", English: "Found contradicted by its evidence last round: check it before confirming; to correct it, record the value again, change the claim or drop it."},
	"carry.checked":              {Chinese: "已核对，仍沿用", English: "Checked, carry it over anyway"},
	"claim.history_carried":      {Chinese: "来自 %d年度的定性描述", English: "from the claim of round %d"},
}

// carriedYear is the round a carry-over event of a claim's history
// (catalog.EventRoundCarryover) carried it from: its Detail's "from", a
// number as recorded or as decoded from the log alike; 0 when it has
// none.
func carriedYear(e catalog.Event) int {
	switch y := e.Detail["from"].(type) {
	case int:
		return y
	case float64:
		return int(y)
	}
	return 0
}
