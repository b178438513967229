package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// nearDuplicatesOf returns the near_duplicates of a document as role sees
// them, id → similarity.
func (e *env) nearDuplicatesOf(id, role string) map[string]float64 {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+id, nil), role)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET document %s as %s: %d %v", id, role, resp.StatusCode, body)
	}
	list, ok := body["near_duplicates"].([]any)
	if !ok {
		e.t.Fatalf("document JSON has no near_duplicates list: %v", body)
	}
	out := map[string]float64{}
	for _, x := range list {
		n := x.(map[string]any)
		if n["title"] == nil || n["city"] == nil {
			e.t.Errorf("near duplicate without title or city: %v", n)
		}
		out[n["id"].(string)] = n["similarity"].(float64)
	}
	return out
}

func TestDocumentJSONListsNearDuplicatesInScope(t *testing.T) {
	e := newEnv(t)
	draft := e.upload(cityA, "征求意见稿.txt", testenv.NoticeDraft)
	final := e.upload(cityA, "定稿.txt", testenv.NoticeFinal)
	scanB := e.upload(cityB, "扫描件.txt", strings.ReplaceAll(testenv.NoticeFinal, "，", ", "))
	other := e.upload(cityA, "方案.txt", testenv.Unrelated)

	got := e.nearDuplicatesOf(draft, "expert")
	if len(got) != 2 || got[final] < 0.9 || got[scanB] < 0.9 {
		t.Errorf("expert sees the draft's near duplicates %v; want the final and 成都's scan at ≥ 0.9", got)
	}
	if got := e.nearDuplicatesOf(final, "admin"); got[draft] < 0.9 {
		t.Errorf("the final does not list the draft: %v", got)
	}
	// Scope: 杭州's coordinator does not learn of 成都's version.
	if got := e.nearDuplicatesOf(draft, "coordA"); len(got) != 1 || got[final] < 0.9 {
		t.Errorf("杭州's coordinator sees %v; want only the final (成都's scan is not theirs to see)", got)
	}
	if got := e.nearDuplicatesOf(scanB, "coordB"); len(got) != 0 {
		t.Errorf("成都's coordinator sees 杭州's versions %v", got)
	}
	if got := e.nearDuplicatesOf(other, "admin"); len(got) != 0 {
		t.Errorf("an unrelated document has near duplicates %v", got)
	}
	// Deleting the final removes it from the draft's list.
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+final, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	if got := e.nearDuplicatesOf(draft, "admin"); len(got) != 1 || got[scanB] == 0 {
		t.Errorf("after deleting the final the draft lists %v; want only 成都's scan", got)
	}
	// Lists carry no near duplicates (one document's view does).
	_, body := e.do(e.request("GET", "/api/v1/documents?city="+cityA, nil), "admin")
	for _, d := range body["documents"].([]any) {
		if _, ok := d.(map[string]any)["near_duplicates"]; ok {
			t.Errorf("a document list carries near_duplicates")
			break
		}
	}
}

func TestSearchShowsOneOfAGroupOfVersions(t *testing.T) {
	e := newEnv(t)
	draft := e.upload(cityA, "征求意见稿.txt", testenv.NoticeDraft)
	final := e.upload(cityA, "定稿.txt", testenv.NoticeFinal)
	other := e.upload(cityA, "方案.txt", testenv.Unrelated)
	resp, body := e.do(e.request("GET", "/api/v1/search?q=老年教育", nil), "expert")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("search: %d %v", resp.StatusCode, body)
	}
	hits := body["hits"].([]any)
	shown := map[string]map[string]any{}
	for _, h := range hits {
		hm := h.(map[string]any)
		shown[hm["id"].(string)] = hm
	}
	if len(hits) != 2 || shown[other] == nil || (shown[draft] == nil) == (shown[final] == nil) {
		t.Fatalf("hits %v; want the unrelated document and one of the draft and the final", shown)
	}
	lead, folded := draft, final
	if shown[draft] == nil {
		lead, folded = final, draft
	}
	if body["total"] != 3.0 || body["groups"] != 2.0 || body["folded"] != 1.0 {
		t.Errorf("total %v, groups %v, folded %v; want 3 documents in 2 groups, 1 of them folded", body["total"], body["groups"], body["folded"])
	}
	// Paged by groups, newest first, one a page: the unrelated document,
	// then the final folding the draft; no third page lists the draft.
	for from, want := range []string{other, final, ""} {
		resp, body = e.do(e.request("GET", fmt.Sprintf("/api/v1/search?q=老年教育&sort=uploaded&size=1&from=%d", from), nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search from %d: %d %v", from, resp.StatusCode, body)
		}
		var got []string
		for _, h := range body["hits"].([]any) {
			got = append(got, h.(map[string]any)["id"].(string))
		}
		if (want == "" && len(got) != 0) || (want != "" && (len(got) != 1 || got[0] != want)) {
			t.Errorf("page of groups from %d: %v; want %q", from, got, want)
		}
	}
	if n := shown[lead]["near_duplicates"]; n != 1.0 {
		t.Errorf("near_duplicates = %v on the version shown, want 1", n)
	}
	if ids, _ := shown[lead]["near_duplicate_ids"].([]any); len(ids) != 1 || ids[0] != folded {
		t.Errorf("near_duplicate_ids = %v, want [%s]", shown[lead]["near_duplicate_ids"], folded)
	}
	if n := shown[other]["near_duplicates"]; n != 0.0 {
		t.Errorf("near_duplicates = %v on an unrelated hit, want 0", n)
	}
	if body["total"] != 3.0 {
		t.Errorf("total %v, want 3: folding hides versions, it does not uncount them", body["total"])
	}
}

