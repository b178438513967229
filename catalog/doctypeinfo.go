package catalog

import "strings"

// docTypeWords are the words of a 信息性质说明 (Indicator.Info) that name a
// kind of document: 政策文件、认定文件、地方性法规 and a government's
// 方案、计划、意见、办法 are policies, 统计年鉴、人社部门数据 and 财政预算
// statistics, 表彰通报 and 获奖证书 honours. A bare 通知 names no kind (数据报送
// 通知 is no 会议通知), and 文件 is looked at only when nothing else in the
// item names a kind (获奖名单文件 is an honour, 统计数据文件 statistics).
var docTypeWords = []struct {
	word string
	t    DocType
}{
	{"政策文件", DocPolicy}, {"法规", DocPolicy}, {"条例", DocPolicy}, {"制度", DocPolicy}, {"规划", DocPolicy},
	{"方案", DocPolicy}, {"计划", DocPolicy}, {"意见", DocPolicy}, {"办法", DocPolicy},
	{"统计", DocStatistics}, {"年鉴", DocStatistics}, {"数据", DocStatistics}, {"预算", DocStatistics}, {"决算", DocStatistics},
	{"新闻报道", DocPressReport}, {"报道", DocPressReport},
	{"表彰", DocHonor}, {"获奖", DocHonor}, {"证书", DocHonor},
	{"典型案例", DocCase}, {"案例", DocCase},
	{"总结", DocWorkSummary},
	{"会议通知", DocMeetingNotice},
}

// DocTypeOfInfo is the kind of document an indicator's 信息性质说明 asks
// for first, for a hand-in form's default: the first of its items
// (政策文件（文号、发布日期、发文机关）, 人社、统计部门数据) that names one,
// by the word that ends it (统计制度 is a 制度, 老年教育统计 statistics),
// else by 文件 (成立文件 is a policy); ok is false when none does (报送记录)
// or info is empty.
func DocTypeOfInfo(info string) (t DocType, ok bool) {
	// What a parenthesis lists is the document's details, not its kind.
	for _, open := range []string{"\uFF08", "("} {
		if before, _, found := strings.Cut(info, open); found {
			info = before
		}
	}
	items := strings.FieldsFunc(info, func(r rune) bool { return strings.ContainsRune("、，,；;/或及和与", r) })
	for _, item := range items {
		end := -1
		for _, w := range docTypeWords {
			if i := strings.LastIndex(item, w.word); i >= 0 && i+len(w.word) > end {
				t, end = w.t, i+len(w.word)
			}
		}
		if end >= 0 {
			return t, true
		}
		if strings.Contains(item, "文件") {
			return DocPolicy, true
		}
	}
	return "", false
}
