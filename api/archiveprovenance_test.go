package api

import (
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestDocumentNamesItsArchive: each document unpacked from a department's
// archive names that archive in its JSON (archive), so a coordinator can
// tell which package a file came in; a file uploaded alone has none, and
// a file already in the evidence archive sent again in another package
// keeps what it had.
func TestDocumentNamesItsArchive(t *testing.T) {
	e := newEnv(t)
	fields := map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2018"}
	upload := func(name string, data []byte) map[string]string {
		t.Helper()
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{name: data})), "coordA")
		// 200 when every file was a duplicate, 201 when one was stored.
		if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
			t.Fatalf("upload %s: %d %v", name, resp.StatusCode, body)
		}
		ids := map[string]string{}
		for _, d := range body["documents"].([]any) {
			doc := d.(map[string]any)
			ids[doc["uploaded_as"].(string)] = doc["id"].(string)
		}
		return ids
	}
	alone := upload("关于开展全民终身学习活动周的通知.txt", []byte("关于开展全民终身学习活动周的通知，各区县教育局按要求组织实施。"))
	first := upload("教育局材料汇总.zip", testfiles.ZipTexts(t,
		"2018年社区教育工作总结.txt", "2018年全市社区学校覆盖率达到百分之百，参与社区教育活动达1.2万人次。",
		"老年教育台账说明.txt", "市教育局2018年老年教育参与人数台账说明。"))
	// The same bytes again, in another department's package.
	again := upload("文广旅材料.zip", testfiles.ZipTexts(t,
		"活动周通知.txt", "关于开展全民终身学习活动周的通知，各区县教育局按要求组织实施。",
		"社区教育总结.txt", "2018年全市社区学校覆盖率达到百分之百，参与社区教育活动达1.2万人次。"))
	if len(first) != 2 || len(again) != 2 {
		t.Fatalf("documents answered: %v and %v, want two each", first, again)
	}
	for _, tc := range []struct {
		name, id string
		want     any // nil: no archive field
	}{
		{"单独上传的文件", alone["关于开展全民终身学习活动周的通知.txt"], nil},
		{"压缩包中的总结", first["2018年社区教育工作总结.txt"], "教育局材料汇总.zip"},
		{"压缩包中的台账说明", first["老年教育台账说明.txt"], "教育局材料汇总.zip"},
		{"另一个压缩包里的重复文件（原为单独上传）", again["活动周通知.txt"], nil},
		{"另一个压缩包里的重复文件（原来自压缩包）", again["社区教育总结.txt"], "教育局材料汇总.zip"},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+tc.id, nil), "coordA")
		got, has := body["archive"]
		if resp.StatusCode != http.StatusOK || got != tc.want || has != (tc.want != nil) {
			t.Errorf("%s (%s): %d, archive %v (present %v), want %v", tc.name, tc.id, resp.StatusCode, got, has, tc.want)
		}
	}
	if again["活动周通知.txt"] != alone["关于开展全民终身学习活动周的通知.txt"] {
		t.Errorf("the file sent again is document %s, not the one stored %s", again["活动周通知.txt"], alone["关于开展全民终身学习活动周的通知.txt"])
	}
}
