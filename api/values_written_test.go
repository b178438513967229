package api

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestValuesAnswerTheValueAsWritten: the values API's given is the
// value box as typed, with the unit only when it was typed there or at
// another scale, so one listing read “3000” (unit 人) beside “12.5万人次”
// (probe s41 #7): a client showing given showed one value without its
// unit and the other with it. Every value, its previous round's, in the
// listing, a value read alone and a ledger's import answer, has written
// (3000人, 12.5万人次: as the coordinator wrote it, with its unit, as
// /values and the report show it) and written_en (in English form),
// beside value, the number in the indicator's unit for comparing.
func TestValuesAnswerTheValueAsWritten(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "2017年社区教育统计.txt", "全年开展社区教育活动，参与市民12.5万人次。学分银行录入社会培训成果3000人。")
	type want struct {
		value              float64
		given, written, en string
	}
	wants := map[string]want{
		"3.1.3": {12.5, "12.5万人次", "12.5万人次", "125,000 attendances"},
		"2.3.3": {3000, "3000", "3000人", "3,000 people"},
	}
	check := func(what string, v map[string]any) {
		t.Helper()
		w, ok := wants[v["indicator"].(string)]
		if !ok {
			t.Fatalf("%s: an indicator not recorded: %v", what, v)
		}
		if v["value"] != w.value || v["given"] != w.given || v["written"] != w.written || v["written_en"] != w.en {
			t.Errorf("%s %v: value %v given %q written %q written_en %q; want %v, %q, %q, %q", what, v["indicator"],
				v["value"], v["given"], v["written"], v["written_en"], w.value, w.given, w.written, w.en)
		}
	}
	for _, b := range []map[string]any{
		{"round": 2017, "indicator": "3.1.3", "value": "12.5万", "unit": "人次", "citation": map[string]any{"document_id": doc, "page": 1, "quote": "参与市民12.5万人次"}},
		{"round": 2017, "indicator": "2.3.3", "value": 3000, "unit": "人", "citation": map[string]any{"document_id": doc, "page": 1, "quote": "录入社会培训成果3000人"}},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/values", b), "coordA")
		v, _ := body["value"].(map[string]any)
		if resp.StatusCode != http.StatusCreated || v == nil {
			t.Fatalf("record %v: %d %v", b["indicator"], resp.StatusCode, body)
		}
		check("recorded", v)
		_, body = e.do(e.request("GET", "/api/v1/values/"+v["id"].(string), nil), "reviewer")
		check("read alone", body["value"].(map[string]any))
	}
	resp, body := e.do(e.request("GET", "/api/v1/values?city="+cityA+"&round=2017", nil), "reviewer")
	list, _ := body["values"].([]any)
	if resp.StatusCode != http.StatusOK || len(list) != 2 {
		t.Fatalf("list the 2017 values: %d %v", resp.StatusCode, body)
	}
	for _, v := range list {
		check("listed", v.(map[string]any))
	}

	// The same two as a 2018 ledger: written as the API's were, the 2017
	// ones as previous.
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"指标编码", "数值", "单位", "文档编号", "页码", "引文"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"3.1.3", "12.5万", "人次", doc, 1, "参与市民12.5万人次"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"2.3.3", 3000, "人", doc, 1, "录入社会培训成果3000人"})
	var ledger bytes.Buffer
	if err := f.Write(&ledger); err != nil {
		t.Fatal(err)
	}
	resp, body = e.do(e.request("POST", "/api/v1/values/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"数值台账.xlsx": ledger.Bytes()})), "coordA")
	imported, _ := body["values"].([]any)
	if resp.StatusCode != http.StatusCreated || len(imported) != 2 {
		t.Fatalf("import the ledger: %d %v", resp.StatusCode, body)
	}
	for _, item := range imported {
		v := item.(map[string]any)
		check("imported", v)
		prev, _ := v["previous"].(map[string]any)
		if prev == nil {
			t.Errorf("imported %v: no previous", v["indicator"])
			continue
		}
		prev["indicator"] = v["indicator"]
		check("previous of imported", prev)
	}
}
