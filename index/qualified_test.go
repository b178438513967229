package index

import "testing"

// TestSearchQualifiedFigures: a figure that a word bounds or approximates
// (约3000人, 3000人以上, 突破3000人, 近3000人, 约百分之六十) is a 约数, as
// the values package reads it (numread.Qualified), and holds no value:
// a bare number typed another way (三千, 0.3万, 3000 for 约三千人,
// 百分之六十 for 约60%) finds the figures written exactly, never a 约数,
// which is found only as written (3000 finds 约3000人 as text). 节约 is
// no 约: 节约经费3000元 stays exact.
func TestSearchQualifiedFigures(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "exact", Pages: []string{"参训人数3000人。"}},
		{ID: "exactCN", Pages: []string{"参训人数三千人。"}},
		{ID: "about", Pages: []string{"参训人数约3000人。"}},
		{ID: "aboutCN", Pages: []string{"参训人数约三千人。"}},
		{ID: "atLeast", Pages: []string{"参训人数3000人以上。"}},
		{ID: "around", Pages: []string{"参训人数3000人左右。"}},
		{ID: "above", Pages: []string{"参训人数突破3000人。"}},
		{ID: "nearly", Pages: []string{"参训人数近3000人。"}},
		{ID: "saved", Pages: []string{"节约培训经费3000元。"}},
		{ID: "rate", Pages: []string{"成人年参与学习率60%。"}},
		{ID: "rateAbout", Pages: []string{"成人年参与学习率约60%。"}},
		{ID: "rateAbove", Pages: []string{"成人年参与学习率60%以上。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"三千", []string{"aboutCN", "exact", "exactCN", "saved"}},
		{"0.3万", []string{"exact", "exactCN", "saved"}},
		{"3000", []string{"about", "above", "around", "atLeast", "exact", "exactCN", "nearly", "saved"}},
		{"百分之六十", []string{"rate"}},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}
