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
			[]string{"属于 2017 年度", "admin 于 ", "其监测轮次未改动\uFF0C如需计入 2018 年度\uFF0C请在文档页修改"}, []string{"类型"}},
		{"another type", "2017", "policy", "", "policy",
			[]string{"属于 2017 年度", "admin 于 ", "其类型仍为工作总结\uFF0C如需改为政策文件\uFF0C请在文档页修改"}, []string{"未改动"}},
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
