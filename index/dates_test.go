package index

import (
	"slices"
	"testing"
)

// TestSearchDatesInEverySpelling: a date typed in any spelling the
// archive shows or tables write (2018-03-20 from the 成文日期 column,
// 2018-3-20, 2018/3/20, 2018.3.20, 2018年3月20日) finds the documents
// that write it in any other, in Chinese numerals as a 公文 is dated too
// (二〇一八年三月二十日, 二零一八年三月二十日), and never another day
// (2018年3月2日 is not 2018年3月20日, 2018-03-02 not 2018-03-20).
func TestSearchDatesInEverySpelling(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "chinese", Pages: []string{"杭州市人民政府办公厅\n2018年3月20日"}},
		{ID: "padded", Pages: []string{"印发日期：2018年03月20日"}},
		{ID: "iso", Pages: []string{"完成时限：2018-03-20"}},
		{ID: "slash", Pages: []string{"完成时限：2018/3/20"}},
		{ID: "dot", Pages: []string{"完成时限：2018.3.20"}},
		{ID: "signed", Pages: []string{"杭州市人民政府办公厅\n二〇一八年三月二十日"}},
		{ID: "signedZero", Pages: []string{"二零一八年三月二十日印发"}},
		{ID: "otherDay", Pages: []string{"2018年3月2日召开会议，2018-03-02印发。"}},
	})
	all := []string{"chinese", "dot", "iso", "padded", "signed", "signedZero", "slash"}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"2018-03-20", all},
		{"2018-3-20", all},
		{"2018/3/20", all},
		{"2018/03/20", all},
		{"2018.3.20", all},
		{"2018年3月20日", all},
		{"２０１８年３月２０日", all},
		{"2018年03月20日", all},
		{"2018-03-02", []string{"otherDay"}},
		{"2018年3月2日", []string{"otherDay"}},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}

// TestSearchDatesBothWays: a date in Chinese numerals finds it in
// Arabic digits (二〇一七年九月一日 finds 2017年9月1日), and a month of a
// year (2018年3月, 二〇一八年三月, 2018-03) or a day of a month (3月20日,
// 三月二十日) finds a whole date in any spelling, each way; never another
// month or day (2018年3月 is not 2018年11月, 3月2日 not 3月20日, 1月20日
// not 十一月二十日).
func TestSearchDatesBothWays(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "signed", Pages: []string{"杭州市人民政府办公厅\n二〇一八年三月二十日"}},
		{ID: "iso", Pages: []string{"完成时限：2018-03-20"}},
		{ID: "arabic", Pages: []string{"2017年9月1日起施行。"}},
		{ID: "november", Pages: []string{"二〇一八年十一月二十日印发，2018年11月2日召开会议。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"二〇一八年三月", []string{"iso", "signed"}},
		{"2018年3月", []string{"iso", "signed"}},
		{"2018年03月", []string{"iso", "signed"}},
		{"2018-03", []string{"iso", "signed"}},
		{"3月20日", []string{"iso", "signed"}},
		{"三月二十日", []string{"iso", "signed"}},
		{"二〇一七年九月一日", []string{"arabic"}},
		{"二零一七年九月一日", []string{"arabic"}},
		{"九月一日", []string{"arabic"}},
		{"9月1日", []string{"arabic"}},
		{"2018年11月", []string{"november"}},
		{"3月2日", nil},
		{"1月20日", nil},
		{"2018年1月", nil},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}

// TestDateFormsOnlyOfDates: a word that is no date, or holds more than
// one, is searched as it is.
func TestDateFormsOnlyOfDates(t *testing.T) {
	for _, w := range []string{"2018-13-20", "2018-3/20", "2018年13月", "13月2日", "GB/T 28827-2012", "2018-03-20前", "2021-2025年", "2018年3月32日"} {
		if f := dateForms(w); f != nil {
			t.Errorf("dateForms(%q) = %v, want none", w, f)
		}
	}
	for n, want := range map[int]string{3: "三", 10: "十", 12: "十二", 20: "二十", 31: "三十一"} {
		if got := chineseSmall(n); got != want {
			t.Errorf("chineseSmall(%d) = %q, want %q", n, got, want)
		}
	}
	if f := dateForms("2018年3月20日"); !slices.Contains(f, "2018-03-20") || f[0] != "2018年3月20日" {
		t.Errorf("dateForms(2018年3月20日) = %v, want the word first and 2018-03-20 among them", f)
	}
}
