package fields_test

import (
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestFieldRulesRaiseTheirRevision pins Revision to what its rules read:
// a change to the rules that reads these texts otherwise fails here, and
// whoever makes it raises Revision (so that `evidence repair --outdated`
// reads the fields of archived documents again), says what it mends in
// Revision's comment, and adds its texts below.
func TestFieldRulesRaiseTheirRevision(t *testing.T) {
	if fields.Revision != 16 || catalog.ChineseYearRevision > fields.Revision {
		t.Errorf("Revision = %d, want 16: a cited 文号 is not the document's own, a sentence of the body is not its title, "+
			"a signature keeps whole characters, OCR's border glyphs are trimmed from a title (1); "+
			"a web page's breadcrumb is not its title (2); a title naming a 首页 is one (3); "+
			"an OCR fragment is not joined to the title, a news headline loses its paper's name (4); "+
			"a title keeps the full-width marks its head wrote (5); "+
			"a spreadsheet's title, date and 文号 are never read from its header or its cells, a 文号 OCR misread is read and never part of the title (6); "+
			"a 文号 whose 号 was taken from its last digit is marked a guess (7); "+
			"a round inferred from names reads years in Chinese numerals, catalog.ChineseYearRevision (8); "+
			"a title keeps its series' issue, a clause of the body is no title, "+
			"a title whose 关于 OCR misread as Latin letters after the body's name is read with 关于, the body its issuer, "+
			"an item's numbered line is never the title (9); "+
			"a 文号 written with other brackets than 〔〕 is kept as written too (10); "+
			"a 号 OCR read as 4 is taken from its last digit, a guess (11); "+
			"a 4 after two digits is taken for the 号 only when another document has the 文号 so read (12); "+
			"OCR's stray marks and the noise after them before a title's 关于 are no part of it (13); "+
			"a quote opening a quoted term is no stray mark (14); "+
			"on a text OCR read, a 文号 whose brackets OCR misread is read on its own line in the head (15); "+
			"a table's row read by OCR, a name, a year and a number across a ruling, is no 文号, "+
			"a title whose （ OCR read as 〈 keeps its tail (16)", fields.Revision)
	}
	// 10: the 文号 as the text writes it, beside its value in 〔〕.
	if f := fields.Read([]string{"杭教成[2017]15号\n关于开展社区教育工作的通知\n各区教育局:\n正文。"}, ""); f.DocNumber.Value != "杭教成〔2017〕15号" || f.DocNumber.Written != "杭教成[2017]15号" {
		t.Errorf("revision 10, a 文号 in square brackets: value %q, written %q; want 杭教成〔2017〕15号 written 杭教成[2017]15号 (rules changed: raise Revision)",
			f.DocNumber.Value, f.DocNumber.Written)
	}
	// 15: a 文号 whose brackets OCR misread, on a text OCR read.
	if f := fields.ReadOCR([]string{"宁波市教育局文件\n甬教终 .2024] 7号\n关于开展2024年全民终身学习活动周的通知\n各区县(市)教育局:\n正文。"}, ""); f.DocNumber.Value != "甬教终〔2024〕7号" {
		t.Errorf("revision 15, 甬教终 .2024] 7号 read by OCR: 文号 %q, want 甬教终〔2024〕7号 (rules changed: raise Revision)", f.DocNumber.Value)
	}
	// 16: a table's row OCR read, its ruling a |, is no 文号.
	if f := fields.ReadOCR([]string{"张三 2024 | 3号\n关于开展2024年全民终身学习活动周的通知\n各区县(市)教育局:\n正文。"}, ""); f.DocNumber.Value != "" {
		t.Errorf("revision 16, 张三 2024 | 3号 read by OCR: 文号 %q, want none (rules changed: raise Revision)", f.DocNumber.Value)
	}
	if f := fields.ReadOCR([]string{"关于推进学分银行建设的通知〈征求意见稿)\n各区县(市)教育局:\n正文。"}, ""); f.Title.Value != "关于推进学分银行建设的通知(征求意见稿)" {
		t.Errorf("revision 16, 通知〈征求意见稿) read by OCR: title %q, want 关于推进学分银行建设的通知(征求意见稿) (rules changed: raise Revision)", f.Title.Value)
	}
	// 11, 12: three digits ending in 4, the 号 missing from the text, are
	// kept, a guess, with the 4 taken for the 号 offered beside them.
	if f := fields.Read([]string{"上政发 [2022] 184关于建设城市书房读书驿站的通知全区建成读书驿站36个,年接待读者8.6 FAK."}, ""); f.DocNumber.Value != "上政发〔2022〕184号" ||
		f.DocNumber.Source != fields.SourceGuess || f.DocNumber.Misread != "上政发〔2022〕18号" {
		t.Errorf("revision 12, 184 with no 号: 文号 %q, source %q, misread %q; want 上政发〔2022〕184号, a guess, misread 上政发〔2022〕18号 (rules changed: raise Revision)",
			f.DocNumber.Value, f.DocNumber.Source, f.DocNumber.Misread)
	}
	tests := []struct {
		revision            int
		name, text          string
		title, number, date string
	}{
		{1, "a 文号 only cited", "杭州市2018年社区教育工作总结\n2018年,我市根据《实施意见》(杭政办发〔2018〕12号)要求推进工作。",
			"杭州市2018年社区教育工作总结", "", ""},
		{1, "a sentence is no title", "根据浙江省人民政府的意见,我局开展社区教育工作。\n一、工作情况", "", "", ""},
		{1, "OCR's border glyphs", "|丨关于推进社区教育和学分银行建设的实施意见丨\n各区教育局:\n正文。",
			"关于推进社区教育和学分银行建设的实施意见", "", ""},
		{2, "a breadcrumb above the headline", "杭州新闻网首页>教育\n杭州市民终身学习周开幕 社区教育惠及百万市民\n来源:杭州日报 2018-10-22\n10月21日,2018年杭州市全民终身学习活动周在拱墅区开幕。",
			"杭州市民终身学习周开幕社区教育惠及百万市民", "", "2018-10-22"},
		{2, "a breadcrumb with full-width marks", "当前位置 首页 ＞ 新闻中心 ＞ 教育动态\n上城区学分银行上线一周年\n正文。",
			"上城区学分银行上线一周年", "", ""},
		{3, "a title naming a site's 首页", "关于做好学习型城市网站首页改版工作的通知\n各区、县(市)教育局:\n正文。",
			"关于做好学习型城市网站首页改版工作的通知", "", ""},
		{3, "a title naming a “首页” platform", "社区教育“首页通”平台上线运行\n正文。",
			"社区教育“首页通”平台上线运行", "", ""},
		{4, "an OCR fragment above a photo's title", "杭教发〔2023〕5号\nFx sy\n关于推进学分银行建设的实施意见\n各区、县(市)教育局:\n正文。",
			"关于推进学分银行建设的实施意见", "杭教发〔2023〕5号", ""},
		{4, "a news headline credited to its paper", "杭州日报：我市第十八届全民终身学习活动周开幕\n10月20日,活动周在拱墅区开幕。",
			"我市第十八届全民终身学习活动周开幕", "", ""},
		{5, "a title with full-width marks", "关于印发《杭州市学分银行管理办法（试行）》的通知\n各区、县（市）教育局：\n正文。",
			"关于印发《杭州市学分银行管理办法（试行）》的通知", "", ""},
		{9, "a bulletin's issue", "学习型城市建设工作简报（第17期）\n本期导读：全市社区教育工作会议召开。",
			"学习型城市建设工作简报（第17期）", "", ""},
		{9, "a clause of the body", "宁波市2018年学习型城市建设工作材料（第17号）\n宁波市建立健全了工作推进制度，经费投入逐年增加。",
			"宁波市2018年学习型城市建设工作材料（第17号）", "", ""},
		{6, "号 read as 8 under a seal", "甬教办(2019) 458\n\n宁波市教育局关于公布2019年社区教育统计数据的通知“各区县(i)教育局,市直属各学校 : 正文。",
			"宁波市教育局关于公布2019年社区教育统计数据的通知", "甬教办〔2019〕45号", ""},
		{9, "关于 read as RF after the body's line, run together", "杭州市人力资源和社会保障局RF 2018年度企业职工教育培训经费提取情况的统计报告2018年,全市企业比例为87 . 6%.",
			"关于2018年度企业职工教育培训经费提取情况的统计报告", "", ""},
		{6, "号 read as 5, not part of the title", "教育部文件\n教发〔2023〕125\n关于推进学习型城市建设的意见\n各省教育厅:\n正文。",
			"关于推进学习型城市建设的意见", "教发〔2023〕12号", ""},
		{9, "a garbled page, then item 3 of the body", "= sR Fs\nx辽\nHeFSeFoOMH\n\f三、学分银行建设稳步推进\n全市学分银行累计存入学习成果12万条，较上年增长三成。",
			"", "", ""},
		{9, "a numbered item under a garbled line", "aM AMS -\n(一)社区教育网络进一步完善\n全年新增社区学校24所，省级现代化社区学校11所。",
			"", "", ""},
		{9, "an item numbered 1.", "1.社区学校建设情况\n全年新增社区学校24所，覆盖全部街道。", "", "", ""},
		{13, "OCR's noise before 关于", "杭教终 [2023] 125\n、、二种不一可关于推进学分银行建设的实施意见\n各区、县(市)教育局:\n正文。",
			"关于推进学分银行建设的实施意见", "杭教终〔2023〕12号", ""},
		{14, "a title opening with a quoted term", "杭教职成〔2023〕5号\n\"学分银行\"建设试点工作实施方案的通知\n各区、县(市)教育局:\n正文。",
			"\"学分银行\"建设试点工作实施方案的通知", "杭教职成〔2023〕5号", ""},
		{9, "a title opening with a year is still one", "2018年社区教育工作总结\n一、社区教育网络进一步完善\n正文。",
			"2018年社区教育工作总结", "", ""},
	}
	// 6: a ledger's header row, due dates and listed 文号, which Read
	// took for its title, 成文日期 and 文号.
	ledger := "Sheet1\n\n序号 | 单位 | 完成情况\n\n1 | 市教育局 | 杭教职成〔2023〕5号 | 2024年6月30日"
	if f := fields.ReadSheet([]string{ledger}, "", true); f.Title.Value != "" || f.DocNumber.Value != "" || f.IssuedOn.Value != "" {
		t.Errorf("revision 6, a ledger's header and cells: title %q, 文号 %q, date %q; want none (rules changed: raise Revision)",
			f.Title.Value, f.DocNumber.Value, f.IssuedOn.Value)
	}
	// 7: the 文号 of 6's 教发〔2023〕125 is a guess, marked with what OCR read.
	guessed := slices.IndexFunc(tests, func(tt struct {
		revision            int
		name, text          string
		title, number, date string
	}) bool {
		return tt.name == "号 read as 5, not part of the title"
	})
	if f := fields.Read([]string{tests[guessed].text}, ""); f.DocNumber.Source != fields.SourceGuess || f.DocNumber.Read != "教发〔2023〕125" {
		t.Errorf("revision 7, a 文号 whose 号 was taken from its last digit: source %q, read as %q; want a guess read as 教发〔2023〕125 (rules changed: raise Revision)",
			f.DocNumber.Source, f.DocNumber.Read)
	}
	for _, tt := range tests {
		// The title's marks from the text as written, as the pipeline
		// takes them from the head of the text.
		f := fields.Read([]string{tt.text}, "")
		f.Title.Value = fields.Unfold(f.Title.Value, tt.text)
		if f.Title.Value != tt.title || f.DocNumber.Value != tt.number || f.IssuedOn.Value != tt.date {
			t.Errorf("revision %d, %s: title %q, 文号 %q, date %q; want %q, %q, %q (rules changed: raise Revision)",
				tt.revision, tt.name, f.Title.Value, f.DocNumber.Value, f.IssuedOn.Value, tt.title, tt.number, tt.date)
		}
	}
}
