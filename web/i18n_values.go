package web

import "github.com/lcmonitor/evidence/catalog"

// The words of the values review page (审核定量指标数值), kept apart from
// i18n.go so that they merge cleanly; they join messages at start-up, with
// full-width punctuation as the rest.
func init() {
	for k, m := range valueReviewMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var valueReviewMessages = map[string]map[Lang]string{
	"values.title":                    {Chinese: "审核定量指标数值", English: "Review values"},
	"values.intro":                    {Chinese: "协调员填报的数值及其出处；逐条核对原文后给出审核结论，结论写入监测报告。", English: "The values coordinators recorded, each with its source; check each against the passage and give a verdict, which the report carries."},
	"values.claims":                   {Chinese: "审核定性描述", English: "Review claims"},
	"values.title.own":                {Chinese: "定量指标数值", English: "Quantitative values"},
	"values.intro.own":                {Chinese: "已填报的定量指标数值及其出处；审核专家核对原文后给出审核结论，结论写入监测报告。", English: "The values recorded, each with its source; a reviewer checks each against the passage and gives a verdict, which the report carries."},
	"values.round":                    {Chinese: "监测轮次", English: "Round"},
	"values.value":                    {Chinese: "数值", English: "Value"},
	"values.previous":                 {Chinese: "（上一轮 %d年度：%s\uFF0C%s%s\uFF09", English: "(round %d: %s, %s%s)"},
	"values.previous.unit":            {Chinese: "；与本轮单位 %s 不同，不作比较", English: "; another unit than this round's %s, not compared"},
	"values.previous.contradicted":    {Chinese: "；不作比较", English: "; not compared"},
	"values.previous.sources_deleted": {Chinese: "；上一轮数值的出处已删除，不作比较", English: "; the previous round's value lost its source, not compared"},
	"values.source":                   {Chinese: "出处", English: "Source"},
	"values.context":                  {Chinese: "原文", English: "On the page"},
	"values.found":                    {Chinese: "该数值已在引文中找到", English: "The number is in the quoted passage"},
	"values.found_spaced":             {Chinese: "引文中仅见以空格分开的数字，尚不能确认即为该数值；请按下方说明核对", English: "The quoted passage writes the number only as digits parted by a space: not yet sure it is this number; check it as the note below says"},
	"values.found_lost":               {Chinese: "请核对：保存时该数值在引文中找到，按现行规则未找到（evidence values recheck 会更新此标记）", English: "Check: the number was found in the quoted passage when saved, but today's rules do not find it there (evidence values recheck updates this mark)"},
	"values.found_gained":             {Chinese: "按现行规则该数值在引文中可以找到（保存时未找到）；请核对", English: "By today's rules the number is in the quoted passage (not found when saved); check it"},
	"values.found_rough":              {Chinese: "该数值在引文中的约数“%s”范围内，请以统计台账等确切数字核对", English: "The number lies within “%s”, a rough number in the quoted passage; check it against an exact figure such as the statistics ledger's"},
	"values.not_found":                {Chinese: "引文中未找到该数值，请核对", English: "The number is not in the quoted passage; check it"},
	"values.rough_bound":              {Chinese: "引文写的是约数“%s”，不是确切的这个数值；请以统计台账等确切数字核对", English: "The quoted passage writes the number only roughly, “%s”, not as this exact figure; check it against an exact figure such as the statistics ledger's"},
	"values.quote_not_found":          {Chinese: "所引文档中未找到该引文（请核对页码或原文）", English: "The quote is not in the cited document (check the page or the document's words)"},
	"values.quote_elsewhere":          {Chinese: "这段引文不在第 %d 页，而在第 %d 页，请核对页码", English: "This passage is not on page %d but on page %d; check the page"},
	"values.empty":                    {Chinese: "没有符合条件的数值。", English: "No values here."},
	"values.empty_pending":            {Chinese: "没有待审核的数值。", English: "No values waiting."},
	"values.empty_round":              {Chinese: "本轮（%s年度）没有待审核的数值；其他轮次还有：", English: "No values waiting in this round (round %s); other rounds have some: "},
	"values.count":                    {Chinese: "共 %d 个数值", English: "%d {value|values}"},
	"values.page":                     {Chinese: "第 %d/%d 页", English: "page %d of %d"},
	"values.import":                   {Chinese: "导入数值台账（XLSX、XLS 或 .et）", English: "Import a ledger of values (XLSX, XLS or .et)"},
	"values.import.help":              {Chinese: "表头：指标编码、数值、单位、文档编号、页码、引文。数值出处可写文档编号（见各文档页面的地址），也可写材料的文号、文件名或标题（可各占一列，如“文号”“标题”）；对应不到或对应多份材料的行会列出候选。有任何一行错误则整表不导入，并列出每一行的问题；已有的数值被替换并重新等待审核，与已保存的完全相同的行不算改动，保留审核结论。", English: "Headings: indicator, value, unit, document_id, page, quote. The source may be given by the document's ID (in its page's address) or by its document number, file name or title (columns of their own are fine, such as doc_number and title); a row naming no document or several lists the candidates. Any bad row refuses the whole ledger, naming every bad row; values already recorded are replaced and wait for review again; a row giving a value exactly as it is stored changes nothing and keeps its verdict."},
	"values.import.round":             {Chinese: "监测轮次（留空即当前轮次）", English: "Round (empty: the current one)"},
	"values.import.file":              {Chinese: "台账文件", English: "Ledger file"},
	"values.imported":                 {Chinese: "已导入 %d 个数值：新增 %d 项，更新 %d 项，未变 %d 项（未变的保留审核结论）", English: "%d {value|values} imported: %d new, %d updated, %d unchanged (those unchanged keep their verdicts)"},
	"values.verdicts_cleared":         {Chinese: "；%d 项已审核的数值因改动回到待审核", English: "; the changes sent %d reviewed {value|values} back to review"},
	"value.unchanged":                 {Chinese: "数值与本轮已保存的相同，未作改动（%s）", English: "The value is the one this round already holds: nothing changed (%s)"},
	"value.verdict_cleared":           {Chinese: "（原有的审核结论“%s”因改动已清除，数值回到待审核）", English: " (the change cleared its verdict, %s; it waits for review again)"},
	"values.unit_mismatch":            {Chinese: "单位不符：原文中该数字的单位是“%s”，数值的单位是“%s”；请核对数值或原文", English: "Unit mismatch: the passage writes the number in “%s”, the value is in “%s”; check the value or the passage"},
	"values.warning":                  {Chinese: "。请注意：", English: ". Note: "},
	"values.unlikely":                 {Chinese: "请核对：", English: "Check: "},
	"values.more_warnings":            {Chinese: "。另有 %d 条提醒未列出", English: ". %d more notes not shown"},
	"search.total_groups":             {Chinese: "共 %d 组，%d 份文档（相近版本合为一组）", English: "%d {group|groups} of %d documents (near duplicates grouped)"},
	"value.saved_but":                 {Chinese: "已保存，但", English: "Saved. "},
}
