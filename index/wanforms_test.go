package index

import (
	"slices"
	"testing"
)

func TestWanForms(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"12000人", []string{"1.2万人"}},
		{"１２０００人", []string{"1.2万人"}},
		{"12,000人", []string{"1.2万人"}},
		{"1256000人次", []string{"125.6万人次"}},
		{"12500余人", []string{"1.25万余人"}},
		{"120000000元", []string{"1.2亿元", "12000万元"}},
		{"1.2万人", []string{"12000人"}},
		{"125.6万人次", []string{"1256000人次"}},
		{"0.5万元", []string{"5000元"}},
		{"1.2亿元", []string{"120000000元", "12000万元"}},
		{"12000万元", []string{"120000000元", "1.2亿元"}},
		{"培训12000人", []string{"培训1.2万人"}},
		// Under 万 from a thousand, in one or two decimals of 万.
		{"5000人", []string{"0.5万人"}},
		{"1200元", []string{"0.12万元"}},
		{"9900人次", []string{"0.99万人次"}},
		{"0.12万元", []string{"1200元"}},
		{"1250人", nil},
		{"900人", nil},
		// No form: a bare number (1.2万 could be 1.2万亿), few, a
		// 万 form of more than two decimals, a year, a code, two numbers, a
		// leading zero, a serial.
		{"12000", nil},
		{"1.2万", nil},
		{"12人", nil},
		{"12345人", nil},
		{"12000年", nil},
		{"ISO12000认证", nil},
		{"12000人和13000人", nil},
		{"1.2万亿元", nil},
		{"012000人", nil},
		{"第12000期", nil},
		{"第１２０００期", nil},
	}
	for _, tt := range tests {
		if got := wanForms(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("wanForms(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestNumbersMatchWithWanOrNot: a count with a unit is found whether it is
// written in 万 or 亿 or counted out, grouped or not (12000人 finds 1.2万人
// and the other way round), and never another number: 12人, 11.2万人,
// 112000人, 1.2万亿元 or 12000万人.
func TestNumbersMatchWithWanOrNot(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "wan", Pages: []string{"全年参加社区教育培训1.2万人,投入经费1.2亿元。"}},
		{ID: "plain", Pages: []string{"全年参加社区教育培训12000人,投入经费120000000元。"}},
		{ID: "grouped", Pages: []string{"全年参加社区教育培训12,000人,投入经费12000万元。"}},
		{ID: "twelve", Pages: []string{"全年参加老年教育培训12人,投入经费1.2万元。"}},
		{ID: "longer", Pages: []string{"全年参加老年教育培训11.2万人,另有112000人参加线上学习。"}},
		{ID: "trillion", Pages: []string{"全市生产总值1.2万亿元,常住人口12000万人。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"12000人", []string{"grouped", "plain", "wan"}},
		{"12,000人", []string{"grouped", "plain", "wan"}},
		{"1.2万人", []string{"grouped", "plain", "wan"}},
		{"培训1.2万人", []string{"grouped", "plain", "wan"}},
		{"1.2亿元", []string{"grouped", "plain", "wan"}},
		{"12000万元", []string{"grouped", "plain", "wan"}},
		{"12人", []string{"twelve"}},
		{"1.2万元", []string{"twelve"}},
		{"11.2万人", []string{"longer"}},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
	m, err := NewMatcher([]string{"培训1.2万人,另有12,000人参加线上学习,12人未结业。"})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(m.Find("12000人")); got != 2 {
		t.Errorf("Matcher.Find(12000人) found %d places, want 2", got)
	}
}
