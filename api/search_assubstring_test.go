package api

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// TestSearchSaysWhatItsWordsMissed: through the API, a word the text
// holds where its segmentation crossed it (健全 in 建立|健|全市) finds
// nothing as a word and says so in as_substring; match=substring finds
// it, with a notice in both languages, and also 市长 in 南京市长江大桥; an
// unknown match is refused.
func TestSearchSaysWhatItsWordsMissed(t *testing.T) {
	e := newEnv(t)
	crossed := e.upload(cityA, "crossed.txt", "建立健全市、区(县)、街道(乡镇)、社区(村)四级社区教育网络。")
	bridge := e.upload(cityA, "bridge.txt", "南京市长江大桥是城市交通的重要通道。")
	tests := []struct {
		query     string
		hits      []string
		missed    string // as_substring as printed, "<nil>" without
		substring bool
	}{
		{"q=健全", nil, "map[count:1 words:[健全]]", false},
		{"q=健全&match=substring", []string{crossed}, "<nil>", true},
		{"q=市长", nil, "map[count:1 words:[市长]]", false},
		{"q=市长&match=word", nil, "map[count:1 words:[市长]]", false},
		{"q=市长&match=substring", []string{bridge}, "<nil>", true},
		{"q=社区教育网络", []string{crossed}, "<nil>", false},
	}
	for _, tt := range tests {
		v, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := e.do(e.request("GET", "/api/v1/search?"+v.Encode(), nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %s: %d %v", tt.query, resp.StatusCode, body)
		}
		var got []string
		for _, h := range body["hits"].([]any) {
			got = append(got, h.(map[string]any)["id"].(string))
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.hits) {
			t.Errorf("search %s: got %v, want %v", tt.query, got, tt.hits)
		}
		if m := fmt.Sprint(body["as_substring"]); m != tt.missed {
			t.Errorf("search %s: as_substring %s, want %s", tt.query, m, tt.missed)
		}
		_, zh := body["substring_notice"]
		_, en := body["substring_notice_en"]
		if zh != tt.substring || en != tt.substring {
			t.Errorf("search %s: substring_notice %v, substring_notice_en %v, want %v", tt.query, body["substring_notice"], body["substring_notice_en"], tt.substring)
		}
	}
	resp, body := e.do(e.request("GET", "/api/v1/search?q=%E5%81%A5%E5%85%A8&match=chars", nil), "expert")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("search with match=chars: %d %v, want 400", resp.StatusCode, body)
	}
}
