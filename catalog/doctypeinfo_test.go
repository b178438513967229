package catalog

import "testing"

// TestDocTypeOfInfo: the kind a task's form starts at is the one its
// indicator's 信息性质说明 names first, by the word its item ends in.
func TestDocTypeOfInfo(t *testing.T) {
	for info, want := range map[string]DocType{
		"政策文件（文号、发布日期、发文机关）": DocPolicy,
		"地方性法规文本及人大公告":       DocPolicy,
		"统计年鉴":               DocStatistics,
		"人社、统计部门数据":          DocStatistics,
		"监测方案、统计制度、监测报告":     DocPolicy,
		"老年教育统计":             DocStatistics,
		"表彰通报、名单":            DocHonor,
		"新闻报道原文、媒体名称与日期":     DocPressReport,
		"培育方案、名录、典型案例":       DocPolicy,
		"行动计划、活动总结":          DocPolicy,
		"名录、典型案例":            DocCase,
		"妇联等部门方案与总结":         DocPolicy,
		"活动记录、工作总结":          DocWorkSummary,
		"财政预算文件、决算数据":        DocStatistics,
		"获奖名单文件":             DocHonor,
		"统计数据文件":             DocStatistics,
		"成立文件、成员名单":          DocPolicy,
		"会议通知、签到表":           DocMeetingNotice,
		"平台介绍、访问统计":          DocStatistics,
	} {
		if got, ok := DocTypeOfInfo(info); !ok || got != want {
			t.Errorf("DocTypeOfInfo(%q) = %q, %v; want %q", info, got, ok, want)
		}
	}
	// A bare 通知 is no 会议通知.
	for _, info := range []string{"", "报送记录", "报送通知"} {
		if got, ok := DocTypeOfInfo(info); ok {
			t.Errorf("DocTypeOfInfo(%q) = %q, want none", info, got)
		}
	}
}
