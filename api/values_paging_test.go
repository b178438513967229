package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// manyValues saves n values of city A citing docID, one per round from
// 2000 up of indicator 2.2.1, then of 2.2.2 and on from 2000 again when a
// hundred rounds are used, straight into the catalog (a big city's round
// has a thousand and more). The rounds are added: a value is saved only
// in a round that exists, and AddRound takes years up to 2100.
func (e *env) manyValues(docID string, n int) {
	e.t.Helper()
	for y := 2000; y < 2000+min(n, 100); y++ {
		if err := e.cat.AddRound(context.Background(), catalog.Round{Year: y}, "admin"); err != nil && catalog.ErrorCode(err) != catalog.ECONFLICT {
			e.t.Fatal(err)
		}
	}
	d, err := e.cat.Document(context.Background(), docID)
	if err != nil {
		e.t.Fatal(err)
	}
	vs := make([]*catalog.Value, n)
	for i := range vs {
		vs[i] = &catalog.Value{City: cityA, Round: 2000 + i%100, Indicator: fmt.Sprintf("2.2.%d", 1+i/100), Number: float64(i), Given: fmt.Sprint(i), Unit: "个",
			Citation: catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: "认定市民终身学习基地123个"}, CreatedBy: "coordA"}
	}
	if err := e.cat.SaveValues(context.Background(), vs, "coordA"); err != nil {
		e.t.Fatal(err)
	}
}

// TestValueListIsPaged: the values list answers a page at a time, as the
// claims list does, with the total, and refuses a page or size out of
// range and a status no value has.
func TestValueListIsPaged(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	e.manyValues(doc, 230)
	seen := map[string]bool{}
	for page := 1; page <= 3; page++ {
		resp, body := e.do(e.request("GET", fmt.Sprintf("/api/v1/values?city=%s&page=%d", cityA, page), nil), "expert")
		list, _ := body["values"].([]any)
		want := []int{100, 100, 30}[page-1]
		if resp.StatusCode != http.StatusOK || len(list) != want || body["total"] != float64(230) || body["page"] != float64(page) {
			t.Fatalf("page %d: %d, %d values, total %v, page %v; want 200, %d values, total 230", page, resp.StatusCode, len(list),
				body["total"], body["page"], want)
		}
		for _, v := range list {
			id := v.(map[string]any)["id"].(string)
			if seen[id] {
				t.Errorf("page %d: value %s seen on an earlier page", page, id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 230 {
		t.Errorf("three pages gave %d values, want all 230", len(seen))
	}
	resp, body := e.do(e.request("GET", "/api/v1/values?city="+cityA+"&size=500&status=pending", nil), "expert")
	if list, _ := body["values"].([]any); resp.StatusCode != http.StatusOK || len(list) != 230 {
		t.Errorf("size=500: %d, %d values, want all 230", resp.StatusCode, len(list))
	}
	// Each value still shows the one of the round before.
	if list, _ := body["values"].([]any); len(list) > 1 {
		if prev, _ := list[1].(map[string]any)["previous"].(map[string]any); prev == nil || prev["round"] != float64(2000) {
			t.Errorf("2001's value: previous %v, want 2000's", prev)
		}
	}
	for _, q := range []string{"page=0", "page=-1", "size=0", "size=501", "page=99999999999999999999", "page=abc", "status=bogus"} {
		resp, body := e.do(e.request("GET", "/api/v1/values?"+q, nil), "expert")
		er, _ := body["error"].(map[string]any)
		msg, _ := er["message"].(string)
		en, _ := er["message_en"].(string)
		if resp.StatusCode != http.StatusBadRequest || msg == "" || en == "" || strings.Contains(msg, ",") {
			t.Errorf("%s: %d %v, want 400 with a Chinese and an English message", q, resp.StatusCode, body)
		}
	}
}
