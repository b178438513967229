package extract

import (
	"context"
	"strings"
	"testing"
)

// TestBreakLayoutLines: the lines of a 公文 as pdftotext gives them
// (widths in columns, no type sizes) and as OCR places them (pixels):
// the 文号 line, the addressee line and a line much shorter than the
// body end their paragraphs; a wrapped phrase, a title wrapped over two
// lines, a list of addressees wrapped after a comma and a full line that
// ends with a colon stay joined; a page of too few lines has no body
// width and only the 文号 and addressee rules apply.
func TestBreakLayoutLines(t *testing.T) {
	body := "为推进学习型城市建设，根据省教育厅部署，经研究，决定开展二〇"
	tests := []struct {
		name   string
		lines  []string
		placed []layoutLine // OCR's lines, when not nil
		want   string
	}{
		{"文号自成一段", []string{"杭州市教育局文件", "杭教职成〔2024〕7 号", "杭州市教育局关于做好社区教育工作的通知", body, body, body},
			nil, "杭州市教育局文件\n\n杭教职成〔2024〕7 号\n\n杭州市教育局关于做好社区教育工作的通知\n" + body + "\n" + body + "\n" + body},
		{"主送机关前后分段", []string{"杭州市教育局关于做好社区教育示范街道创", "建工作的通知", "各区、县（市）教育局：", body, body, body},
			nil, "杭州市教育局关于做好社区教育示范街道创\n建工作的通知\n\n各区、县（市）教育局：\n\n" + body + "\n" + body + "\n" + body},
		{"主送机关跨行不拆", []string{"关于做好社区教育工作的通知", "各省、自治区、直辖市教育厅（教委），各计划单列市教育局，", "新疆生产建设兵团教育局：", body, body, body},
			nil, "关于做好社区教育工作的通知\n\n各省、自治区、直辖市教育厅（教委），各计划单列市教育局，\n新疆生产建设兵团教育局：\n\n" + body + "\n" + body + "\n" + body},
		{"短行结束段落，整行以冒号结尾不拆", []string{"为推进学习型城市建设，根据省教育厅部署，经研究决定如下：", "开展社区教育示范街道创建工作，" + body[len("为推进"):], "年社区教育示范街道创建工作。现将有关事项通知如下：", "一、创建条件。", body, "年社区教育示范街道创建工作。", "杭州市教育局", "2024年3月5日"},
			nil, "为推进学习型城市建设，根据省教育厅部署，经研究决定如下：\n开展社区教育示范街道创建工作，" + body[len("为推进"):] + "\n年社区教育示范街道创建工作。现将有关事项通知如下：\n\n一、创建条件。\n\n" + body + "\n年社区教育示范街道创建工作。\n\n杭州市教育局\n\n2024年3月5日"},
		{"行数太少不量正文宽度", []string{"三、保障措施", "各区、县（市）要建立学习型城市建设监测工作机制，分阶段分任务"},
			nil, "三、保障措施\n各区、县（市）要建立学习型城市建设监测工作机制，分阶段分任务"},
		{"表格单元格跨行不拆", []string{body, body, body, "区县（市）", "主要做法", "海曙区", "依托社区学校开展全民终身学", "习活动周系列活动", "36"},
			nil, body + "\n" + body + "\n" + body + "\n区县（市）\n主要做法\n海曙区\n依托社区学校开展全民终身学\n习活动周系列活动\n36"},
		{"整行后以各开头的引导行不拆", []string{body, body, "为推进学习型城市建设，根据省教育厅部署，现将有关事项和推进", "各类学习成果认证的要求通知如下：", "一、创建条件。"},
			nil, body + "\n" + body + "\n为推进学习型城市建设，根据省教育厅部署，现将有关事项和推进\n各类学习成果认证的要求通知如下：\n\n一、创建条件。"},
		{"识别文字：比正文宽的表格不使正文居中", nil, []layoutLine{
			{text: "区县 社区 学校 数量 参与 人次 学分 银行 开户 人数 主要 做法 备注", left: 100, right: 2500},
			{text: "海曙区 36 12.3万 2.1万 依托 社区 学校 开展 全民 终身 学习 活动", left: 100, right: 2500},
			{text: "江北区 28 8.6万 1.5万 推进 社区 学习 共同体 建设 成效 明显 良好", left: 100, right: 2500},
			{text: "为 加 快 构建 服务 全 民 终 身 学 习 的 教育 体系 ， 到 二〇二〇 年 实现 市民 学 习 成 果 存入 学分 银", left: 400, right: 2200},
			{text: "行 ， 培育 社区 学 习 共 同 体 。", left: 400, right: 1300},
			{text: "推 进 各 类 学 习 成 果 的 互 认 与 衔 接 ， 全 面 提 升 市 民 终 身 学 习 能 力 ， 推 动 学", left: 400, right: 2200},
			{text: "习 型 城 市 建 设 不 断 深 入 发 展", left: 400, right: 1400},
		}, "区县 社区 学校 数量 参与 人次 学分 银行 开户 人数 主要 做法 备注\n海曙区 36 12.3万 2.1万 依托 社区 学校 开展 全民 终身 学习 活动\n江北区 28 8.6万 1.5万 推进 社区 学习 共同体 建设 成效 明显 良好\n" +
			"为 加 快 构建 服务 全 民 终 身 学 习 的 教育 体系 ， 到 二〇二〇 年 实现 市民 学 习 成 果 存入 学分 银\n行 ， 培育 社区 学 习 共 同 体 。\n\n推 进 各 类 学 习 成 果 的 互 认 与 衔 接 ， 全 面 提 升 市 民 终 身 学 习 能 力 ， 推 动 学\n习 型 城 市 建 设 不 断 深 入 发 展"},
		{"识别文字：居中的标题与正文分段", nil, []layoutLine{
			{text: "杭州市 人 民政 府 办 公 厅 关于 推进", left: 500, right: 2050},
			{text: "学 习 型 城市 建设 的 实施 意见", left: 650, right: 1900},
			{text: "为 加 快 构建 服务 全 民 终 身 学 习", left: 240, right: 2300},
			{text: "的 教育 体系 ， 经 市 政府 同意 ， 现 就", left: 250, right: 2310},
			{text: "推进 学 习 型 城市 建设 提出 如 下 意见", left: 245, right: 2305},
			{text: "（ 一 ） 建 立 学 分 银行 。 推 进 各 类 学", left: 330, right: 2300},
			{text: "习 成 果 的 认证", left: 245, right: 1500},
		}, "杭州市 人 民政 府 办 公 厅 关于 推进\n学 习 型 城市 建设 的 实施 意见\n\n为 加 快 构建 服务 全 民 终 身 学 习\n的 教育 体系 ， 经 市 政府 同意 ， 现 就\n" +
			"推进 学 习 型 城市 建设 提出 如 下 意见\n（ 一 ） 建 立 学 分 银行 。 推 进 各 类 学\n习 成 果 的 认证"},
	}
	for _, tt := range tests {
		checkLayoutBreaks(t, tt.name, tt.lines, tt.placed, tt.want)
	}
}

