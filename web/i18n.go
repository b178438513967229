package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
)

// Lang is a UI language.
type Lang string

// The UI speaks Chinese first, English on request.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

const langCookie = "evidence_lang"

// langOf reads the language cookie; Chinese unless English was chosen.
func langOf(r *http.Request) Lang {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == string(English) {
		return English
	}
	return Chinese
}

// tr returns the text of key in lang, falling back to Chinese, then the key.
func init() {
	// Chinese words are written with full-width punctuation, whatever the
	// source file holds.
	for _, m := range messages {
		m[Chinese] = catalog.Fullwidth(m[Chinese])
	}
}

func tr(lang Lang, key string) string {
	if m, ok := messages[key]; ok {
		if s := m[lang]; s != "" {
			return s
		}
		return m[Chinese]
	}
	return key
}

// messages are the UI's words, by key.
var messages = map[string]map[Lang]string{
	"app.name":              {Chinese: "学习型城市建设监测佐证材料库", English: "Learning-City Evidence Archive"},
	"nav.search":            {Chinese: "检索", English: "Search"},
	"nav.indicators":        {Chinese: "指标", English: "Indicators"},
	"nav.upload":            {Chinese: "上传", English: "Upload"},
	"nav.review":            {Chinese: "审核", English: "Review"},
	"nav.admin":             {Chinese: "管理", English: "Admin"},
	"nav.logout":            {Chinese: "退出", English: "Log out"},
	"nav.lang":              {Chinese: "English", English: "中文"},
	"login.title":           {Chinese: "登录", English: "Log in"},
	"login.username":        {Chinese: "用户名", English: "Username"},
	"login.password":        {Chinese: "密码", English: "Password"},
	"login.submit":          {Chinese: "登录", English: "Log in"},
	"login.failed":          {Chinese: "用户名或密码错误", English: "Wrong username or password"},
	"login.throttled":       {Chinese: "登录失败次数过多,请 %d 分钟后再试", English: "Too many failed logins; try again in %d minutes"},
	"search.title":          {Chinese: "检索佐证材料", English: "Search evidence"},
	"search.query":          {Chinese: "检索词", English: "Search terms"},
	"search.submit":         {Chinese: "检索", English: "Search"},
	"search.hint":           {Chinese: "多个词用空格分隔表示同时出现;\"…\" 表示短语;-词 表示排除;A OR B 表示任一", English: "Words separated by spaces must all occur; \"…\" is a phrase; -word excludes; A OR B matches either"},
	"search.total":          {Chinese: "共 %d 条结果", English: "%d results"},
	"search.empty":          {Chinese: "没有找到与“%s”相关的材料。", English: "Nothing found for “%s”."},
	"search.empty.try":      {Chinese: "试试:减少检索词、去掉筛选条件、换一个说法(如“学分银行”换成“学习成果认证”),或检查错别字。", English: "Try fewer words, fewer filters, another wording (学习成果认证 for 学分银行), or check the spelling."},
	"search.relax":          {Chinese: "去掉“%s=%s”可找到 %d 条", English: "Without “%s=%s”: %d results"},
	"search.page":           {Chinese: "第 %d 页", English: "page %d"},
	"search.prev":           {Chinese: "上一页", English: "Previous"},
	"search.next":           {Chinese: "下一页", English: "Next"},
	"filter.city":           {Chinese: "城市", English: "City"},
	"filter.indicator":      {Chinese: "指标", English: "Indicator"},
	"filter.indicators":     {Chinese: "指标", English: "Indicator"},
	"filter.doc_type":       {Chinese: "文件类型", English: "Document type"},
	"filter.year":           {Chinese: "年份", English: "Year"},
	"filter.all":            {Chinese: "全部", English: "All"},
	"facets":                {Chinese: "分面统计", English: "Facets"},
	"doc.download":          {Chinese: "下载原件", English: "Download original"},
	"doc.open_pdf":          {Chinese: "在浏览器中打开第 %d 页", English: "Open page %d in the browser"},
	"doc.status":            {Chinese: "状态", English: "Status"},
	"doc.error":             {Chinese: "失败原因", English: "Why it failed"},
	"doc.meta":              {Chinese: "文档信息", English: "Details"},
	"doc.title":             {Chinese: "标题", English: "Title"},
	"doc.type":              {Chinese: "文件类型", English: "Type"},
	"doc.city":              {Chinese: "城市", English: "City"},
	"doc.department":        {Chinese: "报送部门", English: "Department"},
	"doc.issuer":            {Chinese: "发文机关", English: "Issuer"},
	"doc.issued_on":         {Chinese: "发布日期", English: "Date of issue"},
	"doc.doc_number":        {Chinese: "文号", English: "Document number"},
	"doc.round":             {Chinese: "监测轮次", English: "Round"},
	"doc.pages":             {Chinese: "页数", English: "Pages"},
	"doc.filename":          {Chinese: "文件名", English: "File name"},
	"doc.save":              {Chinese: "保存", English: "Save"},
	"doc.text":              {Chinese: "提取的文字", English: "Extracted text"},
	"doc.links":             {Chinese: "关联的指标", English: "Linked indicators"},
	"doc.link.add":          {Chinese: "关联到指标", English: "Link to indicator"},
	"doc.link.remove":       {Chinese: "取消关联", English: "Unlink"},
	"doc.suggestions":       {Chinese: "推荐关联的指标", English: "Suggested indicators"},
	"doc.suggest.accept":    {Chinese: "采纳", English: "Accept"},
	"doc.no_text":           {Chinese: "还没有可显示的文字。", English: "No text to show yet."},
	"admin.readers":         {Chinese: "可选读取程序", English: "Optional readers"},
	"admin.readers.ok":      {Chinese: "已安装", English: "installed"},
	"admin.readers.missing": {Chinese: "未安装,需要这类文件时请安装:", English: "missing; to read such files install:"},
	"upload.ocr":            {Chinese: "正在识别文字:第 {done}/{total} 页", English: "reading by OCR: page {done} of {total}"},
	"doc.read.text":         {Chinese: "第 %d 页:文字层", English: "Page %d: text layer"},
	"doc.read.ocr":          {Chinese: "第 %d 页:识别文字(OCR,置信度 %d%%)", English: "Page %d: recognised text (OCR, confidence %d%%)"},
	"doc.read.seal":         {Chinese: " · 有公章", English: " · official seal"},
	"doc.seals":             {Chinese: "有公章的页", English: "Pages with a seal"},
	"doc.seals.none":        {Chinese: "未发现公章", English: "none found"},
	"doc.page":              {Chinese: "页码", English: "Page"},
	"doc.quote":             {Chinese: "引文(可选)", English: "Quote (optional)"},
	"doc.note":              {Chinese: "备注(可选)", English: "Note (optional)"},
	"status.stored":         {Chinese: "已保存,等待提取文字", English: "Stored, waiting for extraction"},
	"status.extracted":      {Chinese: "已提取文字,正在建立索引", English: "Text extracted, indexing"},
	"status.indexed":        {Chinese: "可检索", English: "Searchable"},
	"status.failed":         {Chinese: "处理失败", English: "Failed"},
	"upload.title":          {Chinese: "上传佐证材料", English: "Upload evidence"},
	"upload.files":          {Chinese: "选择文件(可多选,也可拖入此处)", English: "Choose files (several at once, or drop them here)"},
	"upload.indicators":     {Chinese: "关联指标编码(可选,用逗号分隔,如 2.3.1)", English: "Indicator codes (optional, comma-separated, e.g. 2.3.1)"},
	"upload.submit":         {Chinese: "上传", English: "Upload"},
	"upload.stored":         {Chinese: "已保存", English: "Stored"},
	"upload.duplicate":      {Chinese: "重复文件,已有相同文档", English: "Duplicate of an existing document"},
	"upload.network":        {Chinese: "网络中断,文件未上传完;请检查网络后重试", English: "Network error: the file was not uploaded; check the connection and retry"},
	"upload.http":           {Chinese: "服务器未能处理,状态码", English: "The server could not process it, status"},
	"upload.failed":         {Chinese: "失败", English: "Failed"},
	"upload.formats": {Chinese: "支持 PDF(含扫描件)、OFD、Word(DOCX/DOC)、WPS、ODT、RTF、Excel(XLSX/XLS)、CSV、PPTX、TXT、HTML 和图片(JPG/PNG/TIFF);扫描件和照片自动识别文字(OCR);单个文件不超过 %s。",
		English: "PDF (scans too), OFD, Word (DOCX/DOC), WPS, ODT, RTF, Excel (XLSX/XLS), CSV, PPTX, TXT, HTML and images (JPG/PNG/TIFF); scans and photos are read by OCR; at most %s per file."},
	"ind.title":          {Chinese: "指标体系与佐证覆盖", English: "Indicators and evidence coverage"},
	"ind.tree":           {Chinese: "指标体系", English: "Framework"},
	"ind.heatmap":        {Chinese: "覆盖热力图", English: "Coverage heat map"},
	"ind.evidence":       {Chinese: "份材料", English: "documents"},
	"ind.legend":         {Chinese: "图例:✔ 已审核属实;◆ 已提交主张;● 已关联材料(数字为份数);✕ 缺少佐证", English: "Legend: ✔ verified claim; ◆ claim submitted; ● linked documents (count); ✕ no evidence"},
	"ind.linked":         {Chinese: "已关联", English: "Linked"},
	"ind.suggested":      {Chinese: "推荐", English: "Suggested"},
	"ind.qualitative":    {Chinese: "定性", English: "qualitative"},
	"ind.quantitative":   {Chinese: "定量", English: "quantitative"},
	"ind.write_claim":    {Chinese: "撰写主张", English: "Write a claim"},
	"review.title":       {Chinese: "审核主张", English: "Review claims"},
	"review.queue":       {Chinese: "待审核", English: "Waiting for review"},
	"review.empty":       {Chinese: "没有待审核的主张。", English: "No claims waiting."},
	"claim.statement":    {Chinese: "主张内容", English: "Statement"},
	"claim.citations":    {Chinese: "引用的证据", English: "Cited evidence"},
	"claim.verdict":      {Chinese: "审核结论", English: "Verdict"},
	"claim.comment":      {Chinese: "审核意见", English: "Comment"},
	"claim.verified":     {Chinese: "属实", English: "Verified"},
	"claim.insufficient": {Chinese: "证据不足", English: "Insufficient"},
	"claim.contradicted": {Chinese: "与证据矛盾", English: "Contradicted"},
	"claim.pending":      {Chinese: "待审核", English: "Pending"},
	"claim.history":      {Chinese: "处理记录", English: "History"},
	"claim.new":          {Chinese: "撰写主张", English: "Write a claim"},
	"claim.save":         {Chinese: "提交", English: "Submit"},
	"claim.add_citation": {Chinese: "添加引用", English: "Add a citation"},
	"claim.document":     {Chinese: "文档编号", English: "Document ID"},
	"claim.found":        {Chinese: "引文已在该页找到", English: "Quote found on that page"},
	"claim.found_other":  {Chinese: "引文在第 %d 页找到,不在所注页码", English: "Quote found on page %d, not the cited page"},
	"claim.not_found":    {Chinese: "引文未在文档中找到", English: "Quote not found in the document"},
	"claim.doc_deleted":  {Chinese: "文档已删除,原件仍可按 SHA-256 查看", English: "document deleted; the original is still available by SHA-256"},
	"claim.candidates":   {Chinese: "系统推荐的证据段落", English: "Suggested passages"},
	"admin.title":        {Chinese: "系统管理", English: "Administration"},
	"admin.users":        {Chinese: "用户", English: "Users"},
	"admin.role":         {Chinese: "角色", English: "Role"},
	"admin.create":       {Chinese: "创建", English: "Create"},
	"admin.disable":      {Chinese: "停用", English: "Disable"},
	"admin.enable":       {Chinese: "启用", English: "Enable"},
	"admin.cities":       {Chinese: "城市", English: "Cities"},
	"admin.rounds":       {Chinese: "监测轮次", English: "Rounds"},
	"admin.framework":    {Chinese: "导入指标体系", English: "Import a framework"},
	"admin.events":       {Chinese: "审计日志", English: "Audit log"},
	"admin.code":         {Chinese: "代码", English: "Code"},
	"admin.name":         {Chinese: "名称", English: "Name"},
	"admin.year":         {Chinese: "年份", English: "Year"},
	"admin.label":        {Chinese: "说明", English: "Label"},
	"admin.current":      {Chinese: "设为当前轮次", English: "Make current"},
	"admin.password_is":  {Chinese: "已创建用户 %s,初始密码:%s(只显示一次)", English: "Created %s; first password: %s (shown once)"},
	"admin.file":         {Chinese: "文件(.yaml、.xlsx、.csv)", English: "File (.yaml, .xlsx, .csv)"},
	"admin.version":      {Chinese: "版本", English: "Version"},
	"error.title":        {Chinese: "出错了", English: "Something went wrong"},
	"error.back":         {Chinese: "返回检索", English: "Back to search"},
	"done":               {Chinese: "已完成", English: "Done"},
}
