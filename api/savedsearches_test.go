package api

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSearchExportXLSX: the results of a search as a workbook with the
// Chinese columns, one row per passage, a link to its page, and a title
// and a file name that look like formulas kept as text; the file name
// tells apart versions that share a title.
func TestSearchExportXLSX(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "policy",
		"title": `=HYPERLINK("http://example.com","学分银行")`, "doc_number": "杭政办发〔2018〕12号", "issued_on": "2018-03-20"},
		map[string][]byte{"=1+2学分银行办法.txt": []byte("杭州市学分银行管理办法。\f第二页：学分银行实行学习成果认证。")})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	id := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	e.upload(cityB, "b.txt", "成都市社区教育工作要点")

	req := e.request("GET", "/api/v1/search/export?q=学分银行&city="+cityA, nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["expert"])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("export: %d %q %s", res.StatusCode, res.Header.Get("Content-Disposition"), data)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open the export: %v", err)
	}
	rows, err := f.GetRows("检索结果")
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"标题", "文件名", "城市", "类型", "文号", "成文日期", "指标", "页码", "命中段落", "链接", "已退回"}
	if len(rows) == 0 || !slices.Equal(rows[0], wantHeader) {
		t.Fatalf("header %v, want %v", rows[0], wantHeader)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want the header and one per page with a hit: %v", len(rows), rows)
	}
	for i, row := range rows[1:] {
		page := []string{"1", "2"}[i]
		if row[0] != `'=HYPERLINK("http://example.com","学分银行")` || row[1] != "'=1+2学分银行办法.txt" || row[2] != "杭州" || row[3] != "政策文件" ||
			row[4] != "杭政办发〔2018〕12号" || row[5] != "2018-03-20" || row[7] != page ||
			!strings.Contains(row[8], "学分银行") || !strings.HasSuffix(row[9], "/documents/"+id+"?page="+page) {
			t.Errorf("row %d: %q", i+2, row)
		}
	}
	about, _ := f.GetRows("说明")
	if len(about) < 6 || about[0][1] != "学分银行" || !strings.Contains(about[5][1], "5000") {
		t.Errorf("the about sheet: %q", about)
	}
}

// TestSavedSearchAPI: save, a new matching upload counted, seen resets it;
// the indicator's query pack counts it too.
func TestSavedSearchAPI(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/saved-searches",
		`{"name":"学分银行（杭州）","query":"学分银行","filters":{"cities":["330100"]},"indicator":"2.3.1"}`), "expert")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("save: %d %v", resp.StatusCode, body)
	}
	saved := body["saved_search"].(map[string]any)
	id := saved["id"].(string)
	if saved["new"].(float64) != 0 || saved["params"] != "city=330100&q=%E5%AD%A6%E5%88%86%E9%93%B6%E8%A1%8C" {
		t.Errorf("saved: %v", saved)
	}
	e.upload(cityA, "new.txt", "杭州市学分银行建设方案")
	e.upload(cityB, "other.txt", "成都市学分银行建设方案")
	for _, path := range []string{"/api/v1/saved-searches/" + id, "/api/v1/saved-searches/" + id + "/seen"} {
		method := map[bool]string{true: "POST", false: "GET"}[strings.HasSuffix(path, "/seen")]
		resp, body = e.do(e.request(method, path, nil), "expert")
		if got := body["saved_search"].(map[string]any)["new"]; resp.StatusCode != 200 || got != 1.0 {
			t.Errorf("%s %s: %d new %v, want 1", method, path, resp.StatusCode, got)
		}
	}
	_, body = e.do(e.request("GET", "/api/v1/saved-searches", nil), "expert")
	list := body["saved_searches"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["new"] != 0.0 {
		t.Errorf("after seen: %v, want one search with 0 new", list)
	}
	_, body = e.do(e.request("GET", "/api/v1/indicators/2.3.1/query-pack", nil), "reviewer")
	if body["new"] != 1.0 || len(body["searches"].([]any)) != 1 {
		t.Errorf("the reviewer's view of pack 2.3.1: %v, want 1 new in 1 search", body)
	}
	// A search of substrings saved stays one: 健全 cut 建立|健|全市 counts.
	resp, body = e.do(e.request("POST", "/api/v1/saved-searches",
		`{"name":"健全（字串）","query":"健全","filters":{"match":"substring"}}`), "expert")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("save with match substring: %d %v", resp.StatusCode, body)
	}
	saved = body["saved_search"].(map[string]any)
	if saved["params"] != "match=substring&q=%E5%81%A5%E5%85%A8" || saved["filters"].(map[string]any)["match"] != "substring" {
		t.Errorf("saved with match substring: %v", saved)
	}
	e.upload(cityA, "net.txt", "建立健全市、区（县）两级老年教育网络。")
	_, body = e.do(e.request("GET", "/api/v1/saved-searches/"+saved["id"].(string), nil), "expert")
	if got := body["saved_search"].(map[string]any)["new"]; got != 1.0 {
		t.Errorf("the search of substrings saved counts %v new, want 1 (健全 in 建立健全市)", got)
	}
}

// TestSearchExportInEnglish: asked in English (lang=en or Accept-Language),
// the export's sheets, columns and document types are English and its file
// is named in English; titles, 文号 and passages stay as recorded.
func TestSearchExportInEnglish(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "a.txt", "杭州市学分银行管理办法。")
	for _, how := range []string{"lang", "header"} {
		path := "/api/v1/search/export?q=学分银行"
		if how == "lang" {
			path += "&lang=en"
		}
		req := e.request("GET", path, nil)
		if how == "header" {
			req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
		}
		res, data, err := e.fetch(req, "expert")
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: export %v %v %s", how, res, err, data)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "search-results-") {
			t.Errorf("%s: file %q, want an English name", how, cd)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Results")
		f.Close()
		if err != nil {
			t.Fatalf("%s: no sheet Results: %v", how, err)
		}
		if rows[0][0] != "Title" || rows[0][1] != "File name" || rows[0][8] != "Passage" {
			t.Errorf("%s: header %q", how, rows[0])
		}
		if len(rows) < 2 || rows[1][3] != "Work summary" || !strings.Contains(rows[1][8], "学分银行") {
			t.Errorf("%s: row %q, want an English type and the Chinese passage", how, rows[1:])
		}
	}
}
