package api

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// indicatorSearch returns the IDs of the hits of q filtered by indicator
// 2.3.1 (and extra parameters) as role finds them, and the answer.
func (e *env) indicatorSearch(role, q, extra string) ([]string, map[string]any) {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/search?size=50&indicator=2.3.1&q="+url.QueryEscape(q)+extra, nil), role)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("search %s with indicator 2.3.1: %d %v", q, resp.StatusCode, body)
	}
	ids := []string{}
	for _, h := range body["hits"].([]any) {
		ids = append(ids, h.(map[string]any)["id"].(string))
	}
	slices.Sort(ids)
	return ids, body
}

// evidenceOf returns the IDs of the linked and cited documents (not the
// suggested ones) the evidence API lists for 2.3.1 to role.
func (e *env) evidenceOf(role string) []string {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.1/evidence", nil), role)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("evidence of 2.3.1: %d %v", resp.StatusCode, body)
	}
	ids := []string{}
	for _, d := range body["documents"].([]any) {
		if doc := d.(map[string]any); doc["suggested"] != true {
			ids = append(ids, doc["id"].(string))
		}
	}
	slices.Sort(ids)
	return ids
}

// TestSearchByIndicatorFindsCitedDocuments: a document a claim of 2.3.1
// cites is 2.3.1's evidence, as the evidence API lists it, so searching
// 学分银行 with indicator=2.3.1 finds it beside the linked one as soon as
// the claim cites it, without reindexing (probe s41 #3); the total, the
// indicator facet and the 去掉筛选 hint count it too, and a document
// neither linked nor cited stays out.
func TestSearchByIndicatorFindsCitedDocuments(t *testing.T) {
	e := newEnv(t)
	linked := e.upload(cityA, "学分银行实施意见.txt", "杭州市关于推进学分银行建设的实施意见。")
	if resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": linked, "indicator": "2.3.1"}), "coordA"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("link %s to 2.3.1: %d %v", linked, resp.StatusCode, body)
	}
	cited := e.upload(cityA, "学分银行工作总结.txt", "杭州市建立学分银行，累计存入学分十二万。")
	e.upload(cityA, "学分银行报道.txt", "杭州日报报道学分银行试点情况。")

	before, _ := e.indicatorSearch("coordA", "学分银行", "")
	if !slices.Equal(before, []string{linked}) {
		t.Fatalf("before any claim: hits %v, want only the linked %s", before, linked)
	}
	e.claim(cited)
	got, body := e.indicatorSearch("coordA", "学分银行", "")
	want := []string{linked, cited}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("after the claim citing %s: hits %v, want %v", cited, got, want)
	}
	if body["total"] != float64(2) {
		t.Errorf("total %v, want 2", body["total"])
	}
	if ev := e.evidenceOf("coordA"); !slices.Equal(got, ev) {
		t.Errorf("search with indicator 2.3.1 found %v, the evidence list has %v", got, ev)
	}
	facet := -1.0
	for _, f := range body["facets"].(map[string]any)["indicators"].([]any) {
		if v := f.(map[string]any); v["value"] == "2.3.1" {
			facet = v["count"].(float64)
		}
	}
	if facet != 2 {
		t.Errorf("indicator facet 2.3.1 counts %v, want 2 as the total: %v", facet, body["facets"])
	}
	_, body = e.indicatorSearch("coordA", "学分银行", "&doc_type=policy")
	relax, _ := body["relax"].([]any)
	var without float64
	for _, r := range relax {
		if r := r.(map[string]any); r["filter"] == "doc_type" {
			without = r["total"].(float64)
		}
	}
	if without != 2 {
		t.Errorf("relax hint without doc_type says %v, want 2: %v", without, relax)
	}
}

// TestSearchByIndicatorKeepsCitationsToTheirCity: a claim of 成都 on
// 2.3.1 citing a 杭州 document (stored before citations were held to
// their claim's city) does not make it 2.3.1's evidence for 杭州's
// coordinator, whose evidence list leaves it out, so neither does his
// search; an expert, whose list has it, finds it.
func TestSearchByIndicatorKeepsCitationsToTheirCity(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行工作总结.txt", "杭州市建立学分银行，累计存入学分十二万。")
	c := &catalog.Claim{City: cityB, Round: 2017, Indicator: "2.3.1", Statement: "成都市建立了学分银行", CreatedBy: "coordB",
		Citations: []catalog.Citation{{DocumentID: doc, Page: 1, Quote: "建立学分银行"}}}
	if err := e.cat.CreateClaim(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	for role, want := range map[string][]string{"coordA": {}, "expert": {doc}} {
		got, _ := e.indicatorSearch(role, "学分银行", "")
		if !slices.Equal(got, want) {
			t.Errorf("%s: hits %v, want %v", role, got, want)
		}
		if ev := e.evidenceOf(role); !slices.Equal(got, ev) {
			t.Errorf("%s: search found %v, the evidence list has %v", role, got, ev)
		}
	}
}
