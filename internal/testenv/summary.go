package testenv

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// WorkSummary is a city's 工作总结 for a monitoring round, some 1,550
// characters, and SummaryPassage its first 1,500 characters of text as a
// reviewer pastes them into the search box to find where a 定性描述 comes
// from: percent-encoded in an address they are some 13.5 KB, more than a
// default nginx takes (414).
const WorkSummary = "宁波市2018年学习型城市建设工作总结\n" +
	"2018年，在市委、市政府的坚强领导下，全市上下深入贯彻党的十九大精神，紧紧围绕建设“名城名都”的总体目标，以满足市民多样化学习需求为导向，以完善终身教育体系为重点，扎实推进全国学习型城市建设，各项工作取得了明显成效。现将一年来的主要工作总结如下。\n" +
	"一、健全工作机制，强化组织保障。市学习型城市建设领导小组全年召开全体会议两次、专题协调会四次，研究解决社区教育经费保障、老年教育扩容、学分银行建设等重点问题。各区县（市）均成立了由政府分管领导任组长的领导小组，明确教育、人社、文化、民政、总工会等二十三个成员单位的工作职责，形成了党委领导、政府统筹、部门协同、社会参与的工作格局。市政府将学习型城市建设纳入对各区县（市）年度目标责任制考核，考核权重由百分之二提高到百分之三。全年市、区两级财政投入社区教育经费一点六二亿元，按常住人口人均达到四点三元，较上年增长百分之十二。\n" +
	"二、完善四级网络，夯实学习阵地。按照“市有社区大学、区有社区学院、街道有社区学校、村社有教学点”的布局，全市已建成社区大学一所、社区学院十所、社区学校一百五十六所、村（社区）教学点二千三百余个，四级社区教育网络实现全覆盖。新评定省级现代化成人学校十八所、市级标准化社区学校二十六所。依托图书馆、文化馆、博物馆、科技馆等公共文化设施，新建市民学习体验基地四十二个，累计达到一百八十个，其中十个基地被评为省级终身学习体验基地。推进“十五分钟学习圈”建设，在海曙、江北、鄞州三个区开展试点，市民在家门口即可参加各类学习活动。\n" +
	"三、丰富学习资源，创新学习方式。宁波终身学习网全年新增优质数字化课程六百二十门，注册学员突破九十八万人，全年访问量达一千二百万人次。开发“甬学通”移动学习平台，实现课程点播、活动报名、学分查询一站式服务。组织编写社区教育特色教材三十五种，其中《宁波帮文化读本》《海丝文化与港城记忆》等十二种教材被评为省级优秀乡土教材。全年开展各类社区教育培训一万四千余期，参训市民达一百二十六万人次，其中老年人参训四十一万人次，新型职业农民培训三点二万人次，外来务工人员学历与技能提升培训五点六万人次。\n" +
	"四、推进学分银行，搭建成长立交桥。出台《宁波市终身学习学分银行管理办法（试行）》，建立学习成果认定、积累与转换制度。市民终身学习账户开户人数达到三十二万，累计存入学分一百零八万分。宁波广播电视大学、宁波职业技术学院与十六所社区学院签订学分互认协议，首批二千一百名学员完成学分转换。将企业职工培训证书、职业技能等级证书纳入学分认定范围，打通了职业教育、成人教育与社区教育之间的通道。\n" +
	"五、打造品牌项目，营造学习氛围。成功举办2018年全民终身学习活动周，开幕式在天一广场举行，全市同步开展读书会、技能展示、非遗体验等活动一千六百余场，直接参与市民逾五十万人次。评选表彰百姓学习之星一百名、终身学习品牌项目三十个，其中三人入选全国百姓学习之星，两个项目入选全国终身学习品牌项目。培育社区学习共同体三百八十个，涵盖书画、摄影、合唱、太极、家庭教育等类别，带动一万余名居民自主学习、互助学习。\n" +
	"六、存在的问题与下一步打算。对照全国学习型城市建设监测指标，我市仍存在城乡之间学习资源配置不够均衡、农村社区教育师资力量相对薄弱、学习成果认证的社会认可度有待提高等问题。2019年，我们将重点做好以下工作：一是制定《宁波市终身教育促进条例》立法调研报告，推动终身教育地方立法；二是实施社区教育师资提升工程，培训专兼职教师二千名；三是扩大学分银行覆盖面，力争开户人数突破五十万；四是深化“十五分钟学习圈”建设，在全市推广试点经验；五是加强与国际学习型城市网络的交流合作，讲好宁波终身学习故事。\n" +
	"宁波市教育局\n" +
	"2019年1月15日\n"

// SummaryPassage is the first 1,500 characters of WorkSummary's text
// (after its title line).
var SummaryPassage = string([]rune(WorkSummary)[len([]rune("宁波市2018年学习型城市建设工作总结\n")):][:1500])

// DistrictSummaries are n districts' summaries, each WorkSummary's text
// under its own title with a list of its own of 300 recommended 百姓学习之星
// (names drawn by a generator seeded with the district's number): every
// one holds SummaryPassage, and no two are near duplicates (their
// Jaccard similarity is about 0.5), so a search of the passage lists
// them all, one group each, over more than one page.
func DistrictSummaries(n int) []string {
	const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
	const given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉萍红华建国志永春海燕云飞鹏辉鑫"
	sn, gv := []rune(surnames), []rune(given)
	body := strings.SplitN(WorkSummary, "\n", 2)[1]
	out := make([]string, n)
	for i := range out {
		rng := rand.New(rand.NewPCG(uint64(i+1), 41))
		var names strings.Builder
		for j := range 300 {
			if j > 0 {
				names.WriteString("、")
			}
			names.WriteRune(sn[rng.IntN(len(sn))])
			names.WriteRune(gv[rng.IntN(len(gv))])
			names.WriteRune(gv[rng.IntN(len(gv))])
		}
		out[i] = fmt.Sprintf("宁波市第%d片区2018年学习型城市建设工作总结\n%s\n附件：百姓学习之星推荐人选名单\n%s。\n", i+1, body, names.String())
	}
	return out
}
