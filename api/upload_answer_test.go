package api

import (
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"testing"
)

// TestUploadAnswerAsTheDocumentReadsBack holds an upload's answer, whose
// documents' links are read in one statement for the request
// (documents.Service.Views), to what GET /api/v1/documents/{id} answers
// of each document afterwards, field by field: the links the upload made
// and those a duplicate had before, near duplicates, city and uploader.
// The fields only an upload's answer has (duplicate, its notice, the name
// sent) are the only ones GET lacks; status alone may have moved since
// (the new links send the documents to be indexed again).
func TestUploadAnswerAsTheDocumentReadsBack(t *testing.T) {
	e := newEnv(t)
	files := map[string][]byte{
		"杭州市社区学院年度工作总结.txt": []byte("杭州市社区学院2017年开设老年教育课程120门，服务居民3万人次。"),
		"杭州市学分银行建设情况.txt":   []byte("杭州市学分银行2017年累计为市民建立学习账户8万个，认定学分12万分。"),
		"杭州市终身学习节活动方案.txt":  []byte("杭州市终身学习节于2017年10月举办，开展读书分享、技能展示等活动200场。"),
	}
	for name, text := range files {
		e.upload(cityA, name, string(text))
	}
	// One linked before it is sent again, under another name.
	first := e.upload(cityA, "杭州市学习型社区建设简报.txt", "杭州市2017年建成学习型社区45个，社区学校覆盖全部街道。")
	e.link(first, "2.3.2")
	files["杭州市学习型社区建设简报（再次报送）.txt"] = []byte("杭州市2017年建成学习型社区45个，社区学校覆盖全部街道。")
	// Sent again together, linked to one more indicator: every document
	// read by now, so that nothing but the links' re-indexing moves
	// between the answer and the read.
	resp, raw := e.answerBytes(uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2017",
		"indicators": "2.3.1"}, files))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d %s", resp.StatusCode, raw)
	}
	var answer struct {
		Documents []map[string]json.RawMessage `json:"documents"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil || len(answer.Documents) != len(files) {
		t.Fatalf("answer %s: %v, want %d documents", raw, err, len(files))
	}
	uploadOnly := []string{"duplicate", "duplicate_notice", "duplicate_notice_en", "duplicate_label", "duplicate_label_en",
		"uploaded_as", "part", "round_not_applied", "doc_type_not_applied", "used_in_round", "retried", "previous_error", "previous_error_en"}
	for _, got := range answer.Documents {
		var id string
		json.Unmarshal(got["id"], &id)
		var links []any
		json.Unmarshal(got["links"], &links)
		if want := 1 + btoi(id == first); len(links) != want {
			t.Errorf("document %s answered with %d links, want %d: %s", id, len(links), want, got["links"])
		}
		e.te.WaitIndexed(id)
		r, back := e.rawGet("/api/v1/documents/" + id)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", id, r.StatusCode, back)
		}
		var read map[string]json.RawMessage
		if err := json.Unmarshal(back, &read); err != nil {
			t.Fatal(err)
		}
		for _, k := range slices.Sorted(maps.Keys(read)) {
			if k == "status" {
				continue
			}
			if !reflect.DeepEqual(jsonValue(t, got[k]), jsonValue(t, read[k])) {
				t.Errorf("document %s: %s answered %s, read back %s", id, k, got[k], read[k])
			}
		}
		for k := range got {
			if _, ok := read[k]; !ok && !slices.Contains(uploadOnly, k) {
				t.Errorf("document %s: %s answered (%s), not read back", id, k, got[k])
			}
		}
	}
}

// answerBytes posts body to /api/v1/documents as admin and returns the
// answer's bytes.
func (e *env) answerBytes(body *multipartBody) (*http.Response, []byte) {
	return e.rawDo(e.request("POST", "/api/v1/documents", body))
}

// rawGet gets path as admin and returns the answer's bytes.
func (e *env) rawGet(path string) (*http.Response, []byte) {
	return e.rawDo(e.request("GET", path, nil))
}

func (e *env) rawDo(req *http.Request) (*http.Response, []byte) {
	e.t.Helper()
	req.Header.Set("Authorization", "Bearer "+e.tokens["admin"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&buf); err != nil {
		e.t.Fatal(err)
	}
	return resp, buf
}

func jsonValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	if raw == nil {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
