package api

import (
	"context"
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
	if prev == nil || prev["change"] != 2.6 {
		t.Errorf("previous of 58.6%% after 56%%: %v, want change 2.6", prev)
	}
}
