package fields

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestReadLooksAtABoundedPart: a 4 MiB text on one line (a table's
// export, or a crafted file) is read from its head and its foot only, at
// most 2×maxEndBytes, and still gives its title, 文号 and signature; a
// text under maxReadBytes is read whole.
func TestReadLooksAtABoundedPart(t *testing.T) {
	head := "杭州市教育局文件 杭教职成〔2024〕7号 关于开展2024年全民终身学习活动周的通知 各区、县（市）教育局："
	body := strings.Repeat("各社区学习点组织市民参加书法、摄影和智能手机课程，", (4<<20)/75)
	foot := "杭州市教育局 2024年5月6日"
	pages := []string{head + body + foot}
	in := bounded(pages)
	total := 0
	for _, p := range in {
		total += len(p)
		if !utf8.ValidString(p) {
			t.Errorf("a part cut inside a character: %q…", p[:min(len(p), 40)])
		}
	}
	if total > 2*maxEndBytes || len(pages[0]) < 4<<20 {
		t.Fatalf("looked at %d bytes of %d, want at most %d", total, len(pages[0]), 2*maxEndBytes)
	}
	f := Read(pages, "")
	if f.DocNumber.Value != "杭教职成〔2024〕7号" || f.IssuedOn.Value != "2024-05-06" || !strings.Contains(f.Title.Value, "全民终身学习活动周") {
		t.Errorf("fields of the 4 MiB text: %+v", f)
	}
	short := []string{"第一页", "第二页"}
	if got := bounded(short); len(got) != 2 || got[0] != short[0] || got[1] != short[1] {
		t.Errorf("a short text bounded to %q", got)
	}
}
