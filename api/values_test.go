package api

import (
	"net/http"
	"strings"
	"testing"
)

func TestValuesOverHTTP(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	other := e.upload(cityB, "cd.txt", "成都市认定学习基地123个。")
	post := func(body map[string]any) (*http.Response, map[string]any) {
		return e.do(e.request("POST", "/api/v1/values", body), "coordA")
	}
	resp, body := post(map[string]any{"round": 2017, "indicator": "2.3.3", "value": "12.3万", "unit": "人",
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "存入学分银行的社会培训成果12.3万人"}})
	if resp.StatusCode != 201 {
		t.Fatalf("POST value: %d %v", resp.StatusCode, body)
	}
	v := body["value"].(map[string]any)
	if v["value_found"] != true || v["value"].(float64) != 123000 || v["id"] == "" {
		t.Errorf("POST value: %v, want value_found true and 123000", v)
	}
	// A count of sites cited where the passage writes a percentage: not
	// found as it is, and both units said (单位不符).
	resp, body = post(map[string]any{"round": 2017, "indicator": "2.2.1", "value": "85.3", "unit": "个",
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "成人年参与学习率达到85.3%"}})
	if v, _ := body["value"].(map[string]any); resp.StatusCode != 201 || v["value_found"] != false || v["unit_mismatch"] != true ||
		v["passage_unit"] != "%" || v["unit"] != "个" {
		t.Errorf("POST a value the passage writes in another unit: %d %v, want value_found false, unit_mismatch true, passage_unit %%",
			resp.StatusCode, body)
	}
	// A year typed for the years of schooling: saved, with a warning.
	resp, body = post(map[string]any{"round": 2017, "indicator": "5.2.1", "value": "2017", "unit": "年",
		"citation": map[string]any{"document_id": doc, "page": 1, "quote": "杭州市2017年终身学习统计"}})
	v, _ = body["value"].(map[string]any)
	if ws, _ := v["warnings"].([]any); resp.StatusCode != 201 || len(ws) != 1 ||
		ws[0].(map[string]any)["field"] != "value" || !strings.Contains(ws[0].(map[string]any)["message"].(string), "超过 30 年") ||
		!strings.Contains(ws[0].(map[string]any)["message_en"].(string), "over 30 years") {
		t.Errorf("POST 2017 years of schooling: %d %v, want it saved with a warning about the field value", resp.StatusCode, body)
	}
	for name, tc := range map[string]struct {
		body map[string]any
		code string
		msg  string
	}{
		"人次 for a percentage": {map[string]any{"indicator": "5.1.1", "value": 85.3, "unit": "人次",
			"citation": map[string]any{"document_id": doc, "page": 1, "quote": "85.3%"}}, "EINVALID", "人次"},
		"a year for a rate": {map[string]any{"indicator": "5.1.1", "value": "2017", "unit": "%",
			"citation": map[string]any{"document_id": doc, "page": 1, "quote": "杭州市2017年终身学习统计"}}, "EINVALID", "不能超过 100%"},
		"another city's document": {map[string]any{"indicator": "2.2.1", "value": 123,
			"citation": map[string]any{"document_id": other, "page": 1, "quote": "认定学习基地123个"}}, "EINVALID", "不存在"}, // not named to a coordinator
	} {
		resp, body := post(tc.body)
		e1, _ := body["error"].(map[string]any)
		if resp.StatusCode != 400 || e1["code"] != tc.code || !strings.Contains(e1["message"].(string), tc.msg) {
			t.Errorf("%s: %d %v, want 400 %s mentioning %q", name, resp.StatusCode, body, tc.code, tc.msg)
		}
	}
	resp, body = e.do(e.request("GET", "/api/v1/values?city="+cityA+"&round=2017&indicator=2.3.3", nil), "expert")
	if list := body["values"].([]any); resp.StatusCode != 200 || len(list) != 1 {
		t.Fatalf("GET values: %d %v", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds=2017,2018", nil), "expert")
	if resp.StatusCode != 200 {
		t.Fatalf("compare: %d %v", resp.StatusCode, body)
	}
	found := false
	for _, row := range body["indicators"].([]any) {
		r := row.(map[string]any)
		if r["code"] == "2.3.3" {
			rounds := r["rounds"].([]any)
			first, second := rounds[0].(map[string]any), rounds[1].(map[string]any)
			// The value as written, and its cited source counted among
			// the documents behind it though it is linked to nothing.
			found = first["value"].(float64) == 123000 && first["given"] == "12.3万人" && first["given_en"] == "123,000 people" && first["documents"] == float64(1) &&
				first["status"] == "evidence" && second["status"] == "gap" && second["value"] == nil && second["documents"] == float64(0)
		}
	}
	if !found {
		t.Errorf("compare does not show 2.3.3 with 12.3万人 (123000; in English 123,000 people) from 1 document in 2017 and a gap in 2018: %v", body["indicators"])
	}
}
