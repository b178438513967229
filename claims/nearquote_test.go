package claims

import "testing"

func TestFindNearQuote(t *testing.T) {
	const page = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。\n全市建成社区学校190所，成宋显著。"
	tests := []struct {
		name, quote string
		found       bool
		read        string
	}{
		{"其 read as 甚", "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行", true, "甚"},
		{"two misread", "凡课时达到规定要求的，其学习成就均可存入", true, "甚果"},
		{"three differ", "凡课时达到规定要求的，其学习成就均可存进", false, ""},
		{"a number differs", "全市建成社区学校180所，成果显著", false, ""},
		{"too short to judge", "成果显著", false, ""},
		{"quote of other words", "全市社区教育经费投入增长百分之十五以上", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := FindNearQuote(page, tt.quote)
			if ok != tt.found || m.Read != tt.read {
				t.Fatalf("FindNearQuote(%q) = %+v, %v; want found %v reading %q", tt.quote, m, ok, tt.found, tt.read)
			}
			if ok && page[m.Start:m.End] == "" {
				t.Errorf("empty passage for %q", tt.quote)
			}
		})
	}
}
