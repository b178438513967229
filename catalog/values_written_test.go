package catalog

import "testing"

func TestValueWritten(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Value{Number: 123000, Given: "12.3万", Unit: "人"}, "12.3万人"},
		{Value{Number: 85.3, Given: "85.3%", Unit: "%"}, "85.3%"},
		{Value{Number: 123, Given: "123", Unit: "个"}, "123个"},
		{Value{Number: 156800, Unit: "人"}, "156800人"}, // recorded before Given was kept
		{Value{Number: 1234.5, Given: "1234.5万人次", Unit: "万人次"}, "1234.5万人次"},
		{Value{Number: 1234.5, Given: "12345000 人次", Unit: "万人次"}, "12345000人次"}, // saved spaced before
		{Value{Number: 123000, Given: "12.3 万人", Unit: "人"}, "12.3万人"},           // so was this
		{Value{Number: 1200, Given: "1 200", Unit: "人"}, "1 200人"},
		{Value{Number: 1234.5, Given: "1234.5", Unit: "万人次"}, "1234.5万人次"},
		// Typed in full-width forms: the unit is there all the same, and
		// the value is shown half-width, as every other is.
		{Value{Number: 95, Given: "９５％", Unit: "%"}, "95%"},
		{Value{Number: 95, Given: "95％", Unit: "%"}, "95%"},
		{Value{Number: 95, Given: "９５", Unit: "%"}, "95%"},
		{Value{Number: 12, Given: "１２ｋｍ", Unit: "km"}, "12 km"},
		{Value{Number: 3, Given: "3 GB", Unit: "GB"}, "3 GB"},
		{Value{Number: 2, Given: "２", Unit: "个"}, "2个"},
		{Value{Number: 125.6, Given: "１２５６０００　人次", Unit: "万人次"}, "1256000人次"},
		{Value{Number: 85, Given: "85%", Unit: "％"}, "85%"},
		// 百分之 says the percent sign before the number.
		{Value{Number: 12, Given: "百分之十二", Unit: "%"}, "百分之十二"},
		{Value{Number: -3, Given: "负百分之三", Unit: "%"}, "负百分之三"},
	}
	for _, tt := range tests {
		if got := tt.v.Written(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestJoinUnit: a number and a unit other than the indicator's are
// written together when the unit begins with a Chinese character or a
// sign, as Chinese text writes 1200人次 (it wrote 1200 人次), and with a
// space before a unit in Latin letters, as 1200 km and 3 GB read.
func TestJoinUnit(t *testing.T) {
	for _, tt := range []struct{ number, unit, want string }{
		{"1200", "人次", "1200人次"},
		{"12.3", "万人", "12.3万人"},
		{"1.2万", "人次", "1.2万人次"},
		{"1,256,000", "人次", "1,256,000人次"},
		{"56", "平方米", "56平方米"},
		{"3.5", "元/人", "3.5元/人"},
		{"85.3", "%", "85.3%"},
		{"2.5", "‰", "2.5‰"},
		{"1200", "km", "1200 km"},
		{"3", "GB", "3 GB"},
		{"1200", " 人次 ", "1200人次"},
		{"1200", "", "1200"},
	} {
		if got := JoinUnit(tt.number, tt.unit); got != tt.want {
			t.Errorf("JoinUnit(%q, %q) = %q, want %q", tt.number, tt.unit, got, tt.want)
		}
	}
}
