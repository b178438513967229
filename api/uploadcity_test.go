package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestUploadForAnotherCityNamesBothCities: a coordinator uploading for a
// city not theirs is told their own city and the one they chose, by name
// and code, in Chinese and in English (the cities by their English names).
func TestUploadForAnotherCityNamesBothCities(t *testing.T) {
	e := newEnv(t)
	req := e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "policy"},
		map[string][]byte{"通知.txt": []byte("关于召开学习型城市建设推进会的通知。")}))
	resp, body := e.do(req, "coordB")
	er, _ := body["error"].(map[string]any)
	msg, _ := er["message"].(string)
	en, _ := er["message_en"].(string)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("成都 coordinator uploading for 杭州: %d %v, want 403", resp.StatusCode, er)
	}
	for _, want := range []string{"您是成都", "（510100）的协调员", "不能为杭州", "（330100）上传材料；请切换到本市或联系管理员"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	for _, want := range []string{"coordinator of Chengdu (510100)", "for Hangzhou (330100)", "switch to your own city"} {
		if !strings.Contains(en, want) {
			t.Errorf("English message %q lacks %q", en, want)
		}
	}
}
