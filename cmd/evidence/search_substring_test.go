package main

import (
	"strings"
	"testing"
)

// TestSearchSubstringThroughAServer: `evidence search` says how many
// documents hold a word it did not match as a word (健全 in 建立|健|全市)
// and how to find them, and with --substring finds them, marked, and
// says that its results may hold words inside other words.
func TestSearchSubstringThroughAServer(t *testing.T) {
	s := startServer(t, "")
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "policy"},
		upload{name: "网络.txt", body: []byte("建立健全市、区(县)、街道(乡镇)、社区(村)四级社区教育网络。")})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"search", "健全"}, []string{"共 0 条结果", "另有 1 份材料含有“健全”，但它在文中与相邻的字组成了别的词，未按词匹配；加 --substring 可找到这些材料"}},
		{[]string{"search", "健全", "--substring"}, []string{"共 1 条结果", "已按字串检索：结果中的词可能是其他词的一部分（如“市长”在“南京市长江大桥”中）", "【健全】"}},
		{[]string{"search", "健全", "--lang", "en"}, []string{"1 more document holds “健全”, but inside other words", "add --substring to find them"}},
	} {
		out, err := runCLI(t, append(tt.args, "--server", s.base, "--token", s.token)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", tt.args, err, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: want %q in\n%s", tt.args, w, out)
			}
		}
	}
}
