package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestUploadDepartmentFromTheList: POST /api/v1/documents holds a typed
// 责任单位 to the city's list as PATCH does: a typo (市教肓局) is a 400 on
// the department field naming the list and the name, in both languages,
// with nothing stored; a name typed another way is stored as the list
// writes it; a city with no list yet (成都) takes any name.
func TestUploadDepartmentFromTheList(t *testing.T) {
	e := newEnv(t) // 杭州's list holds 市教育局 (contribA's)
	tests := []struct {
		city, typed, stored string
		status              int
		says, saysEn        string
	}{
		{cityA, "市教肓局", "", http.StatusBadRequest, "杭州的责任单位名单中没有“市教肓局”；请从名单中选择", "list of departments has no “市教肓局”"},
		{cityA, "教育局", "市教育局", http.StatusCreated, "", ""},
		{cityB, "区社区学院", "区社区学院", http.StatusCreated, "", ""},
	}
	for i, tt := range tests {
		name := []string{"学分银行通知.txt", "社区教育总结.txt", "老年大学简报.txt"}[i]
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(
			map[string]string{"city": tt.city, "doc_type": "policy", "department": tt.typed},
			map[string][]byte{name: []byte("关于推进学习型城市建设的通知，第" + name)})), "admin")
		if resp.StatusCode != tt.status {
			t.Fatalf("%s 责任单位 %q: %d %v, want %d", tt.city, tt.typed, resp.StatusCode, body, tt.status)
		}
		if tt.status != http.StatusCreated {
			errObj, _ := body["error"].(map[string]any)
			msg, _ := errObj["message"].(string)
			en, _ := errObj["message_en"].(string)
			if errObj["code"] != "EINVALID" || errObj["field"] != "department" || !strings.Contains(msg, tt.says) || !strings.Contains(en, tt.saysEn) {
				t.Errorf("责任单位 %q: error %v, want EINVALID on department saying %q and %q", tt.typed, errObj, tt.says, tt.saysEn)
			}
			continue
		}
		id := body["documents"].([]any)[0].(map[string]any)["id"].(string)
		if d := e.mustDoc(id); d.Department != tt.stored {
			t.Errorf("%s 责任单位 %q: stored %q, want %q", tt.city, tt.typed, d.Department, tt.stored)
		}
	}
	// Another city's coordinator is refused for the city, never told of
	// that city's list (review s38 #10).
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(
		map[string]string{"city": cityA, "doc_type": "policy", "department": "市教肓局"},
		map[string][]byte{"别市通知.txt": []byte("关于推进学习型城市建设的通知")})), "coordB")
	if errObj, _ := body["error"].(map[string]any); resp.StatusCode != http.StatusForbidden || strings.Contains(fmt.Sprint(errObj["message"]), "名单") {
		t.Errorf("coordB uploading for %s with a 责任单位 off its list: %d %v, want 403 about the city", cityA, resp.StatusCode, body)
	}
	if _, got, err := e.cat.FindDocuments(context.Background(), catalog.DocumentFilter{}); err != nil || got != 2 {
		t.Errorf("%d documents stored (%v), want 2: the refused upload stores nothing", got, err)
	}
}
