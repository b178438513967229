package catalog

import (
	"context"
	"testing"
	"time"
)

// TestAPassageIsKeptUnderItsKeyAndForgottenUnused: on both catalogs a
// passage of a 工作总结 pasted into the search box is kept under its key
// and read back whole; kept again it stays one passage; read within 30
// days it is kept on; unused for PassageUnused it is forgotten when
// another passage is kept (ENOTFOUND after), and a key holding another
// text is refused, not overwritten.
func TestAPassageIsKeptUnderItsKeyAndForgottenUnused(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2019, 6, 1, 9, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return now }
		expert := &User{Username: "zhuanjia", Role: RoleExpert}
		const 总结 = "2018年，全市以创建全国学习型城市为目标，健全市、区、街道、社区四级终身教育网络，建成社区学校128所。"
		const 通知 = "各区县教育局：为做好2019年全民终身学习活动周工作，现将有关事项通知如下。"
		if err := s.KeepPassage(ctx, "k-总结", "*", 总结); err != nil {
			t.Fatal(err)
		}
		if err := s.KeepPassage(ctx, "k-总结", "*", 总结); err != nil {
			t.Fatalf("keeping the same passage again: %v", err)
		}
		if got, err := s.Passage(ctx, expert, "k-总结"); err != nil || got != 总结 {
			t.Fatalf("passage k-总结: %q, %v; want the summary", got, err)
		}
		if err := s.KeepPassage(ctx, "k-总结", "*", 通知); ErrorCode(err) != ECONFLICT {
			t.Errorf("another text under a kept key: %v, want ECONFLICT", err)
		}
		// Read on day 20, the summary lives past day 30; the notice kept
		// on day 1 and never read again does not.
		if err := s.KeepPassage(ctx, "k-通知", "*", 通知); err != nil {
			t.Fatal(err)
		}
		now = now.Add(20 * 24 * time.Hour)
		if _, err := s.Passage(ctx, expert, "k-总结"); err != nil {
			t.Fatal(err)
		}
		now = now.Add(15 * 24 * time.Hour)
		if err := s.KeepPassage(ctx, "k-其他", "*", "社区教育"+通知); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Passage(ctx, expert, "k-总结"); err != nil || got != 总结 {
			t.Errorf("the summary read 15 days ago: %q, %v; want it kept", got, err)
		}
		if _, err := s.Passage(ctx, expert, "k-通知"); ErrorCode(err) != ENOTFOUND {
			t.Errorf("the notice unused for 35 days: %v, want ENOTFOUND", err)
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_passage`).Scan(&n); err != nil || n != 2 {
			t.Errorf("%d passages kept (%v), want 2: the unused one deleted", n, err)
		}
	})
}
