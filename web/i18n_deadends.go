package web

import "github.com/lcmonitor/evidence/catalog"

// deadendMessages are the words of the success messages that say what was
// done (instead of a bare 已完成), the error page's way back and the
// review queue's filters and withdrawal. They live apart from messages so
// that pages changed in parallel do not fight over one map literal; init
// merges them, Chinese made full-width as messages' are.
var deadendMessages = map[string]map[Lang]string{
	"admin.user_disabled":        {Chinese: "已停用用户 %s", English: "User %s disabled"},
	"admin.user_enabled":         {Chinese: "已启用用户 %s", English: "User %s enabled"},
	"admin.city_added":           {Chinese: "已添加城市 %s\uFF08%s\uFF09", English: "City %s (%s) added"},
	"admin.round_added":          {Chinese: "已添加监测轮次 %d", English: "Round %d added"},
	"admin.round_current":        {Chinese: "（当前轮次）", English: " (the current round)"},
	"admin.semicolon":            {Chinese: "\uFF1B", English: "; "},
	"doc.linked":                 {Chinese: "已把《%s》关联到指标 %s", English: "“%s” linked to indicator %s"},
	"doc.linked.quote_added":     {Chinese: "《%s》已关联指标 %s，已补充引文", English: "“%s” was linked to indicator %s already; the quote was added to the link"},
	"doc.linked.quote_same":      {Chinese: "《%s》已关联指标 %s，且已有这段引文，未作改动", English: "“%s” is linked to indicator %s with this quote already; nothing was changed"},
	"doc.linked.quote_elsewhere": {Chinese: "\uFF1B但引文不在第 %d 页，而在第 %d 页，请核对页码", English: "; but the quote is not on page %d: it is on page %d, check the page"},
	"doc.linked.quote_missing":   {Chinese: "\uFF1B但在文档中没有找到这段引文，请核对原文", English: "; but the quote was not found in the document: check it against the text"},
	"doc.unlinked":               {Chinese: "已取消《%s》与指标 %s 的关联", English: "“%s” no longer linked to indicator %s"},
	"error.back_page":            {Chinese: "返回上一页", English: "Back to the previous page"},
	"error.open_top":             {Chinese: "在整个窗口中打开文档页", English: "Open the document page in the whole window"},
	"review.filter":              {Chinese: "筛选", English: "Filter"},
	"review.all_cities":          {Chinese: "全部城市", English: "All cities"},
	"review.all_inds":            {Chinese: "全部指标", English: "All indicators"},
	"claim.withdraw":             {Chinese: "撤回定性描述", English: "Withdraw the claim"},
	"claim.withdraw.confirm": {Chinese: "撤回后，这条定性描述不再进入审核队列和热力图，但仍保留在历史记录中。确定撤回吗？",
		English: "Once withdrawn, the claim leaves the review queue and the heat map but stays in the history. Withdraw it?"},
	"claim.withdrawn":       {Chinese: "已撤回", English: "Withdrawn"},
	"claim.withdrawn_done":  {Chinese: "已撤回这条定性描述", English: "The claim was withdrawn"},
	"claim.to_confirm_note": {Chinese: "这条定性描述是从上一轮结转来的，待本市协调员在“结转事项核对”页确认在 %d年度沿用后才进入审核；确认前不能给出审核结论。", English: "This claim was carried over from the last round; it enters review once the city's coordinator confirms it for round %d on Carried-over items, and cannot be given a verdict before."},
	// claim.verdict_line is the comment of the review that sent a claim
	// back, beside its status: 审核意见：…（reviewer，time）.
	"claim.verdict_line":   {Chinese: "审核意见：%s（%s，%s）", English: "Reviewer's comment: %s (%s, %s)"},
	"claim.withdrawn_note": {Chinese: "这条定性描述已撤回，不再参与审核和统计。", English: "This claim was withdrawn; it is no longer reviewed or counted."},
	"event.claim.withdraw": {Chinese: "撤回定性描述", English: "Withdrew a claim"},
}

func init() {
	for k, m := range deadendMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
