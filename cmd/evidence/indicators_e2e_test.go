package main

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

func (s *server) send(method, path string, body string) (int, map[string]any) {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return s.do(req)
}

func (s *server) searchNames(q string, extra url.Values) []string {
	s.t.Helper()
	v := url.Values{"q": {q}}
	for k, vs := range extra {
		v[k] = vs
	}
	status, body := s.get("/api/v1/search", v)
	if status != http.StatusOK {
		s.t.Fatalf("search %q: %d %v", q, status, body)
	}
	names := hitNames(body)
	slices.Sort(names)
	return names
}

// TestIndicatorsEndToEnd links evidence to indicators and follows the
// links through search, suggestions, evidence lists and coverage.
func TestIndicatorsEndToEnd(t *testing.T) {
	s := startServer(t, "")
	ids := map[string]string{}
	for _, up := range []struct {
		file, city, indicators string
	}{
		{"ningbo-policy.pdf", "330200", "1.1.1"},
		{"hangzhou-summary.docx", "330100", ""},
		{"chengdu-news-gb18030.txt", "510100", "3.1.1,2.3.1"},
	} {
		status, body := s.upload(map[string]string{"city": up.city, "doc_type": "work_summary", "round": "2017", "indicators": up.indicators}, fixture(t, up.file))
		if status != http.StatusCreated {
			t.Fatalf("upload %s: %d %v", up.file, status, body)
		}
		d := uploadedDocuments(t, body)[0]
		ids[up.file] = d["id"].(string)
		if n := len(d["links"].([]any)); n != len(catalog.SplitList(up.indicators)) {
			t.Errorf("%s uploaded with indicators %q has %d links", up.file, up.indicators, n)
		}
		s.waitDone(ids[up.file])
	}
	ningbo := ids["ningbo-policy.pdf"]

	// Search by indicator follows links at once.
	byBank := url.Values{"indicator": {"2.3.1"}}
	if got := s.searchNames("", byBank); !slices.Equal(got, []string{"chengdu-news-gb18030.txt"}) {
		t.Fatalf("indicator 2.3.1 before linking: %v", got)
	}
	status, body := s.send("POST", "/api/v1/links", `{"document_id":"`+ningbo+`","indicator":"2.3.1","page":2,"quote":"建立宁波市学分银行","note":"实施意见第二条"}`)
	if status != http.StatusCreated {
		t.Fatalf("create link: %d %v", status, body)
	}
	linkID := body["link"].(map[string]any)["id"].(string)
	if got := s.searchNames("学分银行", byBank); !slices.Equal(got, []string{"chengdu-news-gb18030.txt", "ningbo-policy.pdf"}) {
		t.Errorf("indicator 2.3.1 after linking: %v", got)
	}
	_, doc := s.get("/api/v1/documents/"+ningbo, nil)
	if links := doc["links"].([]any); len(links) != 2 {
		t.Errorf("document links %v", links)
	}

	bad := []struct {
		body   string
		status int
		phrase string
	}{
		{`{"document_id":"` + ningbo + `","indicator":"2.3.1"}`, 409, "已关联"},
		{`{"document_id":"` + ningbo + `","indicator":"2.3"}`, 400, "关键指标"},
		{`{"document_id":"` + ningbo + `","indicator":"9.9.9"}`, 400, "9.9.9"},
		{`{"document_id":"NOPE","indicator":"2.3.1"}`, 404, "NOPE"},
		{`{"document_id":"` + ningbo + `","indicator":"2.3.2","page":9}`, 400, "页码"},
		{`{"document_id":"` + ningbo + `"}`, 400, "indicator"},
		{`not json`, 400, "JSON"},
	}
	for _, tt := range bad {
		status, body := s.send("POST", "/api/v1/links", tt.body)
		if _, msg := errorOf(body); status != tt.status || !strings.Contains(msg, tt.phrase) {
			t.Errorf("link %s: %d %q, want %d with %q", tt.body, status, msg, tt.status, tt.phrase)
		}
	}
	status, body = s.upload(map[string]string{"city": "330100", "doc_type": "policy", "indicators": "1.1.1,2.3"}, fixture(t, "wuhan-case.html"))
	if _, msg := errorOf(body); status != 400 || !strings.Contains(msg, "2.3") {
		t.Errorf("upload with a level-2 indicator: %d %q", status, msg)
	}

	// Evidence for 2.3.1: linked documents first, with their passage, then suggestions.
	_, ev := s.get("/api/v1/indicators/2.3.1/evidence", nil)
	items := ev["documents"].([]any)
	if len(items) < 2 {
		t.Fatalf("evidence for 2.3.1: %v", ev)
	}
	first := items[0].(map[string]any)
	if first["suggested"] != false || first["link"] == nil {
		t.Errorf("first evidence item not a linked document: %v", first)
	}
	for _, it := range items {
		it := it.(map[string]any)
		if it["id"] == ningbo {
			p := it["passage"].(map[string]any)
			if p["page"] != float64(2) || !strings.Contains(p["html"].(string), "学分银行") {
				t.Errorf("linked passage %v", p)
			}
		}
	}
	_, ev = s.get("/api/v1/indicators/2.1.1/evidence", url.Values{"city": {"330100"}})
	sugg := ev["documents"].([]any)
	if len(sugg) != 1 || sugg[0].(map[string]any)["suggested"] != true || sugg[0].(map[string]any)["id"] != ids["hangzhou-summary.docx"] {
		t.Errorf("suggested evidence for 2.1.1 in 杭州: %v", sugg)
	}

	// Suggestions for the Ningbo policy rank a credit-bank or policy indicator high.
	_, sg := s.get("/api/v1/documents/"+ningbo+"/suggestions", nil)
	var codes []string
	for _, x := range sg["suggestions"].([]any) {
		codes = append(codes, x.(map[string]any)["code"].(string))
	}
	if len(codes) == 0 || slices.Contains(codes, "2.3.1") || slices.Contains(codes, "1.1.1") {
		t.Errorf("suggestions %v: want some, without the linked 1.1.1 and 2.3.1", codes)
	}

	// Unlinking is followed at once as well.
	if status, body := s.send("DELETE", "/api/v1/links/"+linkID, ""); status != http.StatusOK {
		t.Fatalf("delete link: %d %v", status, body)
	}
	if got := s.searchNames("学分银行", byBank); !slices.Equal(got, []string{"chengdu-news-gb18030.txt"}) {
		t.Errorf("indicator 2.3.1 after unlinking: %v", got)
	}
	if status, _ := s.send("DELETE", "/api/v1/links/"+linkID, ""); status != http.StatusNotFound {
		t.Errorf("deleting a deleted link: %d", status)
	}

	// The tree rolls evidence up; coverage lists gaps first.
	_, tree := s.get("/api/v1/indicators", url.Values{"city": {"510100"}})
	areas := tree["indicators"].([]any)
	counts := map[string]float64{}
	for _, a := range areas {
		a := a.(map[string]any)
		counts[a["code"].(string)] = a["evidence"].(float64)
	}
	if counts["2"] != 1 || counts["3"] != 1 || counts["1"] != 0 {
		t.Errorf("成都 area counts %v, want 2:1 3:1 1:0", counts)
	}
	_, cov := s.get("/api/v1/coverage", url.Values{"round": {"2017"}, "city": {"510100"}})
	city := cov["cities"].([]any)[0].(map[string]any)
	cells := city["cells"].([]any)
	if city["covered"] != float64(2) || cells[0].(map[string]any)["documents"] != float64(0) || cells[0].(map[string]any)["kind"] != "qualitative" {
		t.Errorf("成都 coverage: covered %v, first cell %v", city["covered"], cells[0])
	}
	_, cov = s.get("/api/v1/coverage", url.Values{"round": {"2016"}})
	for _, c := range cov["cities"].([]any) {
		if c.(map[string]any)["covered"] != float64(0) {
			t.Errorf("round 2016 has coverage: %v", c)
		}
	}
}

