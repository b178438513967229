package zh

import (
	"slices"
	"strings"
	"testing"
)

func TestValues(t *testing.T) {
	tests := []struct {
		text string
		want []string // each number as written = its value
	}{
		{"培训12000人次,经费12,000元", []string{"12000=12000", "12,000=12000"}},
		{"线上学习1.2万人,注册1.20万个", []string{"1.2万=12000", "1.20万=12000"}},
		{"生产总值1.2万亿元,人口12000万人", []string{"1.2万亿=1200000000000", "12000万=120000000"}},
		{"全年培训一万二千人,1万2千人次", []string{"一万二千=12000", "1万2千=12000"}},
		// At the end of a clause too, but no lone 十, share or code.
		{"参与人数达一万二千。共两万", []string{"一万二千=12000", "两万=20000"}},
		// A percentage's value is its number and sign (82% finds 百分之
		// 八十二); its number alone is none.
		{"满分为十。百分之七十二,二十A", []string{"百分之七十二=72%"}},
		{"占比3.5%,共0.5万人", []string{"3.5%=3.5%", "0.5万=5000"}},
		{"比例82％,覆盖率百分之三十二点五,百分之五,百分之三十多", []string{"82％=82%", "百分之三十二点五=32.5%", "百分之五=5%"}},
		// No value: years, codes, serials, leading zeros, lists, versions.
		{"2023年,2021-2025年,二〇二四年", nil},
		{"通过ISO9001认证,5A级景区", nil},
		{"第12期,区号0574", nil},
		{"第1,2项,版本1.2.3", nil},
		{"共" + strings.Repeat("9", 100) + "人", nil},
		// No value: labels in Chinese numerals, headings and congresses.
		{"十二、工作措施", nil},
		{"（十二）保障措施", nil},
		{"(十二)保障", nil},
		{"十二．附则", nil},
		{"学习党的二十大精神", nil},
		{"十九届四中全会", nil},
		// Four digits before a unit but 年 are a count, no year.
		{"共2000人,投入1998元,2050名", []string{"2000=2000", "1998=1998", "2050=2050"}},
		{"2023。2023年", nil},
		// A rough number with its 万 after 多, 余 or 几 holds no value:
		// the 十 of 十多万 is not 10, nor the 300 of 300多万 300.
		{"参与市民十多万人,学员十余万人,投入300多万元,二十几万人次", nil},
		// Nor without a 万 after it: 三十多所 is 31 to 39, as values
		// reads it (TestValuesReadAsValuesDoes).
		{"建成社区学校三十多所,学员一万多人,300余名", nil},
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

func TestBareValue(t *testing.T) {
	tests := []struct {
		word, want string // "" when the word is no bare number
	}{
		{"12000", "12000"},
		{"12,000", "12000"},
		{"1.2万", "12000"},
		{"一万二千", "12000"},
		{"两千零二十三", "2023"},
		{"0.5", "0.5"},
		{"2023", ""},
		{"12000人", ""},
		{"十", ""},
		{"万一", ""},
		{"二〇二三", ""},
		{"ISO9001", ""},
	}
	for _, tt := range tests {
		got, ok := BareValue(tt.word)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("BareValue(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
}

func TestUnitNotNext(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"12000人", "次"},
		{"1.2万人", "次"},
		{"一万二千人", "次"},
		{"12000余人", "次"},
		{"120户", "次"},
		{"342场", ""}, // 342场次 is 342场
		{"12课", "时"},
		{"1.2万", "亿"},
		{"12000人次", ""},
		{"12000元", ""},
		{"老年人", ""},
		{"个人", ""},
	}
	for _, tt := range tests {
		if got := UnitNotNext(tt.word); got != tt.want {
			t.Errorf("UnitNotNext(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestBigramsValueTokens: the n-gram tokens of a text hold each number's
// value once, spanning the number as written.
func TestBigramsValueTokens(t *testing.T) {
	text := "全年培训1.2万人,12000人次 5 一万二千人"
	var got []string
	for _, tok := range Bigrams([]byte(text), false) {
		if strings.HasPrefix(string(tok.Term), "#=") {
			got = append(got, text[tok.Start:tok.End]+string(tok.Term))
		}
	}
	want := []string{"1.2万#=12000", "12000#=12000", "5#=5", "一万二千#=12000"}
	if !slices.Equal(got, want) {
		t.Errorf("value tokens of %q = %q, want %q", text, got, want)
	}
	for _, tok := range Bigrams([]byte("12000"), true) {
		if strings.HasPrefix(string(tok.Term), "#") {
			t.Errorf("a query word has the token %q", tok.Term)
		}
	}
}
