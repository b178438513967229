package fields_test

import (
	"testing"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// reportHead is the head of a real report with no 红头: the bodies that
// wrote it and its date on the cover, then its first sentence, which cites
// two documents by their 文号 (testdata/47_eight_city_report.txt).
const reportHead = "中国成人教育协会   北京教育科学研究院\n\n2019年3月15日\n\n为落实《国家中长期教育改革和发展规划纲要(2010-2020年)》提出的“基本形成学习型社会建设”的战略任务,根据《教育部等七部门关于推进学习型城市建设的意见》(教职成〔2014〕10号,以下简称《意见》)关于“建立健全终身学习的统计信息体系,研制监测评估指标体系”的要求,落实教育部职成教司《关于开展学习型城市建设监测项目实践的通知》(教职成司函〔2017〕84号)要求,开展学习型城市建设监测项目实践。\n\n一、八个城市认真落实教育部学习型城市建设监测试点工作"

func TestDocNumberTraps(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"full-width brackets", "杭州市教育局文件\n杭教职成〔2018〕5号\n杭州市教育局关于…的通知", "杭教职成〔2018〕5号"},
		{"square brackets and spaces", "甬 政 发 [ 2015 ] 58 号\n宁波市人民政府关于加快发展社区教育的通知", "甬政发〔2015〕58号"},
		{"black lenticular", "成教【2018】22号\n成都市教育局关于…的通知", "成教〔2018〕22号"},
		{"ASCII parentheses", "杭教办(2018)7号\n杭州市教育局办公室关于…的通报", "杭教办〔2018〕7号"},
		{"full-width parentheses", "杭政办函（2017）45号\n杭州市人民政府办公厅关于…的函", "杭政办函〔2017〕45号"},
		{"full-width square", "成办发［2017］20号\n成都市人民政府办公厅关于…的通知", "成办发〔2017〕20号"},
		{"small brackets", "甬教职成﹝2019﹞12号\n宁波市教育局关于…的通知", "甬教职成〔2019〕12号"},
		{"joined under the masthead", "杭州市人民政府办公厅文件杭政办发〔2018〕12号杭州市人民政府办公厅关于推进学习型城市建设的实施意见各区:", "杭政办发〔2018〕12号"},
		{"joined after a letterhead", "教育部办公厅教职成厅函〔2019〕15号教育部办公厅关于举办活动周的通知", "教职成厅函〔2019〕15号"},
		{"own before two cited", "宁波市人民政府办公厅文件\n甬政办发〔2017〕102号\n宁波市人民政府办公厅关于推进社区教育内涵发展的实施意见\n各单位:\n根据《国务院关于加快发展现代职业教育的决定》(国发〔2014〕19号)和《浙江省人民政府关于推进学习型社会建设的意见》(浙政发〔2016〕3号)精神,提出如下意见。", "甬政办发〔2017〕102号"},
		{"a summary that only cites", "杭州市2018年社区教育工作总结\n2018年,我市根据《实施意见》(杭政办发〔2018〕12号)要求推进工作。", ""},
		{"cited with 根据 at the top", "关于社区教育工作的情况报告\n根据杭政办发〔2018〕12号文件精神,我局开展了自查。", ""},
		{"cited in a forwarded title", "杭州市教育局关于转发《浙江省教育厅关于开展评估工作的通知》(浙教职成〔2016〕3号)的通知\n各区教育局:", ""},
		{"a press report", "我市举办活动周开幕式\n本报讯 市政府办公厅近日印发《实施意见》(杭政办发〔2018〕12号)。", ""},
		{"after the title on a web page", "宁波市教育局关于开展评选的通知\n甬教职成〔2018〕45号\n各区县(市)教育局:", "甬教职成〔2018〕45号"},
		{"in the body, after the first sentence", "工作总结\n今年工作顺利。浙政发〔2016〕3号文件已落实。", ""},
		{"after a bulletin's title", "杭州市社区教育工作简报第3344期简报\n杭教〔2018〕3344号\n一、工作动态", "杭教〔2018〕3344号"},
		{"joined after a bulletin's title", "社区教育工作简报第12期简报杭教〔2018〕12号一、工作动态", "杭教〔2018〕12号"},
		{"joined after a notice's title", "关于开展评选的通知甬教职成〔2018〕45号各区县(市)教育局:", "甬教职成〔2018〕45号"},
		{"an abbreviation holding a title's word", "杭州市规划和自然资源局文件\n杭规划资源发〔2019〕12号\n关于…的通知", "杭规划资源发〔2019〕12号"},
		{"an abbreviation ending in a title's word", "杭规划资源〔2020〕35号\n关于…的通知", "杭规划资源〔2020〕35号"},
		{"joined after a year's plan", "杭州市2018年工作要点杭教〔2018〕7号一、总体要求", "杭教〔2018〕7号"},
		// Citations the count of brackets in a window took for one's own.
		{"the report's first sentence: a closed (2010-2020年) before 》(", reportHead, ""},
		{"full-width, with 以下简称", "学习型城市建设监测工作总结\n为落实《教育部等七部门关于推进学习型城市建设的意见》（教职成〔2014〕10号，以下简称《意见》）要求，我市开展了自查。", ""},
		{"根据《…》（…）精神", "关于开展学习型城市建设监测的情况报告\n根据《教育部等七部门关于推进学习型城市建设的意见》（教职成〔2014〕10号）精神，我局组织了监测。", ""},
		{"nested 〈〉 inside 《》", "监测工作情况汇报\n根据《关于印发〈学习型城市建设监测指标(试行)〉的通知》(教职成司函〔2017〕84号)要求开展监测。", ""},
		{"after 》 and a closed year", "全民终身学习活动周总结\n落实《国家职业教育改革实施方案(2019年)》（国发〔2019〕4号）的要求。", ""},
		{"a list of cited 文号 at the start of a line", "杭州市社区教育三年行动计划\n教职成〔2014〕10号,浙政发〔2016〕3号等文件对社区教育提出了要求。", ""},
		{"a clause that opens with 依据", "杭州市学习型城市建设情况\n近年来,依据省教育厅浙教职成〔2016〕3号部署推进工作。", ""},
		{"in a list of attachments", "杭州市教育局办公室关于报送监测材料的通知\n各区教育局:\n请按附件要求报送材料\n附件:1.教职成〔2014〕10号\n2.监测指标体系\n杭州市教育局办公室\n2019年3月1日", ""},
		// 红头 notices that cite others still yield their own.
		{"own after OCR junk with a stray 【", "【 TBA SCPE甬政发〔2018〕45号宁波市人民政府关于加快发展社区教育的通知各区县(市)人民政府:\n正文。", "甬政发〔2018〕45号"},
		{"own, then a citation with 以下简称", "教育部办公厅文件\n教职成厅函〔2017〕84号\n教育部办公厅关于开展学习型城市建设监测项目实践的通知\n各有关城市教育局:\n根据《教育部等七部门关于推进学习型城市建设的意见》(教职成〔2014〕10号,以下简称《意见》)要求,现就有关事项通知如下。", "教职成厅函〔2017〕84号"},
		{"own after a title holding (2011-2015年), joined", "杭州市教育局关于印发《杭州市终身教育发展规划(2011-2015年)》的通知杭教职成〔2011〕5号各区、县(市)教育局:\n现印发给你们。", "杭教职成〔2011〕5号"},
		{"own under a masthead, full-width citation in the body", "宁波市教育局文件\n甬教职成〔2019〕12号\n宁波市教育局关于开展学习型城市建设监测的通知\n各区县(市)教育局：\n根据《国务院关于印发国家职业教育改革实施方案的通知》（国发〔2019〕4号），现将有关事项通知如下。", "甬教职成〔2019〕12号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fields.Read([]string{tt.text}, "").DocNumber.Value; got != tt.want {
				t.Errorf("文号 of %q: got %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestDateTraps(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"Arabic at the foot", "通知正文。\n杭州市教育局\n2018年3月12日", "2018-03-12"},
		{"Chinese numerals with 〇", "通知正文。\n宁波市人民政府\n二〇一五年十月九日", "2015-10-09"},
		{"Chinese numerals with ○", "通知正文。\n教育部办公厅\n二○一九年五月八日", "2019-05-08"},
		{"Chinese numerals with 零", "通知正文。\n武汉市教育局\n二零一七年十二月二十日", "2017-12-20"},
		{"OCR letter O", "通知正文。\n成都市人民政府\n二O一八年三月三十一日", "2018-03-31"},
		{"month 13 is no date", "通知正文。\n某局\n2018年13月2日", ""},
		{"30 February is no date", "通知正文。\n某局\n2018年2月30日", ""},
		{"29 February of a leap year", "通知正文。\n某局\n2020年2月29日", "2020-02-29"},
		{"the 印发 date is not the 成文日期", "正文。\n杭州市人民政府办公厅\n2017年6月2日\n(此件公开发布)\n抄送:市委各部门。\n杭州市人民政府办公厅 2017年6月5日印发", "2017-06-02"},
		{"a meeting date in the body is not", "定于2019年4月10日上午召开会议。\n请于2019年4月5日前报送。\n杭州市教育局办公室\n2019年3月28日", "2019-03-28"},
		{"attachment dates after the signature", "正文。\n杭州市教育局\n2018年4月25日\f附件\n活动时间:2018年5月10日\n活动地点:西湖文化广场", "2018-04-25"},
		{"joined signature", "特此通知。杭州市教育局2018年12月20日", "2018-12-20"},
		{"press report dated at the top", "我市举办活动周开幕式\n发布时间:2018年10月21日 来源:杭州日报\n本报讯 10月20日,活动周开幕。", "2018-10-21"},
		{"no date at all", "社区学习共同体建设的拱墅实践\n拱墅区从2015年起探索。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fields.Read([]string{tt.text}, "").IssuedOn.Value; got != tt.want {
				t.Errorf("date of %q: got %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTitleTraps(t *testing.T) {
	const notice = "杭州市人民政府办公厅文件\n杭政办发〔2018〕12号\n杭州市人民政府办公厅关于推进学习型城市\n建设的实施意见\n各区、县(市)人民政府:\n为加快推进学习型城市建设,提出如下意见。\n杭州市人民政府办公厅\n2018年3月12日"
	const want = "杭州市人民政府办公厅关于推进学习型城市建设的实施意见"
	tests := []struct {
		name, text, embedded, want, source string
	}{
		{"not the masthead nor the 文号; wrapped lines joined", notice, "", want, fields.SourceTitleLine},
		{"Microsoft Word - … is no title", notice, "Microsoft Word - 杭政办发〔2018〕12号.doc", want, fields.SourceTitleLine},
		{"a file name is no title", notice, "杭政办发2018-12.docx", want, fields.SourceTitleLine},
		{"an ASCII name is no title", notice, "doc00012", want, fields.SourceTitleLine},
		{"a generic word is no title", notice, "通知", want, fields.SourceTitleLine},
		{"a masthead is no title", notice, "杭州市人民政府办公厅文件", want, fields.SourceTitleLine},
		{"a meaningful embedded title wins", notice, "关于推进学习型城市建设的实施意见(正式稿)", "关于推进学习型城市建设的实施意见(正式稿)", fields.SourceEmbedded},
		{"an HTML title loses its site name", notice, "杭州市人民政府办公厅关于推进学习型城市建设的实施意见_杭州市人民政府门户网站", want, fields.SourceEmbedded},
		{"a span of years is kept", "正文", "杭州市学习型城市建设三年行动计划(2018-2020年)", "杭州市学习型城市建设三年行动计划(2018-2020年)", fields.SourceEmbedded},
		{"the addressees are not the title", "关于做好各类学习型组织创建工作的通知\n各区教育局:\n现通知如下。", "", "关于做好各类学习型组织创建工作的通知", fields.SourceTitleLine},
		{"a title ending in a kind word inside 《》", "杭州市人民政府关于印发《杭州市社区教育规划》的通知\n各区:", "", "杭州市人民政府关于印发《杭州市社区教育规划》的通知", fields.SourceTitleLine},
		{"OCR noise above a photo's title is not joined to it", "杭教发〔2023〕5号\nFx sy\n关于推进学分银行建设的实施意见\n各区、县(市)教育局:\n为推进学分银行建设,提出如下意见。", "", "关于推进学分银行建设的实施意见", fields.SourceTitleLine},
		{"a Latin fragment with a stray mark above the title", "e Ne. ~\n杭州市教育局关于开展全民终身学习活动周的通知\n各区:\n正文。", "", "杭州市教育局关于开展全民终身学习活动周的通知", fields.SourceTitleLine},
		{"an acronym starting a wrapped title is kept", "MOOC\n学习平台建设实施方案\n正文。", "", "MOOC学习平台建设实施方案", fields.SourceTitleLine},
		{"a single Latin word starting a wrapped title is kept", "e-Learning\n社区教育平台建设实施方案\n正文。", "", "e-Learning社区教育平台建设实施方案", fields.SourceTitleLine},
		{"a brand name starting a wrapped title is kept", "iPad\n进课堂试点工作方案\n正文。", "", "iPad进课堂试点工作方案", fields.SourceTitleLine},
		{"a title with 5G wrapped after it is kept", "关于推进5G\n智慧社区教育建设的通知\n各区:\n正文。", "", "关于推进5G智慧社区教育建设的通知", fields.SourceTitleLine},
		{"a news headline credited to its paper", "杭州日报：我市第十八届全民终身学习活动周开幕\n10月20日,活动周在拱墅区开幕。", "", "我市第十八届全民终身学习活动周开幕", fields.SourceHead},
		{"a news headline credited to a news site", "浙江在线：全省社区教育工作会议在杭召开\n记者 李明\n会议总结了经验。", "", "全省社区教育工作会议在杭召开", fields.SourceHead},
		{"the addressees with a colon are no headline", "各区、县(市)教育局:\n现将有关事项通知如下。", "", "", ""},
		{"a report's headline", "我市举办全民终身学习活动周开幕式\n本报讯(记者 王丽)10月20日,活动周开幕。", "", "我市举办全民终身学习活动周开幕式", fields.SourceHead},
		{"OCR junk of a red masthead and a misread 文号 before the title", "y IAS ~\nTBA A BBO IPS T SCPE甬政办发(2018) 455宁波市人民政府办公厅关于推进学习型城市建设的实施意见各区县(市)人民政府,市直及部省属驻甬各单位:\n为深入贯彻党的十九大精神,现提出如下实施意见。", "", "宁波市人民政府办公厅关于推进学习型城市建设的实施意见", fields.SourceTitleLine},
		{"OCR's table border before the title", "| 关于推进社区教育和学分银行建设的实施意见 |\n各区、县(市)教育局:\n现提出如下意见。", "", "关于推进社区教育和学分银行建设的实施意见", fields.SourceTitleLine},
		{"OCR's border glyphs run into the title", "|丨关于推进社区教育和学分银行建设的实施意见丨\n各区教育局:\n正文。", "", "关于推进社区教育和学分银行建设的实施意见", fields.SourceTitleLine},
		{"a year before the issuing body is kept", "2019年宁波市教育局关于开展全民终身学习活动周的通知\n各区:\n正文。", "", "2019年宁波市教育局关于开展全民终身学习活动周的通知", fields.SourceTitleLine},
		{"a year before 关于 is kept", "2018年关于开展全民终身学习活动周的通知\n各区:\n正文。", "", "2018年关于开展全民终身学习活动周的通知", fields.SourceTitleLine},
		{"a CSV's header row is no headline", "区县 | 社区学校数 | 参与人次\n\n海曙区 | 36 | 12.3万人次\n\n江北区 | 22 | 6.1万人次", "", "", ""},
		{"a summary run into its body", "西湖区2017年学习型城区建设工作总结今年以来,我区工作取得新进展。", "", "西湖区2017年学习型城区建设工作总结", fields.SourceTitleLine},
		// A body sentence is no title: the file name stays.
		{"a report without a title line: no sentence cut inside 《》, no cover", reportHead, "", "", ""},
		{"a sentence cut inside ()", "市委市政府(关于建设学习型城市的决定)出台以来,全市新建社区学校36所。", "", "", ""},
		{"a sentence opening with 根据 is no headline", "根据《杭州市学习型城市建设三年行动计划》要求开展评估\n评估分三个阶段,历时两个月。", "", "", ""},
		{"a sentence opening with 为进一步 is no title", "为进一步推进学习型城市建设现提出如下意见\n一、总体要求:坚持政府推动。", "", "", ""},
		{"a bulletin keeps its issue", "学习型城市建设工作简报（第17期）\n本期导读：全市社区教育工作会议召开。", "", "学习型城市建设工作简报(第17期)", fields.SourceTitleLine},
		{"a bulletin keeps its running issue", "社区教育工作快报（总第120期）\n本期内容。", "", "社区教育工作快报(总第120期)", fields.SourceTitleLine},
		{"an announcement keeps its number", "宁波市人民政府公告（第3号）\n为推进学习型城市建设，现公告如下。", "", "宁波市人民政府公告(第3号)", fields.SourceTitleLine},
		{"a report of a series keeps its serial", "杭州市社区学校建设情况通报（编号B001）\n全市社区学校建设进展顺利。", "", "杭州市社区学校建设情况通报(编号B001)", fields.SourceTitleLine},
		{"a clause of the body ending in a kind word is no title", "宁波市2018年学习型城市建设工作材料（第17号）\n宁波市建立健全了工作推进制度，经费投入逐年增加。", "", "宁波市2018年学习型城市建设工作材料(第17号)", fields.SourceHead},
		{"a title with 《》 and a span of years under its 文号", "杭州市教育局文件\n杭教职成〔2011〕5号\n杭州市教育局关于印发《杭州市终身教育发展规划(2011-2015年)》的通知\n各区:", "", "杭州市教育局关于印发《杭州市终身教育发展规划(2011-2015年)》的通知", fields.SourceTitleLine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fields.Read([]string{tt.text}, tt.embedded).Title
			if got.Value != tt.want || got.Source != tt.source {
				t.Errorf("title: got %q from %s, want %q from %s", got.Value, got.Source, tt.want, tt.source)
			}
		})
	}
}

func TestIssuer(t *testing.T) {
	tests := []struct {
		name, text, want, source string
	}{
		{"masthead", "杭州市教育局文件\n杭教〔2019〕3号\n关于表彰先进的决定\n各单位:\n正文。", "杭州市教育局", fields.SourceMasthead},
		{"joint masthead", "杭州市教育局 杭州市财政局文件\n杭教计〔2018〕9号\n关于印发办法的通知\n各单位:\n正文。", "杭州市教育局、杭州市财政局", fields.SourceMasthead},
		{"start of the title", "宁波市教育局关于开展评选的通知\n各区县(市)教育局:\n正文。", "宁波市教育局", fields.SourceTitle},
		{"signature above the date", "2018年社区教育工作总结\n全年工作顺利。\n杭州市上城区教育局\n2019年1月8日", "杭州市上城区教育局", fields.SourceSignature},
		{"an attachment run into the signature", "关于公布名单的通知\n正文。附件:2018年杭州市学习型社区名单杭州市教育局2018年12月4日", "杭州市教育局", fields.SourceSignature},
		{"title of a scan behind OCR junk", "TBA A BBO SCPE甬政办发(2018) 455宁波市人民政府办公厅关于推进学习型城市建设的实施意见各区县(市)人民政府:\n正文。", "宁波市人民政府办公厅", fields.SourceTitle},
		{"a press report has none", "我市举办活动周开幕式\n本报讯 10月20日,活动周开幕。", "", ""},
		{"a report's cover: two bodies above the date", reportHead, "中国成人教育协会、北京教育科学研究院", fields.SourceSignature},
		{"a national body's branch is one body", "2018年工作总结\n全年工作顺利。\n中国成人教育协会北京分会\n2019年1月8日", "中国成人教育协会北京分会", fields.SourceSignature},
		{"a signature joined after the last sentence", "2018年社区教育工作总结\n全年工作顺利。杭州市上城区教育局2019年1月8日", "杭州市上城区教育局", fields.SourceSignature},
		{"a body whose name holds a kind of document (计划) is not cut there", "2018年卫生健康教育工作总结\n全年工作顺利。\n杭州市卫生和计划生育委员会\n2019年1月8日", "杭州市卫生和计划生育委员会", fields.SourceSignature},
		{"a clause of the body before the name is cut off", "2018年社区教育工作总结\n全年组织活动120场,参与市民3万人次,西湖区教育局\n2019年1月8日", "西湖区教育局", fields.SourceSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fields.Read([]string{tt.text}, "").Issuer
			if got.Value != tt.want || got.Source != tt.source {
				t.Errorf("issuer: got %q from %q, want %q from %q", got.Value, got.Source, tt.want, tt.source)
			}
		})
	}
}
