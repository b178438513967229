package index

import (
	"context"
	"slices"
	"testing"
)

// TestRoundIsFilteredApartFromYear: a 2024 work summary dated
// 二〇二五年十二月一日 is year 2025 (of issue) and round 2024 (the round it
// counts for), and each filter keeps it by its own field, also after the
// index on disk is opened again.
func TestRoundIsFilteredApartFromYear(t *testing.T) {
	dir := t.TempDir() + "/idx"
	idx, err := Open(dir)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	docs := []Document{
		{ID: "summary2024", Title: "二〇二四年度学习型城市建设工作总结", City: "330100", DocType: "work_summary", Year: 2025, Round: "2024",
			Pages: []string{"全年开展市民终身学习周活动，社区学习共同体覆盖全部街道。"}},
		{ID: "notice2025", Title: "关于开展二〇二五年全民终身学习活动周的通知", City: "330100", DocType: "meeting_notice", Year: 2025, Round: "2025",
			Pages: []string{"各街道组织社区学习共同体参加活动周。"}},
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatalf("index: %v", err)
	}
	if err := idx.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if idx, err = Open(dir); err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer idx.Close()
	for _, tt := range []struct {
		name   string
		filter Filter
		want   []string
	}{
		{"round 2024", Filter{Rounds: []int{2024}}, []string{"summary2024"}},
		{"round 2025", Filter{Rounds: []int{2025}}, []string{"notice2025"}},
		{"year 2025", Filter{Years: []int{2025}}, []string{"notice2025", "summary2024"}},
		{"year 2024", Filter{Years: []int{2024}}, nil},
		{"round 2024 of year 2025", Filter{Rounds: []int{2024}, Years: []int{2025}}, []string{"summary2024"}},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms("学习共同体"), Filter: tt.filter, Size: 10})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
