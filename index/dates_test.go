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

// TestDateFormsOnlyOfDates: a word that is no date, or holds more than
// one, is searched as it is.
func TestDateFormsOnlyOfDates(t *testing.T) {
	for _, w := range []string{"2018-13-20", "2018-3/20", "2018年3月", "GB/T 28827-2012", "2018-03-20前", "2021-2025年", "2018年3月32日"} {
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
