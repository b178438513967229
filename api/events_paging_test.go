package api

import (
	"fmt"
	"net/http"
	"testing"
)

// TestEventsPageBackByNext: the audit log is read newest first a page at
// a time, before=next going further back past the newest 1,000 (which
// was all there was), and events written meanwhile do not shift the
// pages; a limit out of range is refused, where it gave 100 without a
// word.
func TestEventsPageBackByNext(t *testing.T) {
	e := newEnv(t)
	for i := range 7 {
		e.upload(cityA, fmt.Sprintf("材料%d.txt", i), fmt.Sprintf("杭州市第%d份工作总结。", i))
	}
	page := func(query string) (ids []float64, next float64) {
		t.Helper()
		resp, body := e.do(e.request("GET", "/api/v1/events?action=document.upload&limit=3"+query, nil), "admin")
		evs, _ := body["events"].([]any)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("events%s: %d %v", query, resp.StatusCode, body)
		}
		for _, ev := range evs {
			ids = append(ids, ev.(map[string]any)["id"].(float64))
		}
		next, _ = body["next"].(float64)
		return ids, next
	}
	first, next := page("")
	if len(first) != 3 || next != first[2] {
		t.Fatalf("first page: ids %v, next %v; want 3 events and next the last id", first, next)
	}
	e.upload(cityA, "新材料.txt", "杭州市新的工作总结。") // written between two pages
	var all []float64
	all = append(all, first...)
	for next != 0 {
		var ids []float64
		ids, next = page(fmt.Sprintf("&before=%d", int64(next)))
		all = append(all, ids...)
	}
	if len(all) != 7 {
		t.Errorf("pages back gave %d uploads %v, want the 7 before the first page was read, each once", len(all), all)
	}
	for i := 1; i < len(all); i++ {
		if all[i] >= all[i-1] {
			t.Errorf("events not newest first: %v", all)
		}
	}
	for _, q := range []string{"limit=0", "limit=-1", "limit=5000", "before=abc", "before=-5", "before=0", "before="} {
		resp, body := e.do(e.request("GET", "/api/v1/events?"+q, nil), "admin")
		er, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusBadRequest || er["message_en"] == nil {
			t.Errorf("events?%s: %d %v, want 400 in Chinese and English", q, resp.StatusCode, body)
		}
	}
}