func TestFrameworkImportKeepsLinksAndReportsOrphans(t *testing.T) {
	s := startServer(t, "")
	status, body := s.upload(map[string]string{"city": "330200", "doc_type": "policy", "indicators": "1.1.1,2.3.1"}, fixture(t, "ningbo-policy.pdf"))
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(id)

	// Version 2 keeps 1.1.1 and drops 2.3.1.
	csv := "code,name,kind,info,keywords\n1,组织保障,,,\n1.1,规划与政策法规,,,\n1.1.1,出台推进学习型城市建设的决定,定性,政策文件,决定\n"
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", "v2.csv")
	w.Write([]byte(csv))
	mw.WriteField("id", "demo-learning-city")
	mw.WriteField("version", "2")
	mw.Close()
	req, _ := http.NewRequest("POST", s.base+"/api/v1/framework", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	status, body = s.do(req)
	if status != http.StatusCreated {
		t.Fatalf("import v2: %d %v", status, body)
	}
	orphans := body["orphan_links"].([]any)
	if len(orphans) != 1 || orphans[0].(map[string]any)["indicator"] != "2.3.1" || !slices.Contains(toStrings(body["removed"]), "2.3.1") {
		t.Errorf("import report %v", body)
	}
	if got := s.searchNames("", url.Values{"indicator": {"1.1.1"}}); len(got) != 1 {
		t.Errorf("link to a kept code lost: %v", got)
	}

	// A broken file names every bad row and changes nothing.
	data := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(data, []byte("code,name,kind\n1,组织保障,\n1.1.1,缺少上级,定性\n1,重复,\n"), 0o644)
	out, err := runCLI(t, "framework", "import", data, "--data", s.dataDir)
	if err == nil || !strings.Contains(describe(err), "第 3 行") || !strings.Contains(describe(err), "第 4 行") {
		t.Errorf("bad framework import: %v %s", err, out)
	}
	_, tree := s.get("/api/v1/indicators", nil)
	if fw := tree["framework"].(map[string]any); fw["version"] != "2" {
		t.Errorf("framework after failed import: %v", fw)
	}
}

func toStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}
