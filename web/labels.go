package web

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// formatTime writes t in China time with its zone (catalog.ShowTime).
func formatTime(t time.Time) string { return catalog.ShowTime(t) }

// roundLabel is a monitoring round as a page in l shows it: its label
// (2017年度首批监测, with its year before it when the label lacks it),
// which admins write in Chinese; an English page says "Round 2017" and
// keeps a label only when it is not Chinese.
func roundLabel(l Lang, year int, label string) string {
	y := strconv.Itoa(year)
	if l != English {
		if label == "" || strings.Contains(label, y) {
			return cmp.Or(label, y)
		}
		return y + " " + label
	}
	en := "Round " + y
	if label != "" && !strings.ContainsFunc(label, func(r rune) bool { return unicode.Is(unicode.Han, r) }) && label != y {
		en += " · " + label
	}
	return en
}

// roundYear is a monitoring round by its year alone, as every page
// names it beside other details (截止日期：… · 2018年度, a claim's
// 杭州 · 2018年度 · wang): a bare 2018 there read as any number. year is
// an int or the digits a document's round is stored as.
func roundYear(l Lang, year any) string {
	return trf(l, "round.year", fmt.Sprint(year))
}

// RoleName is a role as the web UI calls it, in English when english
// (协调员, Coordinator): catalog.Role.Label, the one table of role names.
func RoleName(english bool, role string) string {
	return catalog.Role(role).Label(english)
}

// roleName is a role as people call it (catalog.Role.Label).
func roleName(l Lang, role any) string {
	return catalog.Role(fmt.Sprint(role)).Label(l == English)
}

// ActionName is what an audit event did (its action, claim.create) in
// words in l, as the audit page says it: `evidence events` prints it so
// that the console and the page name an event alike.
func ActionName(l Lang, action string) string { return actionName(l, action) }

// actionName says what an audit event did in words; an action without
// words of its own shows its kind's words, and an unknown kind its code.
func actionName(l Lang, action string) string {
	if s := tr(l, "event."+action); s != "event."+action {
		return s
	}
	kind, _, _ := strings.Cut(action, ".")
	if s := tr(l, "event."+kind); s != "event."+kind {
		return s
	}
	return action
}

// eventReason is the reason an audit event gives, as the history shows
// it: a reason the program gave (a code, or the English it stored before
// it stored codes) in the page's language, one a person typed as typed.
func eventReason(l Lang, reason any) string {
	s := fmt.Sprint(reason)
	if code, ok := oldReasons[s]; ok {
		s = code
	}
	if w := tr(l, "reason."+s); w != "reason."+s {
		return w
	}
	return catalog.TypedText(s)
}

// oldReasons are the codes of the reasons reopen events stored in English.
var oldReasons = map[string]string{
	"cited document deleted":               catalog.ReopenDocumentDeleted,
	"cited document moved to another city": catalog.ReopenDocumentMoved,
}

// verdictName is a claim's status or a reviewer's verdict in words.
func verdictName(l Lang, v any) string {
	s := fmt.Sprint(v)
	if w := tr(l, "claim."+s); w != "claim."+s {
		return w
	}
	return s
}

