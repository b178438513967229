package numread

import "testing"

// TestSpacedPoint: a decimal point OCR set apart by spaces is read joined;
// an item's number (说明: 1. …; 3. 2016年底) and a number written without
// spaces are not read here.
func TestSpacedPoint(t *testing.T) {
	tests := []struct {
		text string
		at   int
		want string
	}{
		{"企业比例为87 . 6%", 5, "87.6"},
		{"总额的1. 5% 至2. 5%", 3, "1.5"},
		{"参与市民达3 .2万人次", 5, "3.2"},
		{"增长: 3. 5%", 4, "3.5"},
		{"企业比例为87.6%", 5, ""},
		{"年报为准; 3. 2016年底", 6, ""},
		{"计为已建3. 2016年底", 4, ""},
		{"2. 3项工作", 0, ""},
		{"说明:1. 社区", 3, ""},
		{"共计12 .\n3项", 2, ""},
	}
	for _, tt := range tests {
		if got, _ := SpacedPoint([]rune(tt.text), tt.at); got != tt.want {
			t.Errorf("SpacedPoint(%q, %d) = %q, want %q", tt.text, tt.at, got, tt.want)
		}
	}
}
