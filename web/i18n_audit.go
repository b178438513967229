package web

import "github.com/lcmonitor/evidence/catalog"

// The words of the admin's audit log and its filters, and of API tokens
// on /admin: kept apart from i18n.go so that they merge cleanly; they join
// messages at start-up, with full-width punctuation as the rest.
func init() {
	for k, m := range auditMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var auditMessages = map[string]map[Lang]string{
	"event.login.disabled":           {Chinese: "登录被拒（账户已停用）", English: "Login refused (account disabled)"},
	"event.user.department":          {Chinese: "修改用户的责任单位", English: "Moved a user to another department"},
	"event.user.password_reset":      {Chinese: "重置密码", English: "Reset a password"},
	"event.round.use_links":          {Chinese: "关联计入监测轮次", English: "Counted links in a round"},
	"event.actor.anonymous":          {Chinese: "（未登录）", English: "(not logged in)"},
	"event.detail.address":           {Chinese: "地址 %s", English: "from %s"},
	"event.detail.refused":           {Chinese: "其间另有 %d 次被拒", English: "%d more {refusal|refusals} since"},
	"event.detail.restored_links":    {Chinese: "关联的指标 %s 随之恢复", English: "links to %s back"},
	"event.detail.restored_back":     {Chinese: "删除时清除的审核结论和退回的任务恢复 %d 项", English: "%d {verdict or task|verdicts or tasks} the deletion sent back came back"},
	"event.detail.restored_kept":     {Chinese: "%d 项删除后已有变化，未恢复", English: "%d changed since the deletion, not given back"},
	"event.detail.restored_citing":   {Chinese: "引用它的定性描述 %d 条、数值 %d 个不再标为出处已删除", English: "%d {claim|claims} and %d {value|values} citing it no longer marked source deleted"},
	"event.detail.indicator":         {Chinese: "指标 %s", English: "indicator %s"},
	"event.detail.round":             {Chinese: "%d年度", English: "round %d"},
	"event.detail.page":              {Chinese: "第 %d 页", English: "page %d"},
	"event.detail.quote":             {Chinese: "引文“%s”", English: "quote “%s”"},
	"event.detail.file":              {Chinese: "文件 %s", English: "file %s"},
	"event.detail.moved":             {Chinese: "“%s”→“%s”", English: "“%s” → “%s”"},
	"event.carried_item":             {Chinese: "%s %s（%d年度）", English: "%s %s (round %d)"},
	"event.obj.link":                 {Chinese: "关联", English: "link"},
	"event.carried_item_gone":        {Chinese: "已删除的%s %s（%d年度）", English: "deleted %s %s (round %d)"},
	"event.carried_gone":             {Chinese: "已删除的条目（%s）%s", English: "deleted item (%s) %s"},
	"event.carried_gone_id":          {Chinese: "已删除的条目 %s", English: "deleted item %s"},
	"admin.events.when":              {Chinese: "时间", English: "Time"},
	"admin.events.who":               {Chinese: "操作人", English: "By"},
	"admin.events.did":               {Chinese: "操作", English: "Action"},
	"admin.events.about":             {Chinese: "对象", English: "Object"},
	"admin.events.detail":            {Chinese: "详情", English: "Details"},
	"admin.events.user":              {Chinese: "用户", English: "User"},
	"admin.events.any":               {Chinese: "全部", English: "All"},
	"admin.events.object_hint":       {Chinese: "文号、标题、编号或用户名", English: "document number, title, ID or user name"},
	"admin.events.object_text":       {Chinese: "名称或编号", English: "Name or ID"},
	"admin.events.kind_typed":        {Chinese: "按记录写法（如 user:exp1）", English: "As logged (such as user:exp1)"},
	"admin.events.kind.document":     {Chinese: "文档（文号、标题、文件名或编号）", English: "Document (number, title, file name or ID)"},
	"admin.events.kind.indicator":    {Chinese: "指标的定性描述、数值和关联（编码或名称，可加城市）", English: "An indicator's claims, values and links (code or name, a city after it if wished)"},
	"admin.events.choose_indicator":  {Chinese: "有多个关键指标与所填内容相符，请选择其中一个查看其定性描述、数值和关联的处理记录：", English: "Several key indicators match; choose one to see the history of its claims, values and links:"},
	"admin.events.missing_indicator": {Chinese: "没有找到与“%s”相符的关键指标；请填写指标编码（如 2.1.3）或名称，可在其后加城市名称或代码（如“2.1.3 杭州市”）。", English: "No key indicator matches “%s”; type its code (such as 2.1.3) or name, and a city's name or code after it if wished (such as “2.1.3 Hangzhou”)."},
	"admin.events.kind.claim":        {Chinese: "定性描述（编号）", English: "Claim (ID)"},
	"admin.events.kind.value":        {Chinese: "数值（编号）", English: "Value (ID)"},
	"admin.events.kind.assignment":   {Chinese: "任务（编号）", English: "Task (ID)"},
	"admin.events.kind.user":         {Chinese: "用户（用户名）", English: "User (user name)"},
	"admin.events.kind.city":         {Chinese: "城市（名称或代码）", English: "City (name or code)"},
	"doc.audit_log":                  {Chinese: "在审计日志中查看本文档的处理记录", English: "This document's history in the audit log"},
	"claim.audit_log":                {Chinese: "在审计日志中查看本条定性描述的处理记录", English: "This claim's history in the audit log"},
	"admin.events.choose":            {Chinese: "有多份文档与所填内容相符，请选择其中一份查看其处理记录：", English: "Several documents match; choose one to see its history:"},
	"admin.events.missing":           {Chinese: "没有找到与“%s”相符的文档；请填写文号、标题、文件名或文档编号。", English: "No document matches “%s”; type its document number, title, file name or ID."},
	"admin.events.kind_all":          {Chinese: "%s（全部）", English: "%s (all)"},
	"admin.events.filter":            {Chinese: "筛选", English: "Filter"},
	"admin.events.clear":             {Chinese: "清除筛选", English: "Clear filters"},
	"admin.events.none":              {Chinese: "没有符合条件的记录", English: "No events match"},
	"admin.events.filter_note":       {Chinese: "登录失败的记录按被尝试的账户归入“用户”。", English: "A failed login is filed under the account tried."},
	"carry.intro_readonly":           {Chinese: "新一轮监测开始时，上一轮的指标关联、定性描述和数值会结转过来，标为“待确认”，由本市协调员逐项确认沿用或本轮不再使用。本页仅供查看。", English: "When a round starts, the previous round's links, claims and values are carried over as \"to re-confirm\"; the city's coordinators confirm or drop each. This page is for reading only."},
	"carry.doc_gone_readonly":        {Chinese: "文档已删除，不能确认沿用", English: "Document deleted; it cannot be confirmed"},
	"carry.sources_deleted_readonly": {Chinese: "出处已删除：引用的文档都已删除，不能确认沿用", English: "Source deleted: every document it cites was deleted, so it cannot be confirmed"},
	"carry.contradicted_readonly":    {Chinese: "上一轮审核认定与证据矛盾", English: "Found contradicted by its evidence last round"},
	"admin.tokens":                   {Chinese: "访问令牌", English: "API tokens"},
	"admin.tokens.none":              {Chinese: "没有有效的访问令牌", English: "No API tokens"},
	"admin.token_revoked":            {Chinese: "已撤销 %s 的访问令牌“%s”", English: "Revoked %s's API token “%s”"},
	"confirm.revoke_title":           {Chinese: "撤销访问令牌", English: "Revoke an API token"},
	"confirm.revoke_button":          {Chinese: "确认撤销", English: "Revoke"},
	"confirm.revoke_question":        {Chinese: "确定撤销 %s 的访问令牌“%s”吗？", English: "Revoke %s's API token “%s”?"},
	"confirm.revoke_effect":          {Chinese: "使用这个令牌的脚本或程序将立即无法访问档案；撤销后不能恢复，需要时请重新创建令牌。", English: "Scripts or programs using this token lose access at once; it cannot be undone: make a new token if needed."},
}
