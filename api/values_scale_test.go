package api

import (
	"net/http"
	"testing"
)

// TestValueWithWanAndAUnitInWan: the probe's 125.6万 typed with the unit
// 万人次 for 3.1.3 is stored as 125.6 万人次, found in the passage that
// says 125.6万人次, with no 单位不符 and no warning, as the same number
// with the unit left blank is.
func TestValueWithWanAndAUnitInWan(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "huodong.txt", "杭州市2017年学习活动统计\n全年市民参与学习活动125.6万人次。")
	for _, unit := range []string{"万人次", ""} {
		resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2017, "indicator": "3.1.3", "value": "125.6万",
			"unit": unit, "citation": map[string]any{"document_id": doc, "page": 1, "quote": "全年市民参与学习活动125.6万人次"}}), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST 125.6万 | %q: %d %v", unit, resp.StatusCode, body)
		}
		v := body["value"].(map[string]any)
		if v["value"] != 125.6 || v["unit"] != "万人次" || v["value_found"] != true || v["unit_mismatch"] != false || v["warnings"] != nil {
			t.Errorf("POST 125.6万 | %q: %v, want 125.6 万人次 found in the passage, no mismatch, no warning", unit, v)
		}
	}
}
