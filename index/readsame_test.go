package index

import "testing"

// TestSearchReadsNumbersAsValuesDoes: a bare number finds what the values
// package reads as that number, and the text as written stays findable.
// 30 finds 三十所 and 30所 (30多所 too, as text: it writes 30), not
// 三十多所, which is 31 to 39; 三十 finds both as text, and 三十多所 finds
// 30多所, the same rough number. 1200 and 1200人 find
// 1 200人 (a thousands space, as stored), 1,200人 and 12\n000人's cousin
// 1\n200人 (a PDF's line wrap); 200 still finds 1 200人 (a table row's two
// cells). 100000 finds 人数十万人次 (the 数 of 人数), not 近十万人 nor
// 几十万人.
func TestSearchReadsNumbersAsValuesDoes(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "thirty", Pages: []string{"全市建成社区学校三十所。"}},
		{ID: "thirtyDigits", Pages: []string{"全市建成社区学校30所。"}},
		{ID: "thirtyOdd", Pages: []string{"全市建成社区学校三十多所。"}},
		{ID: "thirtyOddDigits", Pages: []string{"全市建成社区学校30多所。"}},
		{ID: "spaced", Pages: []string{"老年大学新招学员1 200人。"}},
		{ID: "comma", Pages: []string{"老年大学新招学员1,200人。"}},
		{ID: "wrapped", Pages: []string{"老年大学新招学员1\n200人。"}},
		{ID: "count", Pages: []string{"参与学习人数十万人次。"}},
		{ID: "nearly", Pages: []string{"近十万人参与读书活动。"}},
		{ID: "some", Pages: []string{"几十万人参与读书活动。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"30", []string{"thirty", "thirtyDigits", "thirtyOddDigits"}},
		{"三十", []string{"thirty", "thirtyDigits", "thirtyOdd"}},
		{"三十多所", []string{"thirtyOdd", "thirtyOddDigits"}},
		{"1200", []string{"comma", "spaced", "wrapped"}},
		{"1,200", []string{"comma", "spaced", "wrapped"}},
		{"1200人", []string{"comma", "spaced", "wrapped"}},
		{"200", []string{"comma", "spaced", "wrapped"}},
		{"100000", []string{"count"}},
		{"十万", []string{"count", "nearly", "some"}},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}
