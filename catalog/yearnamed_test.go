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
	}
	for _, tt := range tests {
		if got := RoundNamedIn(&tt.d); got != tt.want {
			t.Errorf("RoundNamedIn(%q, %q, round %s) = %q, want %q", tt.d.Title, tt.d.Filename, tt.d.Round, got, tt.want)
		}
	}
}
