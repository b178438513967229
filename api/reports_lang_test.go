package api

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestReportLanguage: a report is written in English when the lang
// parameter, the web UI's language cookie or Accept-Language asks for it,
// in Chinese otherwise; the parameter wins over the header.
func TestReportLanguage(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	e.value(doc)
	cases := []struct {
		name, query, header, cookie string
		english                     bool
	}{
		{"默认中文", "", "", "", false},
		{"lang=en", "&lang=en", "", "", true},
		{"Accept-Language 英文", "", "en-US,en;q=0.9", "", true},
		{"Accept-Language 中文", "", "zh-CN,zh;q=0.9,en;q=0.8", "", false},
		{"界面选择英文", "", "", "en", true},
		{"参数优先于请求头", "&lang=zh", "en-US", "", false},
	}
	for _, c := range cases {
		req := e.request("GET", "/api/v1/reports/"+cityA+"?round=2017&format=docx"+c.query, nil)
		if c.header != "" {
			req.Header.Set("Accept-Language", c.header)
		}
		if c.cookie != "" {
			req.AddCookie(&http.Cookie{Name: "evidence_lang", Value: c.cookie})
		}
		resp, body, err := e.fetch(req, "coordA")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %v %.200s", c.name, resp, err, body)
		}
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatalf("%s: not a docx: %v", c.name, err)
		}
		var doc string
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				doc = string(b)
			}
		}
		if got := strings.Contains(doc, "Learning City Monitoring Report"); got != c.english {
			t.Errorf("%s: English title %v, want %v", c.name, got, c.english)
		}
		if got := strings.Contains(doc, "学习型城市建设监测报告"); got == c.english {
			t.Errorf("%s: Chinese title %v, want %v", c.name, got, !c.english)
		}
	}
}
