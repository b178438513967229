package index

import "testing"

// TestSearchRoughCounts: a rough or vague count typed in a query (十几个,
// 三十几, 十多个, 十余个, 几十个, 数十个) finds every document that writes
// it, the same rough number in digits (10几个) too, after the 成 of 建成 as
// well (the index took 成十几 for 成百's vague 成 and held no count there),
// and never the precise count (十个, 10个) nor another rough count
// (二十几个); 十个 finds 建成十个.
func TestSearchRoughCounts(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "teenOdd", Pages: []string{"建成十几个市级终身学习体验基地。"}},
		{ID: "thirtyOdd", Pages: []string{"新建社区学校三十几所。"}},
		{ID: "teenMore", Pages: []string{"组建学习团队十多个，开展活动十余场。"}},
		{ID: "twentyOdd", Pages: []string{"培育品牌项目二十几个。"}},
		{ID: "tens", Pages: []string{"举办讲座几十个场次，覆盖数十个社区。"}},
		{ID: "ten", Pages: []string{"建成十个市级终身学习体验基地。"}},
		{ID: "tenDigits", Pages: []string{"建成10个市级终身学习体验基地。"}},
		{ID: "tenOddDigits", Pages: []string{"建成10几个市级终身学习体验基地。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"十几个", []string{"teenOdd", "tenOddDigits"}},
		{"十几", []string{"teenOdd", "tenOddDigits"}},
		{"十几个市级", []string{"teenOdd", "tenOddDigits"}},
		{"建成十几个", []string{"teenOdd", "tenOddDigits"}},
		{"三十几", []string{"thirtyOdd"}},
		{"三十几所", []string{"thirtyOdd"}},
		{"10几个", []string{"teenOdd", "tenOddDigits"}},
		{"十多个", []string{"teenMore"}},
		{"十余场", []string{"teenMore"}},
		{"二十几个", []string{"twentyOdd"}},
		{"几十个", []string{"tens"}},
		{"数十个", []string{"tens"}},
		{"十个", []string{"ten", "tenDigits"}},
		{"10个", []string{"ten", "tenDigits"}},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}
