package web

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestMissingXLSXInThePagesLanguage: the board's download of what is
// missing is in the language the pages are read in: English after the
// language switch (its sheet, headings, statuses, file name), Chinese
// otherwise.
func TestMissingXLSXInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	if _, err := s.env.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-10-31"}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	u, _ := url.Parse(s.srv.URL)
	for _, tt := range []struct {
		lang                                   Lang
		sheet, heading, status, filenamePrefix string
	}{
		{Chinese, "未交材料", "责任单位", "未提交", "未交材料-"},
		{English, "Missing", "Department", "Open", "missing-"},
	} {
		wang.c.Jar.SetCookies(u, []*http.Cookie{{Name: langCookie, Value: string(tt.lang), Path: "/"}})
		resp, body := wang.get("/assignments/missing.xlsx?city=330100&round=2018")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %.300s", tt.lang, resp.StatusCode, body)
		}
		if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err != nil || !strings.HasPrefix(params["filename"], tt.filenamePrefix) {
			t.Errorf("%s: file named %q (%v), want %s…", tt.lang, params["filename"], err, tt.filenamePrefix)
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(tt.sheet)
		f.Close()
		if err != nil || len(rows) != 2 || rows[0][0] != tt.heading || !strings.HasPrefix(rows[1][6], tt.status) {
			t.Errorf("%s: sheet %s: %v %v, want headed %s, 2.3.1 %s", tt.lang, tt.sheet, rows, err, tt.heading, tt.status)
		}
	}
}
