package zh

import (
	"slices"
	"strings"
	"testing"
)

func TestParseChineseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when it is no number here
	}{
		{"一万二千", "12000"},
		{"一万两千", "12000"},
		{"两万", "20000"},
		{"十二万", "120000"},
		{"十二", "12"},
		{"二十", "20"},
		{"一百零五", "105"},
		{"一千〇五", "1005"},
		{"一万零五百", "10500"},
		{"一百二十万", "1200000"},
		{"三亿五千万", "350000000"},
		{"一万亿", "1000000000000"},
		{"1万2千", "12000"},
		{"3千", "3000"},
		{"1.5千", "1500"},
		{"一点二万", "12000"},
		{"一点二五万", "12500"},
		{"三点五", "3.5"},
		{"壹万贰仟", "12000"},
		// Not a count: digit by digit, Arabic with 万 alone, numerals
		// that read as no one number, a multiplier with no digit.
		{"二〇二四", ""},
		{"一二", ""},
		{"1.2万", ""},
		{"12万", ""},
		{"12000", ""},
		{"三四十", ""},
		{"十三五", ""},
		{"万一", ""},
		{"一万万", ""},
		{"一亿亿", ""},
		{"一万亿亿", ""},
		{"九千九百九十九万亿", "9999000000000000"},
		{"一千万亿亿", ""},
		{"一万亿一万亿", ""},                // 21 digits
		{"一二三四五六七八九十一二三四五六七八九十一", ""}, // longer than a count
		{"百", ""},
		{"千万", ""},
		{"十百", ""},
		{"一", ""},
	}
	for _, tt := range tests {
		got, ok := ParseChineseNumber(tt.in)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("ParseChineseNumber(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestChineseCounts(t *testing.T) {
	tests := []struct {
		text string
		want []string // each count's numerals, number and unit: 一万二千=12000人
	}{
		{"全年培训一万二千人,投入两万元。", []string{"一万二千=12000人", "两万=20000元"}},
		{"参加学习十二万人次", []string{"十二万=120000人"}},
		{"培训1万2千余人", []string{"1万2千=12000余"}},
		{"二十多万人参加", []string{"二十=20多"}},
		// A year, a span of years, a serial, a bare number, Arabic digits
		// with 万, numerals inside words, a multiplier alone.
		{"二〇二四年培训", nil},
		{"实施十二年义务教育", nil},
		{"第一百二十期", nil},
		{"共计一万二千,", nil},
		{"培训1.2万人", nil},
		{"“十三五”期间,一带一路", nil},
		{"百姓千人计划万人", nil},
		{"第1,2千人", nil},
		{"A3千人", nil},
		{"一亿亿人", nil},
		// Financial numerals inside words next to common ones.
		{"教师队伍十万人", []string{"十万=100000人"}},
		{"登陆十万次", []string{"十万=100000次"}},
		{"志愿者队伍十二支", []string{"十二=12支"}},
		{"十二伍人", nil},
		// Common words: 十分, counts that are no one number.
		{"各级领导十分重视", nil},
		{"干劲十足", nil},
		{"满分十分", nil},
		{"几十万人参加", nil},
		{"数十万人参加", nil},
		{"数十人参加", nil},
		{"共十人参加,十多个社区", []string{"十=10人", "十=10多"}},
		// After a comma (folded from ，) that follows no digit: a count.
		{"全年,一万二千人.两万元", []string{"一万二千=12000人", "两万=20000元"}},
		{"近十万人参加", []string{"十万=100000人"}},
		{"经费壹万零伍佰元", []string{"壹万零伍佰=10500元"}},
		{"共" + strings.Repeat("一", 21) + "十人", nil},
	}
	for _, tt := range tests {
		rs := []rune(tt.text)
		var got []string
		for _, c := range ChineseCounts(rs) {
			got = append(got, string(rs[c.Start:c.End])+"="+c.Number+string(rs[c.End]))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ChineseCounts(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A crafted run of numerals (一亿亿…亿人, 111…1千人) is no count, and
// reading it costs no more than a short one: counted in allocations,
// which grew with the run's length (a big number multiplied by each 亿,
// one 500 KB token).
func TestChineseCountsLongRun(t *testing.T) {
	tests := []string{
		"一" + strings.Repeat("亿", 100000) + "人",
		strings.Repeat("1", 499990) + "千人",
		strings.Repeat("一万", 50000) + "人",
	}
	for _, text := range tests {
		rs := []rune("培训" + text + ",投入两万元")
		var got []string
		for _, c := range ChineseCounts(rs) {
			got = append(got, c.Number+string(rs[c.End]))
		}
		if want := []string{"20000元"}; !slices.Equal(got, want) {
			t.Errorf("ChineseCounts(%.10q…) = %q, want %q", text, got, want)
		}
		if allocs := testing.AllocsPerRun(2, func() { ChineseCounts(rs) }); allocs > 50 {
			t.Errorf("ChineseCounts(%.10q…): %v allocations, want at most 50", text, allocs)
		}
		ft := []byte(string(rs))
		for _, tok := range Bigrams(ft, false) {
			if len(tok.Term) > 64 {
				t.Errorf("Bigrams(%.10q…) has a token of %d bytes", text, len(tok.Term))
				break
			}
		}
	}
}

// BenchmarkChineseCounts reads counts in a report-sized text of ordinary
// sentences and in the crafted runs TestChineseCountsLongRun bounds.
func BenchmarkChineseCounts(b *testing.B) {
	for name, text := range map[string]string{
		"report": strings.Repeat("全年培训一万二千人,投入经费两万元,各级领导十分重视,参加学习十二万人次。", 5000),
		"yi":     "一" + strings.Repeat("亿", 100000) + "人",
		"digits": strings.Repeat("1", 499990) + "千人",
	} {
		rs := []rune(text)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				ChineseCounts(rs)
			}
		})
	}
}