// TestDocumentJSONGivesPartOf: a scan of page 1 of 杭教发〔2023〕5号 and
// the two-page notice are listed in each other's near_duplicates as kind
// "part": the scan's entry has relation part_of, the notice's for the
// scan contains; the notice's near duplicate of
// another 文号 stays kind "near".
func TestDocumentJSONGivesPartOf(t *testing.T) {
	e := newEnv(t)
	notice := e.upload(cityA, "学分银行通知.txt", testenv.PartNotice)
	scan := e.upload(cityA, "扫描件.txt", testenv.PartNoticeScan)
	other := e.upload(cityA, "另一文号.txt", strings.Replace(testenv.PartNotice, "5号", "6号", 1))
	kinds := func(id string) map[string]string {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "admin")
		out := map[string]string{}
		for _, x := range body["near_duplicates"].([]any) {
			n := x.(map[string]any)
			out[n["id"].(string)] = fmt.Sprintf("%v %v", n["kind"], n["relation"])
		}
		return out
	}
	if got, want := kinds(scan)[notice], "part part_of"; got != want {
		t.Errorf("the scan's entry for the notice %q, want %q (%v)", got, want, kinds(scan))
	}
	got := kinds(notice)
	if want := "part contains"; got[scan] != want {
		t.Errorf("the notice's entry for the scan %q, want %q", got[scan], want)
	}
	if want := "near near"; got[other] != want {
		t.Errorf("the notice's entry for its near duplicate %q, want %q", got[other], want)
	}
}

// TestNearDuplicateJSONTellsVersionsApart: each version in
// near_duplicates has its file, format, round, upload time, links and a
// notice in both languages, which the upload page shows once the new
// document is read (the upload's answer, before reading, cannot): the
// probe's versions were a title and a city alone (probe s38 #5).
func TestNearDuplicateJSONTellsVersionsApart(t *testing.T) {
	e := newEnv(t)
	draft := e.upload(cityA, "policy.txt", testenv.NoticeDraft)
	if resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": draft, "indicator": "2.3.1", "page": 1}), "admin"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("link: %d %v", resp.StatusCode, body)
	}
	final := e.upload(cityA, "policy_v2.txt", testenv.NoticeFinal)
	_, body := e.do(e.request("GET", "/api/v1/documents/"+final, nil), "admin")
	list, _ := body["near_duplicates"].([]any)
	if len(list) != 1 {
		t.Fatalf("near_duplicates of policy_v2.txt: %v, want policy.txt", body["near_duplicates"])
	}
	n := list[0].(map[string]any)
	linked, _ := n["linked"].([]any)
	if n["filename"] != "policy.txt" || n["format"] != "txt" || n["round"] != "2017" || len(linked) != 1 || linked[0] != "2.3.1" ||
		n["uploaded_at"] == "" || n["cited"] != float64(0) {
		t.Errorf("near duplicate %v: want policy.txt, txt, 2017, linked to 2.3.1, not cited, with its upload time", n)
	}
	zh, _ := n["notice"].(string)
	en, _ := n["notice_en"].(string)
	if !strings.Contains(zh, "\uFF08policy.txt\uFF0C2017年度\uFF0C已关联 2.3.1\uFF09内容相近") || !strings.Contains(en, "(policy.txt, round 2017, linked to 2.3.1)") {
		t.Errorf("notice %q / %q: want the file, round and indicator of the kept version", zh, en)
	}
}

// TestIndicatorEvidenceGroupsLinkedVersions: the .pdf and .docx of one
// policy, both linked to 2.3.1, are listed together, the newest first,
// each naming the other (near_duplicates 1), the later one marked
// version_of the first, and counted once; the probe saw two unrelated
// entries with near_duplicates 0 and “2 份文档” (probe s38 #5).
func TestIndicatorEvidenceGroupsLinkedVersions(t *testing.T) {
	e := newEnv(t)
	older := e.upload(cityA, "policy.txt", testenv.NoticeDraft)
	other := e.upload(cityA, "方案.txt", testenv.Unrelated)
	newer := e.upload(cityA, "policy_v2.txt", testenv.NoticeFinal)
	for _, id := range []string{older, other, newer} {
		if resp, body := e.do(e.request("POST", "/api/v1/links", map[string]any{"document_id": id, "indicator": "2.3.1", "page": 1}), "admin"); resp.StatusCode != http.StatusCreated {
			t.Fatalf("link %s: %d %v", id, resp.StatusCode, body)
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/indicators/2.3.1/evidence?city="+cityA, nil), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("evidence: %d %v", resp.StatusCode, body)
	}
	type entry struct {
		id, versionOf string
		near          float64
	}
	var got []entry
	for _, x := range body["documents"].([]any) {
		d := x.(map[string]any)
		if d["suggested"] == true {
			continue
		}
		v, _ := d["version_of"].(string)
		got = append(got, entry{d["id"].(string), v, d["near_duplicates"].(float64)})
	}
	at := func(id string) int {
		for i, g := range got {
			if g.id == id {
				return i
			}
		}
		return -1
	}
	n, o := at(newer), at(older)
	if len(got) != 3 || n < 0 || o != n+1 {
		t.Fatalf("linked evidence %v: want all three, policy_v2.txt then policy.txt right after it", got)
	}
	if got[n].versionOf != "" || got[n].near != 1 || got[o].versionOf != newer || got[o].near != 1 || got[at(other)].near != 0 {
		t.Errorf("linked evidence %v: want policy.txt version_of policy_v2.txt, each naming the other, 方案.txt alone", got)
	}
	if body["counted"] != float64(2) {
		t.Errorf("counted %v, want 2 (the two versions count once)", body["counted"])
	}
}
