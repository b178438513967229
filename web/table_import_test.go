package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestImportRefusesAReaderBeforeItsForm: an expert or a reviewer posting
// to an import without a file (a plain form, as a script or a stale page
// sends) is told they may not import, not that the file is missing,
// which would send them looking for a file they are not allowed to
// import (probe s36 #19).
func TestImportRefusesAReaderBeforeItsForm(t *testing.T) {
	s := newSite(t)
	for _, who := range []string{"zhou", "li"} {
		b := s.login(who)
		for _, path := range []string{"/assignments/import", "/values/import"} {
			resp, body := b.post(path, url.Values{"city": {"330100"}, "round": {"2018"}})
			if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "请选择") {
				t.Errorf("%s posting a plain form to %s: %d %.300s; want 403 saying who may import", who, path, resp.StatusCode, textOf(body))
			}
		}
	}
}

// TestReimportedTableSaysNothingChanged: the board's message after a
// table is imported twice counts its rows as unchanged, not updated.
func TestReimportedTableSaysNothingChanged(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	table := []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n")
	changed := []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-05-15,李科长\n3.1.1,市民政局,2018-06-30,\n")
	cases := []struct {
		name  string
		table []byte
		said  string
	}{
		{"第一次导入", table, "已导入：新增 2 项，更新 0 项，未变 0 项"},
		{"同一张表再导入", table, "已导入：新增 0 项，更新 0 项，未变 2 项"},
		{"改了截止日期并加了一项", changed, "已导入：新增 1 项，更新 1 项，未变 1 项"},
	}
	for _, c := range cases {
		r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
			map[string][]byte{"责任分解表.csv": c.table})
		if r.resp.StatusCode != http.StatusOK || !strings.Contains(r.body, c.said) {
			t.Errorf("%s: %d, want the board saying %q:\n%.600s", c.name, r.resp.StatusCode, c.said, textOf(r.body))
		}
	}
}
