package assignments_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
)

// TestAnOutlineMarkBeforeTheCodeIsReadPast: a table whose indicator cells
// are numbered as the drafter's outline — （二）3.1.2, (1)1.1.1, 二、1.1.2,
// ①2.2.1 — is read by the code after the mark. Such a row was refused
// (指标编码“（二）3.1.2”不在当前指标体系中; probe s56).
func TestAnOutlineMarkBeforeTheCodeIsReadPast(t *testing.T) {
	_, s := newService(t)
	imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n（二）3.1.2,市教育局,2018-03-31\n(1)1.1.1,市教育局,2018-03-31\n二、1.1.2,市教育局,2018-03-31\n①2.2.1,市教育局,2018-03-31\n")})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	var got []string
	for _, a := range imp.Assignments {
		got = append(got, a.Indicator)
	}
	slices.Sort(got)
	if want := []string{"1.1.1", "1.1.2", "2.2.1", "3.1.2"}; !slices.Equal(got, want) {
		t.Errorf("imported %q, want %q", got, want)
	}
	_, err = s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n（二）9.9.9,市教育局,2018-03-31\n")})
	if err == nil || !strings.Contains(err.Error(), "（二）9.9.9") {
		t.Errorf("a marked code of no indicator: %v, want it named as written", err)
	}
}

// TestAnArabicOutlineMarkBeforeTheCodeIsReadPast: an Arabic numeral
// outline mark before the code (1、1.1.1, 1. 1.1.1, 2）2.2.1) is read
// past like （二）; a code's own first digits are never taken for a mark
// (1.1.1 alone, 3.1.2、 after the code), and what follows a mark that is
// no code (1、2) is refused, the cell named as written. 1、1.1.1 was
// refused (review s57).
func TestAnArabicOutlineMarkBeforeTheCodeIsReadPast(t *testing.T) {
	_, s := newService(t)
	tests := []struct {
		cell, want string // want "" when the row is refused
	}{
		{"1、1.1.1", "1.1.1"},
		{"1. 1.1.1", "1.1.1"},
		{"12、3.1.2", "3.1.2"},
		{"2）2.2.1", "2.2.1"},
		{"2)2.2.1", "2.2.1"},
		{"１、1.1.2", "1.1.2"},
		{"3.　3.1.2", "3.1.2"},
		{" 1、 1.1.1 ", "1.1.1"},
		{"1.1.1", "1.1.1"},
		{"3.1.2、", "3.1.2"},
		{"1、2", ""},
		{"1、", ""},
		{"1.1.1.1", ""},
		{"1. 9.9.9", ""},
		{"3. 1.2", ""},
	}
	for _, tt := range tests {
		imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
			Data: []byte("指标编码,责任单位,截止日期\n\"" + tt.cell + "\",市教育局,2018-03-31\n")})
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), "“"+strings.TrimSpace(tt.cell)+"”") {
				t.Errorf("cell %q: %v, want it refused, the cell named as written", tt.cell, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("cell %q: %v, want it read as %s", tt.cell, err, tt.want)
			continue
		}
		var got []string
		for _, a := range imp.Assignments {
			got = append(got, a.Indicator)
		}
		if !slices.Equal(got, []string{tt.want}) {
			t.Errorf("cell %q imported %q, want %s", tt.cell, got, tt.want)
		}
	}
}
