package web

// The words of the questions /admin asks before 设为当前轮次, 停用 and
// 重置密码 (admin_confirm.go), kept apart from i18n.go so that they merge
// cleanly; they join messages at start-up.
func init() {
	for k, m := range adminConfirmMessages {
		messages[k] = m
	}
}

var adminConfirmMessages = map[string]map[Lang]string{
	"admin.confirm.round":         {Chinese: "%d年度", English: "round %d"},
	"admin.confirm.round_named":   {Chinese: "%d年度（%s）", English: "round %d (%s)"},
	"admin.confirm.current_title": {Chinese: "设为当前轮次", English: "Make a round current"},
	"admin.confirm.current_question": {Chinese: "确定将%s设为当前轮次吗？现在的当前轮次是%s。确认后：",
		English: "Make %s the current round? The current round now is %s. Once confirmed:"},
	"admin.confirm.current_question_none": {Chinese: "确定将%s设为当前轮次吗？现在没有当前轮次。确认后：",
		English: "Make %s the current round? There is no current round now. Once confirmed:"},
	"admin.confirm.current_uploads": {Chinese: "各城市不指定轮次的上传都归入 %d年度",
		English: "every city's uploads made without a round go to round %d"},
	"admin.confirm.current_tasks": {Chinese: "部门联系人的“我的任务”改为打开 %d年度的任务",
		English: "each department's My tasks opens on round %d's tasks"},
	"admin.confirm.current_names": {Chinese: "%d年度不再是当前轮次，其报告和页面固定沿用现在的指标名称",
		English: "round %d stops being current, and its report and pages keep today's indicator names"},
	"admin.confirm.current_carry": {Chinese: "为各城市结转上一轮的关联、定性描述和数值（待确认；已结转过的不重复结转）",
		English: "each city's links, claims and values are carried over from the previous round (to re-confirm; nothing carried twice)"},
	"admin.confirm.current_tables": {Chinese: "为各城市复制上一轮的责任分解表",
		English: "each city's responsibility table is copied from the previous round"},
	"admin.confirm.current_older": {Chinese: "注意：%d年度早于现在的当前轮次 %d年度。确认后各城市都退回到较早的轮次，新的上传和“我的任务”都回到 %d年度。除非是为了纠正误操作，请不要这样做。",
		English: "Warning: round %d is older than the current round %d. Every city goes back to the older round: new uploads and My tasks return to round %d. Do this only to undo a mistake."},
	"admin.confirm.current_button": {Chinese: "确认设为当前轮次", English: "Make it current"},
	"admin.confirm.who":            {Chinese: "%s（%s）", English: "%s (%s)"},
	"admin.confirm.disable_title":  {Chinese: "停用用户", English: "Disable a user"},
	"admin.confirm.disable_question": {Chinese: "确定停用账号 %s吗？确认后：",
		English: "Disable the account %s? Once confirmed:"},
	"admin.confirm.disable_sessions": {Chinese: "%s 的登录和访问令牌（API）随即失效，不能再登录",
		English: "%s's sessions and API tokens end at once, and they can no longer log in"},
	"admin.confirm.disable_undo": {Chinese: "以后可在系统管理页点“启用”恢复这个账号，本人需重新登录",
		English: "the account can be enabled again on the admin page later; its owner signs in again"},
	"admin.confirm.disable_button": {Chinese: "确认停用", English: "Disable"},
	"admin.confirm.password_title": {Chinese: "重置密码", English: "Reset a password"},
	"admin.confirm.password_question": {Chinese: "确定为账号 %s重置密码吗？确认后：",
		English: "Reset the password of the account %s? Once confirmed:"},
	"admin.confirm.password_sessions": {Chinese: "%s 原有的登录和访问令牌（API）随即失效，原密码不能再用",
		English: "%s's sessions and API tokens end at once, and the old password stops working"},
	"admin.confirm.password_new": {Chinese: "系统生成新密码，只在下一页显示这一次，请转告本人",
		English: "a new password is made and shown on the next page this once: pass it on"},
	"admin.confirm.password_button": {Chinese: "确认重置", English: "Reset"},
}
