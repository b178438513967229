package api

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestMissingXLSXSpeaksTheRequestsLanguage: the download of what is
// missing is in English when the request asks for English (?lang=en, the
// language cookie or Accept-Language, as a report is), its sheet, headings,
// statuses, the indicator's name and the file's name; in Chinese otherwise.
func TestMissingXLSXSpeaksTheRequestsLanguage(t *testing.T) {
	e := newEnv(t)
	if _, err := e.te.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-10-31"}); err != nil {
		t.Fatal(err)
	}
	ind, err := e.cat.Indicator(context.Background(), "2.3.1")
	if err != nil || ind.NameEN == "" {
		t.Fatalf("2.3.1: %+v %v, want an English name", ind, err)
	}
	for _, tt := range []struct {
		name, query, header    string
		sheet, heading, status string
		filename, indicator    string
	}{
		{"默认中文", "", "", "未交材料", "责任单位", "未提交", "未交材料-", ind.Name},
		{"lang=en", "&lang=en", "", "Missing", "Department", "Open", "missing-", ind.NameEN},
		{"Accept-Language", "", "en-US,en;q=0.9", "Missing", "Department", "Open", "missing-", ind.NameEN},
		{"lang=zh 优先于 Accept-Language", "&lang=zh", "en-US", "未交材料", "责任单位", "未提交", "未交材料-", ind.Name},
	} {
		req := e.request("GET", "/api/v1/assignments/missing.xlsx?city="+cityA+"&round=2018"+tt.query, nil)
		if tt.header != "" {
			req.Header.Set("Accept-Language", tt.header)
		}
		resp, data, err := e.fetch(req, "coordA")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: missing materials: %v %v %.200s", tt.name, resp, err, data)
		}
		if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err != nil || !strings.HasPrefix(params["filename"], tt.filename) {
			t.Errorf("%s: file named %q (%v), want %s…", tt.name, params["filename"], err, tt.filename)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(tt.sheet)
		f.Close()
		if err != nil || len(rows) != 2 || rows[0][0] != tt.heading || !strings.HasPrefix(rows[1][6], tt.status) || rows[1][3] != tt.indicator {
			t.Errorf("%s: sheet %s: %v %v, want headed %s, 2.3.1 (%s) %s", tt.name, tt.sheet, rows, err, tt.heading, tt.indicator, tt.status)
		}
	}
}
