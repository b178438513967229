package web

import "github.com/lcmonitor/evidence/catalog"

// The words of rounds over time: a round's kept indicator names, putting
// a link back into a round, a bulk round change that leaves documents of
// other rounds alone. Kept apart from i18n.go so that they merge cleanly;
// they join messages at start-up, with full-width punctuation as the rest.
func init() {
	for k, m := range roundMessages {
		m[Chinese] = catalog.Fullwidth(m[Chinese])
		messages[k] = m
	}
}

var roundMessages = map[string]map[Lang]string{
	"carry.restore":            {Chinese: "重新计入本轮", English: "Count in this round again"},
	"carry.decided.restored":   {Chinese: "这条关联已重新计入 %d 年度", English: "The link counts in round %d again"},
	"event.link.restore_round": {Chinese: "关联重新计入监测轮次", English: "Put a link back into a round"},
	"event.link.drop_round":    {Chinese: "关联不再计入监测轮次", English: "Took a link out of a round"},
	"event.round.keep_names":   {Chinese: "固定监测轮次的指标名称", English: "Kept a round's indicator names"},
	"admin.names_kept":         {Chinese: "(报告沿用该轮的指标名称)", English: " (its report keeps the round's indicator names)"},
	"admin.next_round":         {Chinese: "新体系从下一轮起使用:当前轮次的报告保留导入前的指标名称", English: "For the next round: the current round's report keeps the indicator names it has now"},
	"admin.framework_kept":     {Chinese: "；%d 年度的报告保留导入前的指标名称", English: "; round %d's report keeps the names it had before"},
	"admin.framework_names":    {Chinese: "当前轮次的报告随指标体系更新名称;一个轮次不再是当前轮次时,其报告的指标名称即固定下来。", English: "The current round's report follows the framework's names; once a round is no longer the current one, its report keeps the names it had."},
}
