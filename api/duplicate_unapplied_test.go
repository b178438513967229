package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestDuplicateSaysTheRoundChosenWasNotApplied: the same bytes sent again
// with another round or type chosen (and no indicator that would count in
// that round) keep the stored document as it was, and the answer says so
// with the stored copy's round and uploader: the probe's coordinator
// chose 2019, heard only 重复文件, and believed the file now counted in
// 2019 (probe s38 #9).
func TestDuplicateSaysTheRoundChosenWasNotApplied(t *testing.T) {
	e := newEnv(t)
	const text = "杭州市教育局关于推进终身学习学分银行建设的通知：各区县（市）教育局，学分银行建设经费列入同级财政预算。"
	id := e.upload(cityA, "policy.txt", text) // work_summary, 2017, by admin
	for _, tt := range []struct {
		name          string
		round, typ    string
		wantRound     string
		wantType      string
		wantZh, notZh []string
	}{
		{"another round", "2018", "work_summary", "2018", "",
			[]string{"属于 2017年度", "admin 于 ", "其监测轮次未改动\uFF0C如需计入 2018年度\uFF0C请在文档页修改"}, []string{"类型"}},
		{"another type", "2017", "policy", "", "policy",
			[]string{"属于 2017年度", "admin 于 ", "其类型仍为工作总结\uFF0C如需改为政策文件\uFF0C请在文档页修改"}, []string{"未改动"}},
		{"the same choices", "2017", "work_summary", "", "",
			nil, []string{"未改动", "仍为", " 于 "}},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": tt.typ,
			"round": tt.round}, map[string][]byte{"policy（再次上传）.txt": []byte(text)})), "admin")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v, want 200", tt.name, resp.StatusCode, body)
		}
		doc := body["documents"].([]any)[0].(map[string]any)
		if doc["id"] != id || doc["round"] != "2017" || doc["doc_type"] != "work_summary" {
			t.Errorf("%s: document %v %v %v, want %s kept in 2017 as work_summary", tt.name, doc["id"], doc["round"], doc["doc_type"], id)
		}
		got, _ := doc["round_not_applied"].(string)
		gotType, _ := doc["doc_type_not_applied"].(string)
		if got != tt.wantRound || gotType != tt.wantType {
			t.Errorf("%s: round_not_applied %q doc_type_not_applied %q, want %q %q", tt.name, got, gotType, tt.wantRound, tt.wantType)
		}
		zh, _ := doc["duplicate_notice"].(string)
		label, _ := doc["duplicate_label"].(string)
		for _, want := range tt.wantZh {
			if !strings.Contains(zh, want) || !strings.Contains(label, want) {
				t.Errorf("%s: notice %q / label %q, want %q", tt.name, zh, label, want)
			}
		}
		for _, not := range tt.notZh {
			if strings.Contains(zh, not) {
				t.Errorf("%s: notice %q says %q", tt.name, zh, not)
			}
		}
		if strings.ContainsAny(zh, ",;()") {
			t.Errorf("%s: notice %q, want full-width punctuation", tt.name, zh)
		}
		if en, _ := doc["duplicate_notice_en"].(string); tt.wantRound != "" && !strings.Contains(en, "its round was not changed: to count it in round "+tt.wantRound) {
			t.Errorf("%s: English notice %q, want that round %s was not applied", tt.name, en, tt.wantRound)
		}
	}
}

// TestDuplicateTellsAContributorWhoCanChangeIt: a department contributor
// handing in bytes the archive holds as another's document, with another
// type chosen, cannot change it on its page (theirs has no form for it),
// so they are told to ask the city's coordinator; a contributor's own
// unreviewed upload they may correct, and are told so (probe s39 #1).
func TestDuplicateTellsAContributorWhoCanChangeIt(t *testing.T) {
	e, task := taskEnv(t)
	const byAdmin = "杭州市社区教育工作总结：全市建成市民学习体验基地86个，开展社区教育活动一千二百场。"
	e.upload(cityA, "社区教育总结.txt", byAdmin) // work_summary, by admin
	const own = "市教育局老年教育工作情况：全市老年大学在校学员三万人，开设课程四百门。"
	if resp, body := e.handIn(task, "contribA", "work_summary", "老年教育.txt", own); resp.StatusCode != http.StatusCreated {
		t.Fatalf("first hand-in: %d %v", resp.StatusCode, body)
	}
	for _, tt := range []struct {
		name, text     string
		wantZh, wantEn string
		notZh          string
	}{
		{"another's document", byAdmin,
			"其类型仍为工作总结\uFF0C如需改为政策文件\uFF0C请联系本市协调员在文档页修改",
			"its type is still Work summary: to make it Policy document, ask the city's coordinator to change it on its page", ""},
		{"their own document", own,
			"其类型仍为工作总结\uFF0C如需改为政策文件\uFF0C请在文档页修改",
			"its type is still Work summary: to make it Policy document, change it on its page", "协调员"},
	} {
		resp, body := e.handIn(task, "contribA", "policy", "再次提交.txt", tt.text)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v, want 200", tt.name, resp.StatusCode, body)
		}
		doc := body["documents"].([]any)[0].(map[string]any)
		zh, _ := doc["duplicate_notice"].(string)
		en, _ := doc["duplicate_notice_en"].(string)
		if !strings.Contains(zh, tt.wantZh) || !strings.Contains(en, tt.wantEn) {
			t.Errorf("%s: notice %q / %q, want %q / %q", tt.name, zh, en, tt.wantZh, tt.wantEn)
		}
		if tt.notZh != "" && strings.Contains(zh, tt.notZh) {
			t.Errorf("%s: notice %q names %q", tt.name, zh, tt.notZh)
		}
	}
}
