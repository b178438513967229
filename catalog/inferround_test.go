package catalog

import (
	"context"
	"testing"
)

func TestInferRoundInOneQuery(t *testing.T) { forEachStore(t, testInferRoundInOneQuery) }

// testInferRoundInOneQuery: the round of a document whose uploader named
// none (rounds 2017 and 2018, the current) is found by one statement
// whichever year decides: the year a summary dated the year after names,
// the year of its date, the one year its title names, or, when none of
// them is a round, the current round.
func testInferRoundInOneQuery(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, c := range []struct{ title, issued, want string }{
		{"杭州市2017年学习型城市建设工作总结", "2018-03-20", "2017"},
		{"关于开展2018年全民终身学习活动周的通知", "2017-05-08", "2017"},
		{"2017年社区教育统计数据", "", "2017"},
		{"关于推进学习型城市建设的实施意见", "2019-04-08", "2018"},
		{"杭州市2019年学习型城市建设工作总结", "2020-03-01", "2018"},
	} {
		before := s.Statements()
		got, err := s.InferRound(ctx, c.issued, c.title, c.title+".docx")
		if n := s.Statements() - before; err != nil || got != c.want || n != 1 {
			t.Errorf("round of %q dated %q: %q, %v, in %d statements; want %q in 1", c.title, c.issued, got, err, n, c.want)
		}
	}
}
