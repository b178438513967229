package index

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestChineseYears(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string // the years found, in Arabic digits
	}{
		{"二〇二三年全市新增学习点", []string{"2023"}},
		{"二○二三年、二零二四年和二0二五年", []string{"2023", "2024", "2025"}},
		{"落款：二O二三年三月", []string{"2023"}},
		{"一九九八年起举办市民大讲堂", []string{"1998"}},
		{"二〇二一—二〇二五年", []string{"2021", "2025"}},
		// No year: a run of numerals of another length, a zero alone,
		// numerals that read no year of the last two centuries, a run
		// beside a digit or a letter.
		{"一二三四五号楼", nil},
		{"三四五年", nil},
		{"实现服务零距离", nil},
		{"一〇〇〇人", nil},
		{"编号二〇二三1", nil},
		{"2023年", nil},
	} {
		var got []string
		for _, sp := range ChineseYears(tt.text) {
			got = append(got, ArabicYear(tt.text[sp[0]:sp[1]]))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ChineseYears(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// A year is found whether the document or the query writes it in Arabic
// digits or in Chinese numerals, with any sign of zero, and marked as the
// document writes it; another year and a number that is not one are not
// mistaken for it.
func TestYearsInArabicAndChineseNumerals(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "numerals", Pages: []string{"二〇二三年全市社区教育经费达到人均五元。"}},
		{ID: "arabic", Pages: []string{"2023年全市新增学习点四十个。"}},
		{ID: "ling", Pages: []string{"二零二三年全市终身学习品牌项目评选结果公布。"}},
		{ID: "letter", Pages: []string{"落款：二O二三年三月六日"}},
		{ID: "other-year", Pages: []string{"2022年全市新建社区学校十所，二〇二二年底完成验收。"}},
		{ID: "count", Pages: []string{"全年培训12023人次。"}},
		{ID: "old-numerals", Pages: []string{"一九九八年起举办市民大讲堂。"}},
		{ID: "old-arabic", Pages: []string{"1998年起开展社区教育实验。"}},
		{ID: "plan", Pages: []string{"杭州市终身教育发展规划（二〇二一—二〇二五年）"}},
	})
	y2023 := map[string]string{"numerals": "二〇二三年", "arabic": "2023年", "ling": "二零二三年", "letter": "二O二三年"}
	y1998 := map[string]string{"old-numerals": "一九九八年", "old-arabic": "1998年"}
	for _, tt := range []struct {
		q    string
		want map[string]string
	}{
		{"2023年", y2023},
		{"二〇二三年", y2023},
		{"二零二三年", y2023},
		{"二O二三年", y2023},
		{"1998年", y1998},
		{"一九九八年", y1998},
		{"2021-2025年", map[string]string{"plan": "二〇二一—二〇二五年"}},
		{"2023", map[string]string{"numerals": "二〇二三", "arabic": "2023", "ling": "二零二三", "letter": "二O二三"}},
		{"2022年", map[string]string{"other-year": "2022年|二〇二二年"}},
	} {
		if got := foundBySearch(t, idx, tt.q); !maps.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestYearFormsDoNotChangeTheRanking: a year is searched in each of its
// forms, but a document's score for it does not depend on which form it
// writes: the rare 二〇二三年 of a signature date does not outweigh a
// report writing 2023年 throughout.
func TestYearFormsDoNotChangeTheRanking(t *testing.T) {
	year := "2023年全市新增学习点四十个。"
	idx := newIndexOf(t, []Document{
		{ID: "A", Pages: []string{strings.Repeat(year, 8) + "全市推进学分银行建设。"}},
		{ID: "B", Pages: []string{"2023年我市建立学分银行，学分银行实现学习成果认证，学分银行覆盖全市各区。"}},
		{ID: "C", Pages: []string{"关于建立学分银行的通知。请各区认真贯彻执行。\n市教育局\n二〇二三年三月六日"}},
	})
	for _, q := range [][]string{{"2023年", "学分银行"}, {"二〇二三年", "学分银行"}} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(q...), Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if len(got) != 3 || got[2] != "C" {
			t.Errorf("search %q: got %v, want A and B above C", q, got)
		}
	}
}
