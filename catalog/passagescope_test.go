package catalog

import (
	"cmp"
	"context"
	"testing"
)

// TestAPassageIsReadOnlyInTheScopeThatPastedIt: on both catalogs, the
// same paragraph of a 工作总结 pasted by 杭州's coordinator and by 上海's
// is kept under two keys. 杭州's key is read by 杭州's contributor, by an
// expert and by a reviewer of 杭州 and 上海; 上海's coordinator, a
// reviewer of 上海 only and no account at all get the answer of a key
// never kept (ENOTFOUND, the same message), not a refusal that would say a
// passage is kept under it. Two experts share one key, which 杭州's
// coordinator cannot read.
func TestAPassageIsReadOnlyInTheScopeThatPastedIt(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const 总结 = "2018年，全市以创建全国学习型城市为目标，健全市、区、街道、社区四级终身教育网络，建成社区学校128所，市民终身学习参与率达到百分之五十二。"
		hangzhou := &User{Username: "wang", Role: RoleCoordinator, City: "330100"}
		jiaoyu := &User{Username: "jiaoyu", Role: RoleContributor, City: "330100", Department: "市教育局"}
		shanghai := &User{Username: "zhao", Role: RoleCoordinator, City: "310000"}
		zhou := &User{Username: "zhou", Role: RoleExpert}
		wu := &User{Username: "wu", Role: RoleExpert}
		both := &User{Username: "li", Role: RoleReviewer, Cities: []string{"310000", "330100"}}
		onlySH := &User{Username: "sun", Role: RoleReviewer, Cities: []string{"310000"}}
		keep := func(u *User) string {
			t.Helper()
			key, err := s.PassageKey(ctx, u.PassageScope(), 总结)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.KeepPassage(ctx, key, u.PassageScope(), 总结); err != nil {
				t.Fatalf("%s keeps the summary: %v", u.Username, err)
			}
			return key
		}
		hzKey, shKey := keep(hangzhou), keep(shanghai)
		if hzKey == shKey {
			t.Fatalf("the summary pasted in 杭州 and in 上海 has one key %s, want one per city", hzKey)
		}
		_, unknown := s.Passage(ctx, zhou, "0123456789abcdef0123456789abcdef")
		for _, u := range []*User{hangzhou, jiaoyu, zhou, both} {
			if got, err := s.Passage(ctx, u, hzKey); err != nil || got != 总结 {
				t.Errorf("%s reads 杭州's key: %q, %v; want the summary", u.Username, got, err)
			}
		}
		for _, u := range []*User{shanghai, onlySH, nil} {
			got, err := s.Passage(ctx, u, hzKey)
			if ErrorCode(err) != ENOTFOUND || got != "" || err.Error() != unknown.Error() {
				t.Errorf("%v reads 杭州's key: %q, %v; want %v as for a key never kept", u, got, err, unknown)
			}
		}
		if zhouKey, wuKey := keep(zhou), keep(wu); zhouKey != wuKey {
			t.Errorf("two experts keep the summary under %s and %s, want one key they share", zhouKey, wuKey)
		} else if _, err := s.Passage(ctx, hangzhou, zhouKey); ErrorCode(err) != ENOTFOUND {
			t.Errorf("杭州's coordinator reads the experts' key: %v, want ENOTFOUND", err)
		}
	})
}

// TestPassagesKeptWithoutAScopeAreForgotten: a passage kept before
// migration 045 (no scope) is read by no one, and the migration run again
// forgets it.
func TestPassagesKeptWithoutAScopeAreForgotten(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const 通知 = "各区县教育局：为做好2019年全民终身学习活动周工作，现将有关事项通知如下。"
		if _, err := s.execWrite(ctx, `INSERT INTO search_passage (passage_key, body, used_at) VALUES (?, ?, ?)`,
			"0123456789abcdef0123456789abcdef", 通知, formatTime(s.now())); err != nil {
			t.Fatal(err)
		}
		admin := &User{Username: "admin", Role: RoleAdmin}
		if _, err := s.Passage(ctx, admin, "0123456789abcdef0123456789abcdef"); ErrorCode(err) != ENOTFOUND {
			t.Errorf("an admin reads a passage kept without a scope: %v, want ENOTFOUND", err)
		}
		runMigrationAgain(t, s, migrationAt(t, s, "_passage_scope"+cmp.Or(s.dialect.twin, ".sql")))
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_passage`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d passages (%v) after migration 045 ran again, want the unscoped one forgotten", n, err)
		}
	})
}
