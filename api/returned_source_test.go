package api

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// returnedLedger is 市教育局's 2018 ledger of learning bases, handed in
// for its task and returned by coordA (台账未盖章): the document's id.
func returnedLedger(t *testing.T) (*env, string) {
	t.Helper()
	e, id := taskEnv(t)
	resp, body := e.handIn(id, "contribA", "statistics", "终身学习基地台账.txt", "杭州市2018年终身学习基地台账：认定市民终身学习基地123个。")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the ledger: %d %v", resp.StatusCode, body)
	}
	doc := body["documents"].([]any)[0].(map[string]any)["id"].(string)
	e.te.WaitIndexed(doc)
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", map[string]any{"reason": "台账未盖章"}), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("returning the ledger: %d %v", resp.StatusCode, body)
	}
	return e, doc
}

// saysReturned reports whether warnings name the return of the cited
// ledger, who returned it and why, in Chinese and English.
func saysReturned(warnings any, prefix string) bool {
	list, _ := warnings.([]any)
	for _, w := range list {
		m, _ := w.(map[string]any)
		zh, _ := m["message"].(string)
		en, _ := m["message_en"].(string)
		if strings.HasPrefix(zh, prefix) && strings.Contains(zh, "所引文档《终身学习基地台账》已于") &&
			strings.Contains(zh, "由 coordA 退回（原因：台账未盖章），请改引更正后的文件") && strings.Contains(en, "was returned on") {
			return true
		}
	}
	return false
}

// TestValueCitingAReturnedFileIsWarnedOf: a ledger whose row cites the
// file coordA returned is imported all the same (a warning, not a
// refusal), its row saying who returned the file, when and why; the value
// form and a claim citing it say the same (probe s42 finding 2).
func TestValueCitingAReturnedFileIsWarnedOf(t *testing.T) {
	e, doc := returnedLedger(t)
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"指标编码", "数值", "单位", "文档编号", "页码", "引文"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"2.2.1", "123", "个", doc, 1, "认定市民终身学习基地123个"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/values/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"数值台账.xlsx": b.Bytes()})), "coordA")
	list, _ := body["values"].([]any)
	if resp.StatusCode != http.StatusCreated || len(list) != 1 {
		t.Fatalf("importing the ledger: %d %v, want it imported", resp.StatusCode, body)
	}
	if v := list[0].(map[string]any); !saysReturned(v["warnings"], "第 2 行\uFF1A") {
		t.Errorf("the imported row's warnings %v, want 第 2 行 naming the return", v["warnings"])
	}
	resp, body = e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2018, "indicator": "2.2.1", "value": 123,
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "认定市民终身学习基地123个"}}), "coordA")
	if resp.StatusCode >= 300 || !saysReturned(body["value"].(map[string]any)["warnings"], "所引文档") {
		t.Errorf("the value form: %d %v, want saved with a warning naming the return", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/claims", map[string]any{"round": 2018, "indicator": "2.2.1",
		"statement": "我市认定市民终身学习基地123个。",
		"citations": []map[string]any{{"document_id": doc, "page": 1, "quote": "认定市民终身学习基地123个"}}}), "coordA")
	if resp.StatusCode != http.StatusCreated || !saysReturned(body["claim"].(map[string]any)["source_warnings"], "所引文档") {
		t.Errorf("a claim: %d %v, want saved with a source warning naming the return", resp.StatusCode, body)
	}
}

// TestReportMarksAReturnedSource: the round report lists the returned
// ledger a value cites, as its source, marked （已退回）, in XLSX and DOCX,
// and in English (returned) (probe s42 finding 2).
func TestReportMarksAReturnedSource(t *testing.T) {
	e, doc := returnedLedger(t)
	resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2018, "indicator": "2.2.1", "value": 123,
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "认定市民终身学习基地123个"}}), "coordA")
	if resp.StatusCode >= 300 {
		t.Fatalf("recording the value: %d %v", resp.StatusCode, body)
	}
	fetch := func(query string) []byte {
		t.Helper()
		resp, b, err := e.fetch(e.request("GET", "/api/v1/reports/"+cityA+"?round=2018"+query, nil), "coordA")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("report %s: %v %v %.200s", query, resp, err, b)
		}
		return b
	}
	for _, tt := range []struct{ query, want string }{
		{"&format=xlsx", "《终身学习基地台账》\uFF08已退回\uFF09"},
		{"&format=xlsx&lang=en", "《终身学习基地台账》 (returned)"},
	} {
		f, err := excelize.OpenReader(bytes.NewReader(fetch(tt.query)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet)
			for _, row := range rows {
				found = found || strings.Contains(strings.Join(row, "\t"), tt.want)
			}
		}
		f.Close()
		if !found {
			t.Errorf("report %s: no cell says %q", tt.query, tt.want)
		}
	}
	xml := docxText(t, fetch("&format=docx"))
	if !strings.Contains(xml, "终身学习基地台账\uFF08已退回\uFF09") {
		t.Errorf("DOCX does not mark the returned ledger （已退回）")
	}
}