// checkLayoutBreaks checks the text breakLayoutLines makes of OCR's
// placed lines, or breakPdftotextPages of pdftotext's lines (placed nil),
// against want, and returns it.
func checkLayoutBreaks(t *testing.T, name string, lines []string, placed []layoutLine, want string) string {
	t.Helper()
	var got string
	if placed != nil {
		got = breakLayoutLines(placed, true)
	} else {
		got = breakPdftotextPages([]string{strings.Join(lines, "\n")})[0]
	}
	if got != want {
		t.Errorf("%s:\n got %q\nwant %q", name, got, want)
	}
	return got
}

// TestPdftotextSetsTheTitleApart reads 公文 LibreOffice printed to PDF
// through pdftotext, which gives no type sizes: wenhao-notice.pdf (a
// masthead over its 文号 and a title wrapped over two lines, all at a
// fixed line height, which pdftotext wrote glued: 杭州市教育局文件杭教职成…,
// …的通知各区、县…), titled-notice.pdf, stamped.pdf and policy.pdf. The
// masthead, the 文号, the title and the addressees are paragraphs apart,
// as the library's reading of their type sizes sets them; the lines of a
// wrapped title and of wrapped paragraphs are still joined, so phrases
// cut at a line's end are found as before.
func TestPdftotextSetsTheTitleApart(t *testing.T) {
	needPdftotext(t)
	for _, c := range []struct {
		file         string
		apart, whole []string
	}{
		{"wenhao-notice.pdf",
			[]string{"杭州市教育局文件\n\n杭教职成〔2024〕7号\n\n杭州市教育局关于做好2024年社区教育示范街道创建工作的通知\n\n各区、县(市)教育局,各社区学院:\n\n为推进",
				"现将有关事项通知如下:\n\n一、创建条件", "前报送申报材料。\n\n杭州市教育局\n\n2024年3月5日"},
			[]string{"示范街道创建工作的通知", "决定开展2024年社区教育", "活动的比例逐年提高", "6月30日前报送申报材料"}},
		{"titled-notice.pdf",
			[]string{"甬教职成〔2019〕21号\n\n宁波市教育局关于开展2019年全民终身学习活动周暨社区教育成果展示活动的通知\n\n各区县(市)教育局"},
			[]string{"学习活动周暨社区教育成果", "经研究,决定在全市开展", "各地要结合实际组织", "要在此期间集中开展学习成果展示"}},
		{"stamped.pdf",
			[]string{"杭政办发〔2018〕12号\n\n杭州市人民政府办公厅关于推进学习型城市建设的实施意见\n\n各区、县(市)人民政府"},
			[]string{"现就推进学习型城市建设提出如下实施意见", "到2020年实现市民学习成果存入学分银行", "社区教育网络,培育社区学习共同体"}},
		{"policy.pdf",
			[]string{"杭州市人民政府办公厅文件\n\n杭政办〔2016〕12号\n\n杭州市人民政府办公厅关于推进学习型城市建设的实施意见\n\n各区、县(市)人民政府",
				"认真落实、有序推进监测工作。\n\n杭州市人民政府办公厅\n\n2016年3月8日"},
			[]string{"(教职成〔2014〕10号)", "学习型城市建设工作覆盖率", "促进不同类型学习成果互认和衔接"}},
	} {
		pages, err := runPdftotext(context.Background(), lookPdftotext(), fixture(c.file), Limits{}.withDefaults())
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		for i := range pages {
			pages[i] = Normalize(pages[i])
		}
		text := strings.Join(pages, "\n\n")
		for _, want := range append(c.apart, c.whole...) {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q not in pdftotext's text:\n%s", c.file, want, text)
			}
		}
		for _, glued := range []string{"文件杭", "意见各区", "通知各区", "号杭州", "号宁波", "如下:一、", "工作。杭州", "材料。杭州"} {
			if strings.Contains(text, glued) {
				t.Errorf("%s: %q glued in pdftotext's text:\n%s", c.file, glued, text)
			}
		}
	}
}

