package numread

import (
	"testing"
	"unicode"
)

// TestRough: the 多, 余 or 几 after a number makes it rough, as values
// checks it and the index holds it: 三十多 is 31 up to 40, 300多 more than
// 300, 十几万 110000 up to 200000; 3几 and 30%多数 are not rough.
func TestRough(t *testing.T) {
	tests := []struct {
		text    string
		v       float64
		end     int
		percent bool
		want    Range
		ok      bool
	}{
		{"三十多所", 30, 2, false, Range{Least: 31, Upper: 40}, true},
		{"300多所", 300, 3, false, Range{Least: 300, Upper: 400, Exclusive: true}, true},
		{"十几万人", 10, 1, false, Range{Least: 110000, Upper: 200000}, true},
		{"十多万人", 10, 1, false, Range{Least: 100000, Upper: 200000, Exclusive: true}, true},
		{"3几人", 3, 1, false, Range{}, false},
		{"三十所", 30, 2, false, Range{}, false},
	}
	for _, tt := range tests {
		got, _, ok := Rough([]rune(tt.text), tt.v, tt.end, tt.percent)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Rough(%q, %v, %d) = %+v, %v; want %+v, %v", tt.text, tt.v, tt.end, got, ok, tt.want, tt.ok)
		}
	}
	for text, want := range map[string]bool{"30%多，": true, "30%多的市民": true, "30%多数是": false} {
		if got := RoughAt([]rune(text), 3, true); got != want {
			t.Errorf("RoughAt(%q, percent) = %v, want %v", text, got, want)
		}
	}
}

// TestVague: 几 or 数 with multipliers is some of that place, two to nine
// of it; the 数 of 人数 or 多数 is none.
func TestVague(t *testing.T) {
	tests := []struct {
		text string
		want Range
		ok   bool
	}{
		{"几十万市民", Range{Least: 200000, Upper: 1000000}, true},
		{"数百所", Range{Least: 200, Upper: 1000}, true},
		{"数千名", Range{Least: 2000, Upper: 10000}, true},
		{"几个人", Range{}, false},
	}
	for _, tt := range tests {
		got, _, ok := Vague([]rune(tt.text), 0)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Vague(%q) = %+v, %v; want %+v, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
	for text, at := range map[string]int{"人数十万": 1, "大多数十分": 2} {
		if _, _, ok := Vague([]rune(text), at); ok {
			t.Errorf("Vague(%q at %d) read a vague number", text, at)
		}
	}
}

// TestSpacedDigits: digits parted by one thousands space or a line break
// before a unit read joined; not after a label, nor without a unit.
func TestSpacedDigits(t *testing.T) {
	han := func(rs []rune, j int) bool { return j < len(rs) && unicode.Is(unicode.Han, rs[j]) }
	tests := []struct {
		text string
		i    int
		want string
	}{
		{"1 200人", 0, "1200"},
		{"12\n000人", 0, "12000"},
		{"1\u2009234\u2009567元", 0, "1234567"},
		{"12 345.6万元", 0, "12345.6"},
		{"表1 200人", 1, ""},
		{"12 120 ", 0, ""},
		{"1 20人", 0, ""},
		{"1 200\n300人", 0, ""}, // one separator throughout
	}
	for _, tt := range tests {
		got, _ := SpacedDigits([]rune(tt.text), tt.i, han)
		if got != tt.want {
			t.Errorf("SpacedDigits(%q, %d) = %q, want %q", tt.text, tt.i, got, tt.want)
		}
	}
}

// TestNearly: 近 before a number is nearly, but for 最近, 附近 and a span
// of time (近三年).
func TestNearly(t *testing.T) {
	for text, want := range map[string]bool{"近十万人": true, "最近十万人": false, "附近3所": false, "近三年": false, "十万人": false} {
		rs := []rune(text)
		start := 0
		for start < len(rs) && !(rs[start] >= '0' && rs[start] <= '9' || rs[start] == '十' || rs[start] == '三') {
			start++
		}
		end := start + 1
		if rs[start] == '十' {
			end = start + 2
		}
		if got := Nearly(rs, start, end); got != want {
			t.Errorf("Nearly(%q) = %v, want %v", text, got, want)
		}
	}
}
