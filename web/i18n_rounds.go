package web

import "github.com/lcmonitor/evidence/catalog"

// The words of rounds over time: a round's kept indicator names, putting
// a link back into a round, a bulk round change that leaves documents of
// other rounds alone. Kept apart from i18n.go so that they merge cleanly;
// they join messages at start-up, with full-width punctuation as the rest.
func init() {
	for k, m := range roundMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var roundMessages = map[string]map[Lang]string{
	"review.all_rounds":      {Chinese: "查看全部轮次", English: "Show every round"},
	"carry.restore":          {Chinese: "重新计入本轮", English: "Count in this round again"},
	"carry.decided.restored": {Chinese: "这条关联已重新计入 %d年度", English: "The link counts in round %d again"},
	// A dropped claim or value is copied back, to confirm again.
	"carry.restore_item":          {Chinese: "恢复", English: "Restore"},
	"carry.decided.restored_item": {Chinese: "已恢复，在 %d年度重新待确认", English: "Restored: it waits to be confirmed in round %d again"},
	"event.link.restore_round":    {Chinese: "关联重新计入监测轮次", English: "Put a link back into a round"},
	"event.link.drop_round":       {Chinese: "关联不再计入监测轮次", English: "Took a link out of a round"},
	"event.round.keep_names":      {Chinese: "固定监测轮次的指标名称", English: "Kept a round's indicator names"},
	"admin.names_kept":            {Chinese: "（报告沿用该轮的指标名称）", English: " (its report keeps the round's indicator names)"},
	"admin.next_round":            {Chinese: "新体系从下一轮起使用：当前轮次的报告保留导入前的指标名称", English: "For the next round: the current round's report keeps the indicator names it has now"},
	"admin.framework_kept":        {Chinese: "；%d年度的报告保留导入前的指标名称", English: "; round %d's report keeps the names it had before"},
	"event.round.correct_name":    {Chinese: "改正监测轮次保存的指标名称", English: "Corrected a round's kept indicator name"},
	"admin.round_names":           {Chinese: "指标名称", English: "Indicator names"},
	"round.title":                 {Chinese: "%s的指标名称", English: "Indicator names of %s"},
	"round.back":                  {Chinese: "返回系统管理", English: "Back to administration"},
	"round.kept":                  {Chinese: "该轮次保存了自己的指标名称，其报告、佐证材料包和各页面按这些名称显示；导入时有误的名称可在这里逐项改正，每次改正都记入审计日志。", English: "This round keeps its own indicator names: its report, evidence pack and pages show them. A name imported wrongly can be corrected here, one at a time; each correction goes into the audit log."},
	"round.current":               {Chinese: "这是当前轮次：其指标名称随当前指标体系，不单独保存；要改名称，请改正指标体系文件后重新导入。", English: "This is the current round: its indicator names follow the current framework and are not kept apart; to change one, correct the framework file and import it again."},
	"round.follows":               {Chinese: "该轮次没有保存自己的指标名称，随当前指标体系；要改名称，请改正指标体系文件后重新导入。", English: "This round keeps no indicator names of its own: they follow the current framework; to change one, correct the framework file and import it again."},
	"round.code":                  {Chinese: "编码", English: "Code"},
	"round.name":                  {Chinese: "本轮名称", English: "Name in this round"},
	"round.now":                   {Chinese: "现名", English: "Now"},
	"round.correct":               {Chinese: "改正", English: "Correct"},
	"round.corrected":             {Chinese: "已把指标 %s 的名称由“%s”改为“%s”", English: "Indicator %s renamed from “%s” to “%s”"},
	"round.corrected_en":          {Chinese: "已把指标 %s 的英文名称由“%s”改为“%s”", English: "Indicator %s's English name changed from “%s” to “%s”"},
	"round.and":                   {Chinese: "；", English: "; "},
	"event.round.current":         {Chinese: "设为当前轮次", English: "Made a round the current one"},
	"admin.make_current":          {Chinese: "设为当前轮次", English: "Make current"},
	"admin.made_current":          {Chinese: "已将监测轮次 %d 设为当前轮次", English: "Round %d is now the current round"},
	"admin.was_current":           {Chinese: "监测轮次 %d 已是当前轮次", English: "Round %d was the current round already"},
	"admin.current_carry":         {Chinese: "同时结转上一轮的关联、定性描述和数值（待确认）", English: "and carry each city's links, claims and values over from the previous round (to re-confirm)"},
	"admin.current_carry_more":    {Chinese: "同时结转上一轮在上次结转后新增的关联、定性描述和数值（待确认；已结转过的不重复结转）", English: "and carry over what each city's previous round gained since the round was last carried into (to re-confirm; nothing carried twice)"},
	"admin.carried_before":        {Chinese: "监测轮次 %d 此前已结转过，本次只结转上一轮此后新增的事项：", English: "Round %d had been carried into before; this time only what the previous round gained since: "},
	"admin.carry_later":           {Chinese: "未结转：监测轮次 %d 不是当前轮次，结转在设为当前轮次时进行（在轮次列表中点“设为当前轮次”并勾选结转），这样上一轮此后新增的事项也会结转", English: "Not carried over: round %d is not the current round; it is carried into when made current (press Make current in the round list with the carry box ticked), so that what the previous round gains meanwhile is carried too"},
	"admin.current_tables":        {Chinese: "同时复制上一轮的责任分解表", English: "and copy each city's responsibility table from the previous round"},
	"event.round.name_en":         {Chinese: "英文名称", English: "English name"},
	"round.name_en":               {Chinese: "本轮英文名称", English: "English name in this round"},
	"compare.named_then":          {Chinese: "本轮名称：%s", English: "Named then: %s"},
	"round.confirm_name":          {Chinese: "仍要改为上面填写的名称\uFF08覆盖他人改的“%s”\uFF09\uFF1A请勾选此项后再点“改正”", English: "To put the name above in place of “%s”, which someone else gave it, tick this and press Correct again"},
	"round.confirm_name_en":       {Chinese: "仍要改为上面填写的英文名称\uFF08覆盖他人改的“%s”\uFF09\uFF1A请勾选此项后再点“改正”", English: "To put the English name above in place of “%s”, which someone else gave it, tick this and press Correct again"},
	"compare.status.absent":       {Chinese: "本轮无此指标", English: "Not in this round"},
	"round.unchanged":             {Chinese: "指标 %s 的名称没有变化", English: "Indicator %s's name is unchanged"},
	"docs.bulk.round_left":        {Chinese: "；其中 %d 份属于其他轮次，只是有关联计入 %s年度，未改所属轮次（改了会把它们移出原轮次），其他修改已保存", English: "; the round of %d {document|documents} was left as it was and {its|their} other changes were saved: {it belongs|they belong} to another round, and changing {its|their} round would take {it|them} out of it; {it counts|they count} only through a link in round %s"},
	"admin.framework_names":       {Chinese: "当前轮次的报告随指标体系更新名称；一个轮次不再是当前轮次时，其报告的指标名称即固定下来。", English: "The current round's report follows the framework's names; once a round is no longer the current one, its report keeps the names it had."},
}
