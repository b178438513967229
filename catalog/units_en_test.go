package catalog_test

import (
	"math"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestValueWrittenParts: a value splits into its number as written and the
// unit after it, in whichever of the ways a coordinator may type it, so
// the report's value and unit columns read as the values page does; in
// English the number is written in English form (no 万 or 亿 in it, a unit
// in 万 or 亿 counted out) with its unit's English words.
func TestValueWrittenParts(t *testing.T) {
	for _, tt := range []struct {
		v                       catalog.Value
		number, unit, inEnglish string
	}{
		{catalog.Value{Number: 123000, Given: "12.3万", Unit: "人"}, "12.3万", "人", "123,000 people"},
		{catalog.Value{Number: 123000, Given: "12.3万人", Unit: "人"}, "12.3万", "人", "123,000 people"},
		{catalog.Value{Number: 1234.5, Given: "12345000人次", Unit: "万人次"}, "12345000", "人次", "12.345 million attendances"},
		{catalog.Value{Number: 1234.5678, Given: "1234.5678", Unit: "万人次"}, "1234.5678", "万人次", "12,345,678 attendances"},
		{catalog.Value{Number: 3.2, Given: "3.2", Unit: "亿元"}, "3.2", "亿元", "320 million yuan"},
		{catalog.Value{Number: 15, Given: "15亿元", Unit: "亿元"}, "15", "亿元", "1.5 billion yuan"},
		{catalog.Value{Number: 85.3, Given: "85.3%", Unit: "%"}, "85.3", "%", "85.3%"},
		{catalog.Value{Number: -2.3, Given: "-2.3%", Unit: "%"}, "-2.3", "%", "-2.3%"},
		{catalog.Value{Number: 1234.5, Given: "1,234.5", Unit: "元/人"}, "1,234.5", "元/人", "1,234.5 yuan per person"},
		{catalog.Value{Number: 123, Unit: "个"}, "123", "个", "123"},
		{catalog.Value{Number: 7, Given: "7", Unit: "处"}, "7", "处", "7处"},
		{catalog.Value{Number: 95, Given: "９５％", Unit: "%"}, "95", "%", "95%"},
		{catalog.Value{Number: 12, Given: "百分之十二", Unit: "%"}, "百分之十二", "", "12%"},
		{catalog.Value{Number: 20000, Given: "２万元", Unit: "元"}, "2万", "元", "20,000 yuan"},
		{catalog.Value{Number: 120, Given: "120元／人", Unit: "元/人"}, "120", "元/人", "120 yuan per person"},
	} {
		n, u := tt.v.WrittenParts()
		if n != tt.number || u != tt.unit || n+u != tt.v.Written() {
			t.Errorf("%q in %s: parts %q %q, want %q %q making Written %q", tt.v.Given, tt.v.Unit, n, u, tt.number, tt.unit, tt.v.Written())
		}
		if got := tt.v.WrittenIn(true); got != tt.inEnglish {
			t.Errorf("%q in %s in English: %q, want %q", tt.v.Given, tt.v.Unit, got, tt.inEnglish)
		}
		if got := tt.v.WrittenIn(false); got != tt.v.Written() {
			t.Errorf("%q in %s in Chinese: %q, want %q", tt.v.Given, tt.v.Unit, got, tt.v.Written())
		}
	}
}

// TestEnglishNumber: thousands separated, millions and billions when
// exact to three decimals (judged on the decimal digits, so a fraction is
// never rounded away), otherwise every digit, and every digit from a
// trillion up; the float noise of 12.3 × 10,000 gone but not a small
// number; no "-0"; infinity and NaN named.
func TestEnglishNumber(t *testing.T) {
	typed := 12.3 // a variable: a constant 12.3 * 10000 would be exact
	for _, tt := range []struct {
		n    float64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {123000, "123,000"}, {typed * 10000, "123,000"}, {1234.5, "1,234.5"},
		{999999, "999,999"}, {1e6, "1 million"}, {1230000, "1.23 million"}, {12345678, "12,345,678"}, {1234567.5, "1,234,567.5"},
		{-7000, "-7,000"}, {2.5e9, "2.5 billion"}, {1.2345e9, "1,234,500,000"}, {0.05, "0.05"},
		{1500000000.9, "1,500,000,000.9"}, {999999999.9996, "999,999,999.9996"}, {1e9, "1 billion"}, {999e9, "999 billion"},
		{1e12, "1,000,000,000,000"}, {1e21, "1,000,000,000,000,000,000,000"}, {-2.5e6, "-2.5 million"},
		{4e-7, "0.0000004"}, {-1e-7, "-0.0000001"}, {math.Copysign(0, -1), "0"},
		{math.Inf(1), "∞"}, {math.Inf(-1), "-∞"}, {math.NaN(), "NaN"},
	} {
		if got := catalog.EnglishNumber(tt.n); got != tt.want {
			t.Errorf("EnglishNumber(%v) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestTypedEN: a value typed at another scale, told in English without 万
// in its number; a number that is not a plain one is as written.
func TestTypedEN(t *testing.T) {
	for _, tt := range []struct {
		v    catalog.Value
		want string
	}{
		{catalog.Value{Number: 12500, Given: "12500 万人", Unit: "人"}, "12,500 in units of 10,000 people"},
		{catalog.Value{Number: 12500, Given: "12500", Unit: "万人"}, "12,500 in units of 10,000 people"},
		{catalog.Value{Number: 3, Given: "3亿", Unit: "元"}, "3 in units of 100 million yuan"},
		{catalog.Value{Number: 7, Given: "7", Unit: "处"}, "7处"},
		{catalog.Value{Number: 70000, Given: "7万", Unit: "处"}, "70,000处"},
		{catalog.Value{Number: 3e12, Given: "3万亿", Unit: "元"}, "30,000 in units of 100 million yuan"},
		{catalog.Value{Number: 3e12, Given: "3", Unit: "万亿元"}, "30,000 in units of 100 million yuan"},
		{catalog.Value{Number: 123000, Given: "十二万三千", Unit: "人"}, "十二万三千人"},
		{catalog.Value{Number: 125000000, Given: "１２５００万人", Unit: "人"}, "12,500 in units of 10,000 people"},
		{catalog.Value{Number: 12500, Given: "１２５００", Unit: "万人"}, "12,500 in units of 10,000 people"},
	} {
		if got := tt.v.TypedEN(); got != tt.want {
			t.Errorf("%q in %s: %q, want %q", tt.v.Given, tt.v.Unit, got, tt.want)
		}
	}
}

// TestEnglishPartsFoldsUnnamedUnit: a unit without English words is
// written in English text in half width (％ as %), never as typed.
func TestEnglishPartsFoldsUnnamedUnit(t *testing.T) {
	for _, tt := range []struct {
		unit, number, want string
	}{
		{"％", "95", "%"},
		{"处", "7", "处"},
		{"人次", "1,256", "attendances"},
	} {
		number := map[string]float64{"95": 95, "7": 7, "1,256": 1256}[tt.number]
		if n, u, _ := catalog.EnglishParts(number, tt.unit); n != tt.number || u != tt.want {
			t.Errorf("EnglishParts(%v, %q) = %q %q, want %q %q", number, tt.unit, n, u, tt.number, tt.want)
		}
	}
}
