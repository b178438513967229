package values_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/values"
)

// TestNumbersReadAsSearched: the numbers the index finds as values are
// read so here (internal/numread): a vague number (几十万, 数十万人次, 几百所,
// 数千名) is a rough one, from two of its place up to but not ten (几十 is
// 20 to 99: 十几 is 11 to 19), and the 数 of 人数 is a count's (人数十万 is
// 100000); a number broken by a PDF's line wrap (12\n000人) is read joined
// and group by group, as one parted by a thousands space (1 200人,
// 1\u2009200人), and one whose 万 went onto the next line (3.2\n万人) is
// 3.2万.
func TestNumbersReadAsSearched(t *testing.T) {
	tests := []struct {
		text string
		want []string // text: least (> for exclusive) up to upper, or text=value; (spaced) when read from spaced digits
	}{
		{"全市几十万市民参与。", []string{"几十万:200000-1e+06"}},
		{"服务数十万人次。", []string{"数十万:200000-1e+06"}},
		{"建成几百所社区学校。", []string{"几百:200-1000"}},
		{"数千名志愿者参与。", []string{"数千:2000-10000"}},
		{"几十所学校。", []string{"几十:20-100"}},
		{"参与学习人数十万人次。", []string{"十万=100000"}},
		{"建成社区学校三十多所。", []string{"三十多:31-40"}},
		{"新招学员300多名。", []string{"300多:>300-400"}},
		{"新招学员1 200人。", []string{"1 200=1200 (spaced)", "1=1 (spaced)", "200=200 (spaced)"}},
		{"新招学员1\u2009200人。", []string{"1\u2009200=1200 (spaced)", "1=1 (spaced)", "200=200 (spaced)"}},
		{"培训市民12\n000人。", []string{"12\n000=12000 (spaced)", "12=12 (spaced)", "000=0 (spaced)"}},
		{"经费3.2\n万元。", []string{"3.2\n万=32000"}},
		// A label's number is no thousands (表1), nor a year's line.
		{"见表1\n200人。", []string{"1=1", "200=200"}},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range values.FindNumbers(tt.text) {
			s := fmt.Sprintf("%s=%v", n.Text, n.Value)
			if n.Approx {
				gt := ""
				if n.Exclusive {
					gt = ">"
				}
				s = fmt.Sprintf("%s:%s%v-%v", n.Text, gt, n.Value, n.Upper)
			}
			if n.Spaced != "" {
				s += " (spaced)"
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("FindNumbers(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
