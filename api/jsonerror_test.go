package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestJSONErrorsSayWhatIsWrong: a JSON body of the wrong shape is
// refused about its field, in words, never with the Go decoder's message
// (which names Go types), in both languages.
func TestJSONErrorsSayWhatIsWrong(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		body, field, zh, en string
	}{
		{`{"document_id": ["x"], "indicator": "2.3.1"}`, "document_id", "字段 document_id 应为文字", "should be a string"},
		{`{"document_id": "x", "indicator": "2.3.1", "page": 99999999999999999999}`, "page", "字段 page 应为整数", "a whole number"},
		{`{"document_id": "x", "indicator": "2.3.1", "page": "2"}`, "page", "字段 page 应为整数（且不超出范围），收到的是 文字（字符串）", "it is a string"},
		{`{"document_id": "x", "indicator": "2.3.1", "pgae": 2}`, "pgae", "未知的字段", "Unknown field"},
		{`{"document_id": "x",`, "", "内容不完整", "cut short"},
		{`{"document_id" "x"}`, "", "语法错误", "syntax error"},
		{``, "", "请求内容为空", "empty"},
		{`[1, 2]`, "", "请求内容应为 JSON 对象", "The request should be an object in JSON; it is a list (array)"},
		{`{"document_id": "x", "indicator": "2.3.1", "page": 2.5}`, "page", "收到的是 数字 2.5", "it is the number 2.5"},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("POST", "/api/v1/links", tt.body), "coordA")
		er, _ := body["error"].(map[string]any)
		msg, en, field := er["message"], er["message_en"], er["field"]
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg.(string), tt.zh) || !strings.Contains(en.(string), tt.en) {
			t.Errorf("%s: %d %q / %q, want 400 with %q / %q", tt.body, resp.StatusCode, msg, en, tt.zh, tt.en)
		}
		if tt.field != "" && field != tt.field {
			t.Errorf("%s: field %v, want %s", tt.body, field, tt.field)
		}
		if s := msg.(string) + en.(string); strings.Contains(s, "Go ") || strings.Contains(s, "struct") || strings.Contains(s, "json:") {
			t.Errorf("%s: the decoder's message shows through: %s", tt.body, s)
		}
	}
}

// TestRefusedRolesAreNamedInWords: a role the route does not admit is
// refused naming the role as people call it, not its code, and who may
// do it instead (an administrator, for a new round).
func TestRefusedRolesAreNamedInWords(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/rounds", `{"year": 2030}`), "coordA")
	er, _ := body["error"].(map[string]any)
	if resp.StatusCode != http.StatusForbidden || er["message"] != "您的角色（协调员）不能执行此操作，请由管理员执行" ||
		er["message_en"] != "Your role (coordinator) cannot do this; ask an administrator to do it" {
		t.Errorf("a coordinator creating a round: %d %v, want 403 naming the role 协调员 and who may (管理员)", resp.StatusCode, er)
	}
}

// TestUnknownFieldNamesTheAcceptedOnes: a note posted with "text" for its
// body is refused naming the fields a note takes (page, quote, body), in
// both languages (the probe saw only 未知的字段“text”); a link's unknown
// field names the link's fields likewise, and a value's the fields of its
// citation as citation.quote.
func TestUnknownFieldNamesTheAcceptedOnes(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "杭州市建立学分银行。")
	for _, tt := range []struct {
		path, body, zh, en string
	}{
		{"/api/v1/documents/" + doc + "/notes", `{"text": "学分银行的数据需核对"}`,
			"未知的字段\u201Ctext\u201D\uFF1B可用的字段\uFF1Apage\u3001quote\u3001body", "Unknown field “text”; the fields accepted: page, quote, body"},
		{"/api/v1/links", `{"document_id": "` + doc + `", "indicator": "2.3.1", "pgae": 2}`, "可用的字段\uFF1Adocument_id\u3001indicator", "the fields accepted: document_id, indicator"},
		{"/api/v1/values", `{"city": "330100", "round": 2018, "indicator": "2.3.3", "value": "12000", "citation": {"document_id": "` + doc + `", "text": "学分银行"}}`,
			"citation.quote", "citation.quote"},
	} {
		who := "coordA"
		if strings.Contains(tt.path, "notes") {
			who = "expert"
		}
		resp, body := e.do(e.request("POST", tt.path, tt.body), who)
		er, _ := body["error"].(map[string]any)
		msg, _ := er["message"].(string)
		en, _ := er["message_en"].(string)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, tt.zh) || !strings.Contains(en, tt.en) {
			t.Errorf("%s %s: %d %q / %q, want 400 with %q / %q", tt.path, tt.body, resp.StatusCode, msg, en, tt.zh, tt.en)
		}
	}
}

// TestAnUnknownFieldInsideAnObjectIsNamedWithIt: a saved search sent
// with "filters": {"indicator": "2.3.1"} (the field is indicators there)
// is refused naming filters.indicator; it was refused as an unknown
// “indicator” beside a list of accepted fields that ended with the
// top-level indicator, which read as a contradiction.
func TestAnUnknownFieldInsideAnObjectIsNamedWithIt(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/saved-searches", `{"name": "学分银行制度", "query": "学分银行", "filters": {"indicator": "2.3.1"}}`), "expert")
	er, _ := body["error"].(map[string]any)
	msg, _ := er["message"].(string)
	en, _ := er["message_en"].(string)
	if resp.StatusCode != http.StatusBadRequest || er["field"] != "filters.indicator" ||
		!strings.Contains(msg, "未知的字段\u201Cfilters.indicator\u201D") || !strings.Contains(msg, "filters.indicators") ||
		!strings.Contains(en, "Unknown field “filters.indicator”") {
		t.Errorf("filters.indicator: %d %v, want 400 on filters.indicator naming filters.indicators", resp.StatusCode, er)
	}
	// A field unknown at the top is named as it is.
	_, body = e.do(e.request("POST", "/api/v1/saved-searches", `{"name": "学分银行制度", "query": "学分银行", "indicators": ["2.3.1"]}`), "expert")
	if er, _ := body["error"].(map[string]any); er["field"] != "indicators" {
		t.Errorf("a top-level indicators: %v, want refused on indicators", er)
	}
}
