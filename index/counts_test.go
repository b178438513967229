package index

import (
	"slices"
	"testing"
)

// TestChineseNumeralCounts: a count written in Chinese numerals, or half
// in them, is found by its Arabic digits, in 万 or counted out, and finds
// them; never another number, another unit, a year or numerals inside a
// longer number.
func TestChineseNumeralCounts(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "cn", Pages: []string{"二〇二四年全市参加社区教育培训一万二千人,投入经费两万元。"}},
		{ID: "mixed", Pages: []string{"全年参加老年教育1万2千人次,开展活动十二场。"}},
		{ID: "liang", Pages: []string{"全年培训一万两千余人。"}},
		{ID: "arabic", Pages: []string{"全年参加社区教育培训12000人,投入经费20000元。"}},
		{ID: "wan", Pages: []string{"线上学习1.2万人,其中老年人0.5万人。"}},
		{ID: "money", Pages: []string{"区财政投入12000元用于社区学校建设。"}},
		{ID: "longer", Pages: []string{"全市共有十一万二千人参加,比上年增加二千人。"}},
		{ID: "plain", Pages: []string{"全市共有5000人参加培训,二〇二四年统一部署。"}},
		{ID: "idiom", Pages: []string{"活动安排十全十美,共计一万人三千场。"}},
		{ID: "vague", Pages: []string{"各级领导十分重视,数十人参加,几十万人次观看。"}},
		{ID: "score", Pages: []string{"考核满分10分,每组10人。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"12000人", []string{"arabic", "cn", "wan"}},
		{"1.2万人", []string{"arabic", "cn", "wan"}},
		{"一万二千人", []string{"arabic", "cn", "wan"}},
		{"1万2千人", []string{"arabic", "cn", "wan"}},
		// 人次 counts person-times: 12000人 does not find 1万2千人次.
		{"12000人次", []string{"mixed"}},
		// As in Arabic digits, 余 between count and unit is part of the word.
		{"12000余人", []string{"liang"}},
		{"一万二千余人", []string{"liang"}},
		{"12000元", []string{"money"}},
		{"一万二千元", []string{"money"}},
		{"两万元", []string{"arabic", "cn"}},
		{"2万元", []string{"arabic", "cn"}},
		{"112000人", []string{"longer"}},
		{"2000人", []string{"longer"}},
		{"12场", []string{"mixed"}},
		{"5000人", []string{"plain", "wan"}},
		{"0.5万人", []string{"plain", "wan"}},
		// Words before the count: the count as written, and in digits.
		{"培训一万二千人", []string{"arabic", "cn"}},
		{"培训12000人", []string{"arabic"}},
		{"二〇二四年", []string{"cn", "plain"}},
		{"2024年", []string{"cn", "plain"}},
		// Two counts in one word: searched as written too.
		{"十全十美", []string{"idiom"}},
		{"一万人三千场", []string{"idiom"}},
		// Words, not counts: 十分, vague numerals.
		{"十分", []string{"vague"}},
		{"10分", []string{"score"}},
		{"10人", []string{"score"}},
		{"100000人次", nil},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}

func TestCountPhrase(t *testing.T) {
	tests := []struct {
		sub, number, rest string
	}{
		{"12000人", "12000", "人"},
		{"1.2万人次", "12000", "人次"},
		{"12,000余人", "12000", "余人"},
		{"3.5亿元", "350000000", "元"},
		{"0.5万人", "5000", "人"},
		{"3.5人", "3.5", "人"},
		{"培训12000人", "", ""},
		{"12000", "", ""},
		{"2024年", "", ""},
	}
	for _, tt := range tests {
		number, rest, _ := countPhrase(tt.sub)
		if number != tt.number || rest != tt.rest {
			t.Errorf("countPhrase(%q) = %q, %q; want %q, %q", tt.sub, number, rest, tt.number, tt.rest)
		}
	}
}

// TestMatcherFindsCountsInChineseNumerals: a document's page marks a
// count written in Chinese numerals where a query word in Arabic digits
// or in 万 found it, and the other way round, and nothing in a larger
// number or another unit.
func TestMatcherFindsCountsInChineseNumerals(t *testing.T) {
	page := "培训一万二千人,另有1万2千人次参加线上学习,全市十一万二千人报名,投入经费一万二千元,实际12000人结业。"
	m, err := NewMatcher([]string{page})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"12000人", []string{"一万二千人", "12000人"}},
		{"1.2万人", []string{"一万二千人", "12000人"}},
		{"一万二千人", []string{"一万二千人", "12000人"}},
		{"12000人次", []string{"1万2千人次"}},
		{"12000元", []string{"一万二千元"}},
		{"112000人", []string{"十一万二千人"}},
	} {
		var got []string
		for _, sp := range m.Find(tt.q) {
			got = append(got, page[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Matcher.Find(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestArabicCounts(t *testing.T) {
	tests := []struct {
		word, want string
		atStart    bool
	}{
		{"一万二千人", "12000人", true},
		{"１万２千人次", "12000人次", true},
		{"十二万人次", "120000人次", true},
		{"培训一万二千人", "培训12000人", false},
		{"投入兩萬元", "投入20000元", false},
		// No count: a year, a plan, a serial, numerals in a word, no unit.
		{"二〇二四年", "", false},
		{"十三五规划", "", false},
		{"第十届", "", false},
		{"千人计划", "", false},
		{"一万二千", "", false},
	}
	for _, tt := range tests {
		got, ok, atStart := arabicCounts(tt.word)
		if got != tt.want || ok != (tt.want != "") || atStart != tt.atStart {
			t.Errorf("arabicCounts(%q) = %q, %v, %v; want %q, at start %v", tt.word, got, ok, atStart, tt.want, tt.atStart)
		}
	}
}

// TestSearchLoneNumeralCounts: one numeral alone before a measure word is
// a count, as values reads it: 八所 and 分校八所 find 分校8所, 8所 finds
// 分校八所, and neither finds 十八所 nor 第八所 (an ordinal).
func TestSearchLoneNumeralCounts(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "digits", Pages: []string{"学院下设分校8所。"}},
		{ID: "numerals", Pages: []string{"全市共有分校八所，教学点两个。"}},
		{ID: "eighteen", Pages: []string{"全市共有社区学校十八所。"}},
		{ID: "ordinal", Pages: []string{"第八所社区学校挂牌成立。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"八所", []string{"digits", "numerals"}},
		{"分校八所", []string{"digits", "numerals"}},
		{"8所", []string{"digits", "numerals"}},
		{"2个", []string{"numerals"}},
		{"两个", []string{"numerals"}},
		{"18所", []string{"eighteen"}},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}