var labelMessages = map[string]map[Lang]string{
	"reason.document_deleted":  {Chinese: "引用的文档已删除", English: "the cited document was deleted"},
	"reason.document_moved":    {Chinese: "引用的文档已改为其他城市的文档", English: "the cited document was moved to another city"},
	"event.document":           {Chinese: "文档", English: "Document"},
	"event.login":              {Chinese: "登录", English: "Logged in"},
	"event.logout":             {Chinese: "退出登录", English: "Signed out"},
	"event.document.upload":    {Chinese: "上传文档", English: "Uploaded a document"},
	"event.document.duplicate": {Chinese: "重复上传", English: "Uploaded a duplicate"},
	"event.document.edit":      {Chinese: "修改文档信息", English: "Edited a document"},
	"event.document.delete":    {Chinese: "删除文档", English: "Deleted a document"},
	"event.document.restore":   {Chinese: "恢复已删除的文档", English: "Restored a deleted document"},
	"event.document.move":      {Chinese: "把文档移到其他城市", English: "Moved a document to another city"},
	"event.document.fail":      {Chinese: "文档处理失败", English: "A document failed"},
	"event.document.replace":   {Chinese: "替换文档原件", English: "Replaced a document's original"},

	// A damaged original, found by check and mended by an upload.
	"event.document.original.damaged":  {Chinese: "校验发现原件损坏或缺失", English: "Check found the original damaged or missing"},
	"event.document.original.repaired": {Chinese: "用上传的文件修复原件", English: "Mended the original from an upload"},
	"event.document.original.intact":   {Chinese: "原件重新校验完好", English: "The original read whole again"},

	"event.document.fields":      {Chinese: "重新识别文档字段", English: "Fields read again from the text"},
	"event.empty":                {Chinese: "（空）", English: "(empty)"},
	"event.link.create":          {Chinese: "关联指标", English: "Linked to an indicator"},
	"event.link.delete":          {Chinese: "取消关联", English: "Removed a link"},
	"event.link.quote":           {Chinese: "补充关联引文", English: "Added a quote to a link"},
	"event.claim.create":         {Chinese: "撰写定性描述", English: "Wrote a claim"},
	"event.claim.edit":           {Chinese: "修改定性描述", English: "Edited a claim"},
	"event.claim.cite":           {Chinese: "添加引用", English: "Added a citation"},
	"event.claim.uncite":         {Chinese: "删除引用", English: "Removed a citation"},
	"event.claim.review":         {Chinese: "审核定性描述", English: "Reviewed a claim"},
	"event.claim.reopen":         {Chinese: "定性描述退回待审核", English: "A claim went back to review"},
	"event.claim.revise":         {Chinese: "改判定性描述", English: "Revised a claim's verdict"},
	"event.claim.review_comment": {Chinese: "修改定性描述的审核意见（结论不变）", English: "Corrected a claim's review comment (verdict kept)"},
	"event.value.review_comment": {Chinese: "修改数值的审核意见（结论不变）", English: "Corrected a value's review comment (verdict kept)"},
	"event.claim.restore":        {Chinese: "随文档恢复，定性描述的审核结论恢复", English: "A claim's verdict came back with its document"},
	"event.value.restore":        {Chinese: "随文档恢复，数值的审核结论恢复", English: "A value's verdict came back with its document"},
	"event.assignment.restore":   {Chinese: "随文档恢复，任务回到删除前状态", English: "A task went back as it stood with its document"},
	"event.value.revise":         {Chinese: "改判数值", English: "Revised a value's verdict"},
	"event.value.reopen":         {Chinese: "数值退回待审核", English: "A value went back to review"},
	"event.claim.quote":          {Chinese: "文字重新读取后复核引文", English: "Quote looked for again in the text read anew"},
	"event.value.quote":          {Chinese: "文字重新读取后复核数值引文", English: "Value's quote looked for again in the text read anew"},
	"event.value.review":         {Chinese: "审核数值", English: "Reviewed a value"},
	"event.city.create":          {Chinese: "添加城市", English: "Added a city"},
	"event.round.create":         {Chinese: "创建监测轮次", English: "Created a round"},
	"event.round.delete":         {Chinese: "删除监测轮次", English: "Deleted a round"},
	"event.round.carryover":      {Chinese: "结转上一轮", English: "Carried over a round"},
	"event.round.carried":        {Chinese: "（关联 %d 项，定性描述 %d 项，数值 %d 项）", English: " (%d {link|links}, %d {claim|claims}, %d {value|values})"},
	"event.framework.import":     {Chinese: "导入指标体系", English: "Imported a framework"},
	"event.user.create":          {Chinese: "创建用户", English: "Created a user"},
	"event.user.enable":          {Chinese: "启用用户", English: "Enabled a user"},
	"event.user.disable":         {Chinese: "停用用户", English: "Disabled a user"},
	"event.user.password":        {Chinese: "修改密码", English: "Changed a password"},
	"event.token.create":         {Chinese: "创建访问令牌", English: "Created a token"},
	"event.token.revoke":         {Chinese: "撤销访问令牌", English: "Revoked a token"},
	"event.assignment":           {Chinese: "责任分解任务", English: "Task"},
	"event.carryover":            {Chinese: "结转事项", English: "Carry-over"},
	"event.department":           {Chinese: "责任单位", English: "Department"},
	"event.value.create":         {Chinese: "填报数值", English: "Recorded a value"},
	"event.value.update":         {Chinese: "修改数值", English: "Changed a value"},
	"event.note.create":          {Chinese: "添加专家批注", English: "Added a note"},
	"event.search.save":          {Chinese: "保存检索", English: "Saved a search"},
	"event.search.delete":        {Chinese: "删除保存的检索", English: "Deleted a saved search"},
	"event.user.cities":          {Chinese: "修改审核城市", English: "Changed the cities reviewed"},
	"event.login.fail":           {Chinese: "登录失败", English: "Login failed"},
	"event.login.throttled":      {Chinese: "登录失败次数过多，暂缓登录", English: "Login held back after failures"},
	"event.assignment.import":    {Chinese: "导入责任分解表", English: "Imported a responsibility table"},
	"event.assignment.edit":      {Chinese: "修改任务", English: "Edited a task"},
	"event.assignment.open":      {Chinese: "任务重新打开", English: "Reopened a task"},
	"event.assignment.reopen":    {Chinese: "任务材料已删除，任务回到提交前状态", English: "A task's material was deleted; it went back"},
	"event.assignment.submitted": {Chinese: "提交任务材料", English: "Handed in for a task"},
	"event.assignment.returned":  {Chinese: "退回任务", English: "Returned a task"},
	"event.assignment.delete":    {Chinese: "删除任务", English: "Deleted a task"},
	"event.assignment.accepted":  {Chinese: "确认任务", English: "Accepted a task"},
	"event.assignment.withdraw":  {Chinese: "撤回任务材料", English: "Withdrew a file handed in for a task"},
	"event.assignment.copy":      {Chinese: "复制责任分解表", English: "Copied a responsibility table"},
	"event.department.create":    {Chinese: "添加责任单位", English: "Added a department"},
	"event.department.rename":    {Chinese: "责任单位改名", English: "Renamed a department"},
	"event.department.merge":     {Chinese: "合并责任单位", English: "Merged a department into another"},
	"event.department.delete":    {Chinese: "删除责任单位", English: "Deleted a department"},
	"event.carryover.confirmed":  {Chinese: "确认沿用结转事项", English: "Confirmed a carried item"},
	"event.carryover.dropped":    {Chinese: "结转事项本轮不再使用", English: "Dropped a carried item"},
	"event.carryover.updated":    {Chinese: "修改结转事项", English: "Updated a carried item"},
	"event.carryover.restored":   {Chinese: "恢复本轮不用的结转事项", English: "Restored a dropped carried item"},
	"event.carryover.to_confirm": {Chinese: "结转事项待确认", English: "A carried item awaits re-confirmation"},
	"event.obj.round":            {Chinese: "监测轮次", English: "round"},
	"event.obj.department":       {Chinese: "责任单位", English: "department"},
	"event.obj.framework":        {Chinese: "指标体系", English: "framework"},
	"event.obj.value":            {Chinese: "数值", English: "value"},
	"event.obj.token":            {Chinese: "访问令牌", English: "token"},
	"event.obj.carryover":        {Chinese: "结转事项", English: "carried item"},
	"event.obj.search":           {Chinese: "保存的检索", English: "saved search"},
	"event.obj.assignments":      {Chinese: "责任分解表", English: "responsibility table"},
	"event.obj.deleted":          {Chinese: "（已删除）", English: " (deleted)"},
	"event.obj.renamed":          {Chinese: "（现名《%s》）", English: " (now: “%s”)"},
	"event.obj.then":             {Chinese: "（当时名为《%s》）", English: " (then: “%s”)"},
	"event.obj.document":         {Chinese: "文档", English: "document"},
	"event.obj.claim":            {Chinese: "定性描述", English: "claim"},
	"event.actor.system":         {Chinese: "系统", English: "system"},
	"event.actor.cli":            {Chinese: "命令行", English: "command line"},
	"event.obj.assignment":       {Chinese: "任务", English: "task"},
	"event.obj.user":             {Chinese: "用户", English: "user"},
	"event.obj.city":             {Chinese: "城市", English: "city"},
	"admin.enabled":              {Chinese: "已启用", English: "Enabled"},
	"admin.disabled":             {Chinese: "已停用", English: "Disabled"},
}

func init() {
	for k, m := range labelMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
