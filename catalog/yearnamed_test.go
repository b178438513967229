package catalog

import "testing"

func TestYearNamed(t *testing.T) {
	tests := []struct {
		texts []string
		want  int
	}{
		{[]string{"2018年统计数据", "2018年统计数据.xlsx"}, 2018},
		{[]string{"杭州市2019年度社区教育工作总结"}, 2019},
		{[]string{"杭政办〔2018〕12号"}, 2018},
		{[]string{"统计数据", "2017年统计数据.xlsx"}, 2017},
		{[]string{"2017—2018年学习型城市建设情况"}, 0},         // two years
		{[]string{"2018年工作总结", "2019年工作总结.docx"}, 0}, // title and name disagree
		{[]string{"联系电话 0571-20181234"}, 0},
		{[]string{"IMG_2018.jpg"}, 0}, // not written as a year
		{[]string{"社区教育统计"}, 0},
		{[]string{"12018年"}, 0},
		{[]string{"杭州市二〇一八年度学习型城市建设工作报告"}, 2018},
		{[]string{"杭州市二零一八年度学习型城市建设工作报告"}, 2018},
		{[]string{"杭州市二○一八年学习型城市建设工作总结"}, 2018},
		{[]string{"一九九九年社区教育统计"}, 1999},
		{[]string{"二〇一七—二〇一八年学习型城市建设情况"}, 0}, // two years
		{[]string{"二〇一八年工作总结", "2019年工作总结.docx"}, 0},
		{[]string{"十二五规划"}, 0},
	}
	for _, tt := range tests {
		if got := YearNamed(tt.texts...); got != tt.want {
			t.Errorf("YearNamed(%q) = %d, want %d", tt.texts, got, tt.want)
		}
	}
}

func TestRoundNamedIn(t *testing.T) {
	round := []string{FieldRound}
	tests := []struct {
		d    Document
		want string
	}{
		{Document{Title: "2018年统计数据", Filename: "2018年统计数据.xlsx", Round: "2018", ExtractedFields: round}, "title"},
		{Document{Title: "社区学校情况", Filename: "2018年统计数据.xlsx", Round: "2018", ExtractedFields: round}, "filename"},
		{Document{Title: "2018年统计数据", Round: "2018"}, ""}, // typed
		{Document{Title: "2018年统计数据", Round: "2018", IssuedOn: "2018-03-20", ExtractedFields: round}, ""},
		{Document{Title: "2016年统计数据", Round: "2019", ExtractedFields: round}, ""},
		{Document{Title: "杭州市2017年学习型城市建设工作总结", Round: "2017", IssuedOn: "2018-03-20", ExtractedFields: round}, "report_title"},
		{Document{Title: "杭州市2017年学习型城市建设工作总结", Round: "2018", IssuedOn: "2018-03-20", ExtractedFields: round}, ""},
		{Document{Title: "杭州市2017年学习型城市建设工作总结", Round: "2017", IssuedOn: "2018-03-20"}, ""}, // typed
	}
	for _, tt := range tests {
		if got := RoundNamedIn(&tt.d); got != tt.want {
			t.Errorf("RoundNamedIn(%q, %q, round %s) = %q, want %q", tt.d.Title, tt.d.Filename, tt.d.Round, got, tt.want)
		}
	}
}

// TestReportYear: only a title that is a year's own summary or report,
// dated the year after, is taken for that year (s28 D11).
func TestReportYear(t *testing.T) {
	tests := []struct {
		title, issuedOn string
		want            int
	}{
		{"杭州市2017年学习型城市建设工作总结", "2018-03-20", 2017},
		{"杭州市2017年度学习型城市建设年度报告", "2018-01-15", 2017},
		{"2017年杭州市社区教育统计", "2018-02", 2017},
		{"杭州市2017年学习型城市建设工作总结。", "2018-03-20", 2017},
		{"杭州市二〇一八年度学习型城市建设工作报告", "2019-01-20", 2018},
		{"杭州市二零一八年度学习型城市建设工作报告", "2019-01-20", 2018},
		{"杭州市二〇一八年度学习型城市建设工作报告", "2018-12-20", 0},
		{"杭州市2017年学习型城市建设工作总结", "2017-12-28", 0},        // dated in its year
		{"杭州市2017年学习型城市建设工作总结", "2019-03-20", 0},        // two years on
		{"关于2017年全民终身学习活动周的通知", "2018-03-20", 0},        // a notice
		{"关于印发杭州市2017年学习型城市建设工作总结的通知", "2018-03-20", 0}, // sends one
		{"杭州市2016—2017年学习型城市建设工作总结", "2018-03-20", 0},   // two years
		{"杭州市教育局关于2017年全民终身学习活动周总结", "2018-03-20", 0},   // a notice read short
		{"杭州市学习型城市建设工作总结", "2018-03-20", 0},             // no year
		{"杭州市2017年学习型城市建设工作总结", "", 0},                  // no date
	}
	for _, tt := range tests {
		if got := ReportYear(tt.title, tt.issuedOn); got != tt.want {
			t.Errorf("ReportYear(%q, %q) = %d, want %d", tt.title, tt.issuedOn, got, tt.want)
		}
	}
}

// TestYearNamedWithoutRound: the year a name points to is told when the
// document went elsewhere for want of that round (s28 D11).
func TestYearNamedWithoutRound(t *testing.T) {
	round := []string{FieldRound}
	tests := []struct {
		d    Document
		want int
	}{
		{Document{Title: "统计数据（2016年）", Round: "2018", ExtractedFields: round}, 2016},
		{Document{Title: "社区学校情况", Filename: "2016年统计数据.xlsx", Round: "2018", ExtractedFields: round}, 2016},
		{Document{Title: "2017年统计数据", Round: "2017", ExtractedFields: round}, 0},
		{Document{Title: "统计数据（2016年）", Round: "2018"}, 0}, // typed
		{Document{Title: "杭州市2016年学习型城市建设工作总结", IssuedOn: "2017-03-20", Round: "2017", ExtractedFields: round}, 2016},
		{Document{Title: "杭州市2017年学习型城市建设工作总结", IssuedOn: "2018-03-20", Round: "2017", ExtractedFields: round}, 0},
		{Document{Title: "关于2016年活动周的通知", IssuedOn: "2017-03-20", Round: "2017", ExtractedFields: round}, 0},
	}
	for _, tt := range tests {
		if got := YearNamedWithoutRound(&tt.d); got != tt.want {
			t.Errorf("YearNamedWithoutRound(%q, %q, %s, round %s) = %d, want %d", tt.d.Title, tt.d.Filename, tt.d.IssuedOn, tt.d.Round, got, tt.want)
		}
	}
}
