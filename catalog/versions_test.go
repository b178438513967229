package catalog

import "testing"

// TestVersionGroups: each document joins the first group holding a
// version of it, the first fixed ones standing alone; documents without
// versions are groups of one.
func TestVersionGroups(t *testing.T) {
	pairs := map[string][]string{"意见.pdf": {"意见.docx"}, "意见.docx": {"意见.pdf"}}
	for _, c := range []struct {
		name  string
		ids   []string
		fixed int
		want  int
	}{
		{"无版本", []string{"总结", "方案"}, 0, 2},
		{"pdf与docx", []string{"意见.pdf", "总结", "意见.docx"}, 0, 2},
		{"都已列出", []string{"意见.pdf", "意见.docx"}, 2, 2},
		{"空", nil, 0, 0},
	} {
		if got := len(VersionGroups(c.ids, c.fixed, pairs)); got != c.want {
			t.Errorf("%s: %d groups, want %d", c.name, got, c.want)
		}
	}
}