// TestOCRSetsTheTitleApart reads stamped-scan.pdf (a scan of stamped.pdf)
// by OCR, one uniform block of lines to tesseract: the 文号, the title and
// the addressees, which were glued into one paragraph, are paragraphs of
// their own, told by the lines' widths and places; the paragraphs wrapped
// over lines are still whole.
func TestOCRSetsTheTitleApart(t *testing.T) {
	needOCR(t)
	res, err := Extract(context.Background(), FormatPDF, fixture("stamped-scan.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	paragraphs := strings.Split(res.Pages[0], "\n\n")
	find := func(s string) int {
		for i, p := range paragraphs {
			if strings.Contains(p, s) {
				return i
			}
		}
		t.Fatalf("%q not in page 1 as OCR read it:\n%s", s, res.Pages[0])
		return -1
	}
	number, title, addressees := find("杭政办发"), find("关于推进学习型城市建设"), find("各直属单位")
	if number == title || title == addressees {
		t.Errorf("文号 (paragraph %d), title (%d) and addressees (%d) not apart:\n%s", number, title, addressees, res.Pages[0])
	}
	for _, whole := range []string{"现就推进学习型城市建设提出", "到2020年实现市民学习成果", "培育社区学习共同体"} {
		find(whole)
	}
}

// TestPdftotextKeepsWrappedPhrases: where lines of a PDF are wrapped the
// layout rules must not end a paragraph, or a phrase cut at a line's end
// is no longer found. small-appendix.pdf (Chromium) is a page of 16 pt
// body text followed by a page of 附件 填表说明 in 7.5 pt type, whose
// lines are far wider in columns: measured against the whole document,
// every line of page 1 counted as short and was set apart. table-prose.pdf
// (LibreOffice) has a table whose 主要做法 cell wraps (全民终身学 / 习活动周)
// under a paragraph of prose: the cell's lines are all short.
func TestPdftotextKeepsWrappedPhrases(t *testing.T) {
	needPdftotext(t)
	for _, c := range []struct {
		file  string
		whole []string
	}{
		{"small-appendix.pdf", []string{"创建工作", "按照统一口径", "二〇二〇年", "社区学习共同体", "推动全民终身学习", "本表由各区县教育局填报"}},
		{"table-prose.pdf", []string{"全民终身学习活动周", "开展全民终身学习", "进一步完善学习型城市建设监测工作机制", "按照统一口径填报"}},
	} {
		pages, err := runPdftotext(context.Background(), lookPdftotext(), fixture(c.file), Limits{}.withDefaults())
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		for i := range pages {
			pages[i] = Normalize(pages[i])
		}
		text := strings.Join(pages, "\n\n")
		for _, want := range c.whole {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q not in pdftotext's text:\n%s", c.file, want, text)
			}
		}
	}
}

// TestBreakPdftotextPagesMeasuresEachPage: a page of smaller type (an
// appendix's 填表说明) has wider lines in columns; the lines of the other
// pages are measured against their own page's body, so a phrase wrapped
// at the end of a full line (二〇 / 二〇年) stays whole; a page of too few
// lines is measured against the document's.
func TestBreakPdftotextPagesMeasuresEachPage(t *testing.T) {
	body := "为推进学习型城市建设，根据省教育厅部署，经研究，决定开展二〇"
	small := strings.Repeat("附件：填表说明，本表由各区县教育局填报，", 4)
	pages := []string{
		strings.Join([]string{body, body, body + "二〇年。"}, "\n"),
		strings.Join([]string{small, small, small}, "\n"),
		"杭州市教育局\n关于做好社区教育工作的通知",
	}
	want := []string{
		body + "\n" + body + "\n" + body + "二〇年。",
		small + "\n" + small + "\n" + small,
		"杭州市教育局\n关于做好社区教育工作的通知",
	}
	got := breakPdftotextPages(pages)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("page %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
}

// TestSignaturesAndHeadingsSetApart: a 公文's signature block (the
// issuing bodies' names on lines of their own above the 成文日期 alone on
// its line) is a paragraph a line, set apart from the last paragraph
// (an attachment's note that ends in no sentence's punctuation, a full
// line that ends one) and from what follows; a heading line (一、, （一）)
// begins a paragraph after a sentence's end and after a heading, but not
// after a line that only stops short (a table cell's 中小学校 / 一、二年级,
// 每年 / 三、四月份). Where the layout is in doubt the lines
// stay joined, so phrases across them are still found once Normalize
// has joined them: a date alone on its line below a line that names no
// body (培训时间为 / 2023年5月6日 / 上午…), a body's name that runs on from a
// full line, a line beginning 一、 that continues a full line.
func TestSignaturesAndHeadingsSetApart(t *testing.T) {
	body := "为推进学习型城市建设，根据省教育厅部署，经研究，决定开展二〇"
	ends := "为推进学习型城市建设，根据省教育厅部署，经研究，决定开展试点。"
	tests := []struct {
		name   string
		lines  []string
		placed []layoutLine // OCR's lines, when not nil
		want   string
		whole  []string // phrases Normalize's text still holds
	}{
		{"附件说明后的署名和成文日期", []string{body, body, "年社区教育示范街道创建工作。", "附件：杭州市社区教育示范街道名单", "杭州市教育局", "2023年5月6日", "（此件公开发布）"},
			nil, body + "\n" + body + "\n年社区教育示范街道创建工作。\n\n附件：杭州市社区教育示范街道名单\n\n杭州市教育局\n\n2023年5月6日\n\n（此件公开发布）", nil},
		{"整行句末后的联合署名", []string{body, body, ends, "杭州市教育局　杭州市财政局", "二〇二三年五月六日"},
			nil, body + "\n" + body + "\n" + ends + "\n\n杭州市教育局　杭州市财政局\n\n二〇二三年五月六日", nil},
		{"日期上一行不是机关名不拆", []string{body, body, body, "各社区学院参加培训，培训时间为", "2023年5月6日", "上午在市民中心举行。"},
			nil, body + "\n" + body + "\n" + body + "\n各社区学院参加培训，培训时间为\n2023年5月6日\n上午在市民中心举行。", []string{"培训时间为2023年5月6日上午在市民中心举行"}},
		{"整行续写的机关名不与上文拆开", []string{body, body, body, "杭州市教育局", "2023年5月6日"},
			nil, body + "\n" + body + "\n" + body + "\n杭州市教育局\n\n2023年5月6日", []string{"二〇杭州市教育局"}},
		{"整行续写的机关名和日期不拆", []string{body, body, body, "由杭州市学习型城市建设领导小组办公室和杭州市社区教育指导委员会", "2023年5月6日", "在市民中心联合主办。"},
			nil, body + "\n" + body + "\n" + body + "\n由杭州市学习型城市建设领导小组办公室和杭州市社区教育指导委员会\n2023年5月6日\n在市民中心联合主办。", []string{"二〇由杭州市", "委员会2023年5月6日在市民中心"}},
		{"句末后的标题", []string{body, body, ends, "二、加强组织领导", body, body},
			nil, body + "\n" + body + "\n" + ends + "\n\n二、加强组织领导\n" + body + "\n" + body, nil},
		{"标题后的下级标题、分号后的标题", []string{body, body, body, "一、总体要求", "（一）指导思想", "为推进学习型城市建设，根据省教育厅部署，经研究，决定开展工作；", "（二）基本原则"},
			nil, body + "\n" + body + "\n" + body + "\n一、总体要求\n\n（一）指导思想\n为推进学习型城市建设，根据省教育厅部署，经研究，决定开展工作；\n\n（二）基本原则", nil},
		{"短行后的一、不拆", []string{body, body, body, "学习型城市建设", "三、保障措施"},
			nil, body + "\n" + body + "\n" + body + "\n学习型城市建设\n三、保障措施", nil},
		{"表格单元格里折行的一、二年级不拆", []string{body, body, body, "面向全市中小学校", "一、二年级学生开展"},
			nil, body + "\n" + body + "\n" + body + "\n面向全市中小学校\n一、二年级学生开展", []string{"中小学校一、二年级"}},
		{"表格单元格里折行的三、四月份不拆", []string{body, body, body, "每年", "三、四月份"},
			nil, body + "\n" + body + "\n" + body + "\n每年\n三、四月份", []string{"每年三、四月"}},
		{"整行续写的一、不拆", []string{body, body, "为推进学习型城市建设，根据省教育厅部署，决定在全市中小学校的", "一、二年级开展学习型家庭创建活动。"},
			nil, body + "\n" + body + "\n为推进学习型城市建设，根据省教育厅部署，决定在全市中小学校的\n一、二年级开展学习型家庭创建活动。", []string{"中小学校的一、二年级开展"}},
		{"识别文字：右侧的署名和成文日期", nil, []layoutLine{
			{text: "为 加 快 构建 服务 全 民 终 身 学 习 的 教育 体系 ， 经 市 政府 同意 ， 现 就", left: 240, right: 2300},
			{text: "推进 学 习 型 城市 建设 提出 如 下 意见 ， 请 认 真 贯 彻 落 实 。", left: 245, right: 2305},
			{text: "附件 ： 杭州 市 社区 教育 示范 街道 名单", left: 330, right: 1500},
			{text: "杭州 市 人 民政 府 办 公 厅", left: 1500, right: 2100},
			{text: "2016 年 3 月 8 日", left: 1600, right: 2000},
		}, "为 加 快 构建 服务 全 民 终 身 学 习 的 教育 体系 ， 经 市 政府 同意 ， 现 就\n推进 学 习 型 城市 建设 提出 如 下 意见 ， 请 认 真 贯 彻 落 实 。\n附件 ： 杭州 市 社区 教育 示范 街道 名单\n\n杭州 市 人 民政 府 办 公 厅\n\n2016 年 3 月 8 日", nil},
	}
	for _, tt := range tests {
		got := checkLayoutBreaks(t, tt.name, tt.lines, tt.placed, tt.want)
		for _, phrase := range tt.whole {
			if text := Normalize(got); !strings.Contains(text, phrase) {
				t.Errorf("%s: %q cut in %q", tt.name, phrase, text)
			}
		}
	}
}
