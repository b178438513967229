package api

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestSearchFindsADocNumberSpacedInTheText: through the whole pipeline
// (extraction's normalisation, the index), a 文号 that a text writes with
// spaces or a line break inside, as OCR and some Word files do, is found
// by an ordinary search for it typed without them, in any brackets, and
// its hit marks it; another 文号 with the same numbers is not. Each
// document has its own 文号 given, another one, so that only its text
// can find it.
func TestSearchFindsADocNumberSpacedInTheText(t *testing.T) {
	e := newEnv(t)
	texts := map[string]string{
		"空格.txt":   "根据杭教发 〔2018〕 12 号文件精神，开展社区教育示范街道评选。",
		"括号内.txt":  "根据杭教发〔 2018 〕12号文件精神，开展老年教育学习点评估。",
		"方括号.txt":  "根据浙政发 [2019] 5 号文件精神，推进学习型城市建设。",
		"圆括号.txt":  "根据杭教发 (2018) 12 号文件精神，举办市民学习周。",
		"换行.txt":   "转发杭教发(2018)\n12号文件，请遵照执行。",
		"全角.txt":   "根据杭教发〔２０１８〕１２号文件，制定学分银行实施细则。",
		"另一机关.txt": "根据杭政发 (2018) 12 号文件精神，部署全年工作。",
		"另一年份.txt": "根据杭教发 [2012] 18 号文件，统计口径不变。",
	}
	ids := map[string]string{}
	for name, text := range texts {
		fields := map[string]string{"city": cityA, "doc_type": "policy", "doc_number": "杭教办〔2020〕1号"}
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{name: []byte(text)})), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload %s: %d %v", name, resp.StatusCode, body)
		}
		id := body["documents"].([]any)[0].(map[string]any)["id"].(string)
		e.te.WaitIndexed(id)
		ids[id] = name
	}
	hangjiao := []string{"全角.txt", "圆括号.txt", "括号内.txt", "换行.txt", "空格.txt"}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"杭教发〔2018〕12号", hangjiao},
		{"杭教发[2018]12号", hangjiao},
		{"杭教发（2018）12号", hangjiao},
		{"浙政发〔2019〕5号", []string{"方括号.txt"}},
		{"杭政发〔2018〕12号", []string{"另一机关.txt"}},
		{"杭教发〔2012〕18号", []string{"另一年份.txt"}},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(tt.q), nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %q: %d %v", tt.q, resp.StatusCode, body)
		}
		var got []string
		hits, _ := body["hits"].([]any)
		for _, h := range hits {
			hit := h.(map[string]any)
			got = append(got, ids[hit["id"].(string)])
			frags, _ := hit["fragments"].([]any)
			if len(frags) == 0 || !strings.Contains(frags[0].(map[string]any)["html"].(string), "号</mark>") {
				t.Errorf("search %q: %s's fragments %v, want the 文号 marked to its 号", tt.q, ids[hit["id"].(string)], frags)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}
