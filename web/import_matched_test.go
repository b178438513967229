package web

import (
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
