package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestImportSaysWhichListedDepartmentANameWentTo: a table naming
// 杭州市教育局, imported where the list holds 市教育局 (jiaoyu's), says
// on the board which department it went to; it went there silently (probe s56).
func TestImportSaysWhichListedDepartmentANameWentTo(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	wang := s.login("wang")
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.csv": []byte("指标编码,责任单位,截止日期\n2.3.1,杭州市教育局,2018-03-31\n")})
	const want = "杭州市教育局按责任单位名单中的“市教育局”导入"
	if text := textOf(r.body); r.resp.StatusCode != http.StatusOK || !strings.Contains(text, want) {
		t.Errorf("the import's message: %d, want %q in:\n%.900s", r.resp.StatusCode, want, text)
	}
}

// TestImportNamesTheFirstMatchedDepartments: a table renaming thirty
// departments of the list (杭州市第1局 for 市第1局, …) says the first five
// and how many in all (等 30 个); it named all thirty, a wall of names
// (review s57). The API answer still lists them all.
func TestImportNamesTheFirstMatchedDepartments(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	table := "指标编码,责任单位,截止日期\n"
	for i := 1; i <= 30; i++ {
		if _, err := s.env.Catalog.AddDepartment(ctx, "330100", fmt.Sprintf("市第%d局", i), "wang"); err != nil {
			t.Fatal(err)
		}
		table += fmt.Sprintf("2.3.1,杭州市第%d局,2018-03-31\n", i)
	}
	tests := []struct {
		english   bool
		says, not []string
	}{
		{false, []string{"；按责任单位名单中的名称导入：杭州市第1局按“市第1局”、杭州市第2局按“市第2局”、杭州市第3局按“市第3局”、杭州市第4局按“市第4局”、杭州市第5局按“市第5局”等 30 个"},
			[]string{"杭州市第6局", "杭州市第30局"}},
		{true, []string{"; imported as the list of departments names them: 杭州市第1局 as “市第1局”, 杭州市第2局 as “市第2局”, 杭州市第3局 as “市第3局”, 杭州市第4局 as “市第4局”, 杭州市第5局 as “市第5局” and 25 more"},
			[]string{"杭州市第6局", "杭州市第30局"}},
	}
	wang := s.login("wang")
	for _, tt := range tests {
		if tt.english {
			wang.english()
		}
		r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
			map[string][]byte{"责任分解表.csv": []byte(table)})
		text := textOf(r.body)
		if r.resp.StatusCode != http.StatusOK {
			t.Fatalf("import (English: %v): %d %.900s", tt.english, r.resp.StatusCode, text)
		}
		for _, want := range tt.says {
			if !strings.Contains(text, want) {
				t.Errorf("the import's message (English: %v): want %q in:\n%.1500s", tt.english, want, text)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(text, not) {
				t.Errorf("the import's message (English: %v) names %q:\n%.1500s", tt.english, not, text)
			}
		}
	}
}
