package api

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestValueChangeAtTheValuesPrecision: 成人年参与学习率 56% in 2017 and
// 58.6% in 2018 answer previous.change 2.6, as many decimals as the
// values have; the probe's answer said 2.5999999999999996.
func TestValueChangeAtTheValuesPrecision(t *testing.T) {
	e := newEnv(t)
	coord := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA}
	doc := e.upload(cityA, "参与率.txt", "2017年成人年参与学习率为56%。2018年成人年参与学习率为58.6%。")
	for _, v := range []struct {
		round        int
		value, quote string
	}{{2017, "56%", "2017年成人年参与学习率为56%"}, {2018, "58.6%", "2018年成人年参与学习率为58.6%"}} {
		if _, err := e.deps.Values.Record(context.Background(), coord, values.Input{Round: v.round, Indicator: "5.1.1", Value: values.Written(v.value),
			Citation: claims.CitationInput{DocumentID: doc, Page: 1, Quote: v.quote}}); err != nil {
			t.Fatal(err)
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/values?city="+cityA+"&round=2018&indicator=5.1.1", nil), "expert")
	list, _ := body["values"].([]any)
	if resp.StatusCode != 200 || len(list) != 1 {
		t.Fatalf("values of 2018 5.1.1: %d %v", resp.StatusCode, body)
	}
	prev, _ := list[0].(map[string]any)["previous"].(map[string]any)
	if prev == nil || prev["change"] != 2.6 || prev["change_unit"] != "个百分点" || prev["change_unit_en"] != "percentage points" {
		t.Errorf("previous of 58.6%% after 56%%: %v, want change 2.6 in 个百分点 (percentage points)", prev)
	}
}

// TestEveryValueAnswerCarriesThePreviousRound: after 2017's 86万人次 of
// 3.1.3, recording 2018's 92.3万人次 answers previous (2017, 86, change
// 6.3 in 万人次), as GET /api/v1/values/{id} and the listing do, all three
// alike; README documents it on the POST (probe s40 #5: only the listing
// had it). 2017's value, with no round before it, has none anywhere.
func TestEveryValueAnswerCarriesThePreviousRound(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "活动周总结.txt", "2017年全民终身学习活动周参与市民达到86万人次。2018年参与市民达到92.3万人次。")
	post := func(round int, value, quote string) map[string]any {
		t.Helper()
		resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": round, "indicator": "3.1.3", "value": value, "unit": "万人次",
			"citation": map[string]any{"document_id": doc, "page": 1, "quote": quote}}), "coordA")
		v, _ := body["value"].(map[string]any)
		if resp.StatusCode != 201 || v == nil {
			t.Fatalf("POST %s of %d: %d %v", value, round, resp.StatusCode, body)
		}
		return v
	}
	first := post(2017, "86", "2017年全民终身学习活动周参与市民达到86万人次")
	posted := post(2018, "92.3", "2018年参与市民达到92.3万人次")
	want := map[string]any{"round": float64(2017), "value": float64(86), "unit": "万人次", "given": "86", "written": "86万人次", "written_en": "860,000 attendances", "status": "pending",
		"comparable": true, "change": 6.3, "change_unit": "万人次", "change_unit_en": catalog.UnitIn("万人次", true)}
	if got, _ := posted["previous"].(map[string]any); !reflect.DeepEqual(got, want) {
		t.Errorf("POST 2018's 92.3万人次: previous %v, want %v", posted["previous"], want)
	}
	for _, v := range []map[string]any{first, posted} {
		resp, body := e.do(e.request("GET", "/api/v1/values/"+v["id"].(string), nil), "expert")
		viewed, _ := body["value"].(map[string]any)
		if resp.StatusCode != 200 || !reflect.DeepEqual(viewed["previous"], v["previous"]) {
			t.Errorf("GET value of %v: %d previous %v, want as POST answered: %v", v["round"], resp.StatusCode, viewed["previous"], v["previous"])
		}
		resp, body = e.do(e.request("GET", "/api/v1/values?city="+cityA+"&indicator=3.1.3&round="+fmt.Sprint(v["round"]), nil), "expert")
		list, _ := body["values"].([]any)
		if resp.StatusCode != 200 || len(list) != 1 || !reflect.DeepEqual(list[0].(map[string]any)["previous"], v["previous"]) {
			t.Errorf("list of %v: %d %v, want previous %v", v["round"], resp.StatusCode, body, v["previous"])
		}
	}
	if _, ok := first["previous"]; ok {
		t.Errorf("POST 2017's value: previous %v, want none", first["previous"])
	}
}
