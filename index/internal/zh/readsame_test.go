package zh

import (
	"slices"
	"testing"
)

// TestValuesReadAsValuesDoes: the index holds a value for a number only
// where the values package reads that exact value (internal/numread): a
// rough number (三十多所 is 31 to 39, 300余名 more than 300, 一万多人, 30%多,
// 近十万人: nearly, by how much unsaid; 几十万, 数十万, 几百: some) holds
// none, so that a bare 30 does not find 三十多所 (三十 still finds it as
// text); digits parted by a thousands space or a line break (1 200人,
// 1\u2009200人 as stored, 12\n000人 from a PDF's line wrap) hold the joined
// value besides each group's, as values reads them both ways; and the
// 数 of 人数 is a count's, not the vague 数 of 数十万.
func TestValuesReadAsValuesDoes(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"建成社区学校三十多所，30多所", nil},
		{"新招学员300余名，老年大学学员一万多人", nil},
		{"占比30%多的市民参与", nil},
		{"近十万人参与，将近3000人参加培训", nil},
		// A figure a word bounds or approximates is a 约数 (numread.Qualified),
		// before it or after it or its measure word.
		{"参训人数约3000人，大约三千人", nil},
		{"参训人数突破3000人，超过3000人，逾3000人，不少于3000人，至少三千人", nil},
		{"参训人数3000人以上，3000人左右，三百所以上，5000人次左右", nil},
		{"成人年参与学习率约60%，60%以上，约百分之六十，百分之六十左右", nil},
		// 节约 and 签约 hold no 约: the figure stays exact.
		{"节约经费3000元，签约10家", []string{"3000=3000", "10=10"}},
		{"几十万市民，数十万人次，几百所学校，数千名志愿者", nil},
		{"新招学员1 200人", []string{"1 200=1200", "1=1", "200=200"}},
		{"培训市民12\n000人", []string{"12\n000=12000", "12=12"}},
		{"参与学习人数十万人次", []string{"十万=100000"}},
		// Still exact: 附近 is no 近, 百分之三十多数 is 30% (most of whom),
		// and 表1 is a label, no thousands.
		{"附近3所学校，最近十万人参与", []string{"3=3", "十万=100000"}},
		{"占比百分之三十多数是老年人", []string{"百分之三十=30%"}},
		{"表1 200人", []string{"1=1", "200=200"}},
		{"投入经费1 234 567元", []string{"1 234 567=1234567", "1=1", "234=234", "567=567"}},
	}
	for _, tt := range tests {
		rs := []rune(tt.text)
		var got []string
		for _, v := range Values(rs) {
			got = append(got, string(rs[v.Start:v.End])+"="+v.Number)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Values(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
