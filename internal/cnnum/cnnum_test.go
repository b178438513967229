package cnnum

import (
	"strings"
	"testing"
)

func TestValue(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when it reads as no number
	}{
		{"一万二千", "12000"},
		{"一万两千", "12000"},
		{"一萬兩千", "12000"},
		{"十二", "12"},
		{"一百零五", "105"},
		{"一千〇五", "1005"},
		{"三亿五千万", "350000000"},
		{"一万亿", "1000000000000"},
		{"1万2千", "12000"},
		{"1.5千", "1500"},
		{"一点二万", "12000"},
		{"三点五", "7/2"},
		{"零点零七万", "700"},
		{"壹万贰仟", "12000"},
		{"壹万零伍佰", "10500"},
		{"九千九百九十九万亿", "9999000000000000"},
		// No one number.
		{"三四十", ""},
		{"伍一千", ""},
		{"万一", ""},
		{"一万万", ""},
		{"一亿亿", ""},
		{"百二十", ""},
		{"一万亿一万亿", ""},                 // over MaxDigits
		{strings.Repeat("一十", 11), ""}, // over MaxRunes
	}
	for _, tt := range tests {
		got := ""
		if v, ok := Value([]rune(tt.in)); ok {
			got = v.RatString()
		}
		if got != tt.want {
			t.Errorf("Value(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestValueOfALongRun: a crafted run of numerals reads as no number at
// a cost that does not grow with it (counted in allocations: a big
// number multiplied by each 亿 made a run of 100000 take minutes).
func TestValueOfALongRun(t *testing.T) {
	rs := []rune("一" + strings.Repeat("亿", 100000))
	if v, ok := Value(rs); ok {
		t.Errorf("Value(一亿…亿) = %v, want no number", v)
	}
	if allocs := testing.AllocsPerRun(3, func() { Value(rs) }); allocs > 10 {
		t.Errorf("Value(一亿…亿): %v allocations, want at most 10", allocs)
	}
}

func TestLastFinancial(t *testing.T) {
	tests := []struct {
		run  string
		want int
	}{
		{"伍十二", 0}, // 队伍十二支
		{"陆十万", 0}, // 登陆十万次
		{"十二伍", 2},
		{"壹万零伍佰", -1}, // wholly financial
		{"一万二千", -1},  // none
		{"伍1万", 0},
	}
	for _, tt := range tests {
		if got := LastFinancial([]rune(tt.run)); got != tt.want {
			t.Errorf("LastFinancial(%q) = %d, want %d", tt.run, got, tt.want)
		}
	}
}

func TestIsNumeral(t *testing.T) {
	for _, r := range "〇零一二两兩三九十百千万亿壹贰玖拾佰仟萬億" {
		if !IsNumeral(r) {
			t.Errorf("IsNumeral(%q) = false", r)
		}
	}
	for r := range digitValues {
		if !IsNumeral(r) {
			t.Errorf("IsNumeral(%q) = false, but it is a digit", r)
		}
	}
	for r := range smallUnits {
		if !IsNumeral(r) {
			t.Errorf("IsNumeral(%q) = false, but it is a multiplier", r)
		}
	}
	for r := range bigUnits {
		if !IsNumeral(r) {
			t.Errorf("IsNumeral(%q) = false, but it is a multiplier", r)
		}
	}
	for _, r := range "点年人a1,。第几" {
		if IsNumeral(r) {
			t.Errorf("IsNumeral(%q) = true", r)
		}
	}
}
