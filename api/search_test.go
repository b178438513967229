package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestSearchFindsSubstringsAndTraditional runs the traps and the
// non-dictionary words through the API: substrings are found, dictionary
// words keep their boundaries, traditional and simplified meet.
func TestSearchFindsSubstringsAndTraditional(t *testing.T) {
	e := newEnv(t)
	week := e.upload(cityA, "week.txt", "全市组织市民学习周,全年参与学习的市民达12.3万人次,共举办342场大讲堂,新增5A级景区学习点。")
	bridge := e.upload(cityA, "bridge.txt", "南京市长江大桥是城市交通的重要通道,社区工作者和尚未报名的市民一起参加学习。")
	trad := e.upload(cityB, "trad.txt", "現就建立學分銀行提出如下意見。")
	tests := []struct {
		q    string
		want []string
	}{
		{"学习周", []string{week}},
		{"12.3万", []string{week}},
		{"342场", []string{week}},
		{"5A级", []string{week}},
		{"市长", nil},
		{"和尚", nil},
		{"学分银行", []string{trad}},
		{"學分銀行", []string{trad}},
		{"学习周 -南京", []string{week}},
		{"南京市长江大桥", []string{bridge}},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(tt.q), nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %q: %d %v", tt.q, resp.StatusCode, body)
		}
		var got []string
		for _, h := range body["hits"].([]any) {
			got = append(got, h.(map[string]any)["id"].(string))
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// A code typed in the search box, apart, joined or quoted, finds the
// documents that write it either way and those that cite a part of it
// (GB/T 28827.1), as the two words alone did; not another standard.
func TestSearchFindsCodesTypedEitherWay(t *testing.T) {
	e := newEnv(t)
	apart := e.upload(cityA, "apart.txt", "按照GB/T 28827—2012执行社区教育服务规范。")
	joined := e.upload(cityA, "joined.txt", "参照GB/T28827-2012开展社区教育服务评价。")
	part := e.upload(cityA, "part.txt", "依据GB/T 28827.1—2012第一部分开展评估。")
	e.upload(cityA, "other.txt", "依据GB/T 19001—2016建立质量管理体系。")
	sorted := func(ids ...string) string { slices.Sort(ids); return strings.Join(ids, ",") }
	for _, tt := range []struct {
		q    string
		want string
	}{
		{"GB/T 28827", sorted(apart, joined, part)},
		{"GB/T28827", sorted(apart, joined, part)},
		{`"GB/T 28827"`, sorted(apart, joined, part)},
		{"GB/T 28827-2012", sorted(apart, joined)},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(tt.q), nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %q: %d %v", tt.q, resp.StatusCode, body)
		}
		var got []string
		for _, h := range body["hits"].([]any) {
			got = append(got, h.(map[string]any)["id"].(string))
		}
		if g := sorted(got...); g != tt.want {
			t.Errorf("search %q: got %v, want %v", tt.q, g, tt.want)
		}
	}
}

func TestSearchSaysWhichFilterToDrop(t *testing.T) {
	e := newEnv(t)
	e.upload(cityA, "week.txt", "全市组织市民学习周活动。")
	tests := []struct {
		role, query string
		relax       string // JSON of relax (keys sorted), "" for none
	}{
		{"expert", "q=学习周&city=" + cityB, `[{"filter":"city","total":1,"value":"510100"}]`},
		{"expert", "q=学习周&doc_type=policy", `[{"filter":"doc_type","total":1,"value":"policy"}]`},
		{"expert", "q=学习周&doc_type=policy&year=2018", ``}, // two filters in the way: neither alone helps
		{"expert", "q=学习周&year=2018,2019", `[{"filter":"year","total":1,"value":"2018,2019"}]`},
		{"coordA", "q=学习周&doc_type=policy", `[{"filter":"doc_type","total":1,"value":"policy"}]`},
		{"coordB", "q=学习周&doc_type=policy", ``}, // dropping a filter never widens the scope
		{"expert", "q=活动周", ``}, // nothing found, no filter to drop
		{"expert", "q=学习周", ``}, // found: no help needed
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("GET", "/api/v1/search?"+tt.query, nil), tt.role)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d %v", tt.role, tt.query, resp.StatusCode, body)
		}
		got := ""
		if r, ok := body["relax"]; ok {
			b, _ := json.Marshal(r)
			got = string(b)
		}
		if got != tt.relax {
			t.Errorf("%s %s: relax %s, want %s", tt.role, tt.query, got, tt.relax)
		}
	}
}

func TestBadQueriesAre400WithAReason(t *testing.T) {
	e := newEnv(t)
	// Over 200 characters a query is a passage (search/passage.go); over
	// 2,000 it is too long even as one.
	for _, q := range []string{strings.Repeat("学习周", 700), "，。、!?", "……"} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(q), nil), "expert")
		errObj, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusBadRequest || errObj["code"] != "EINVALID" {
			t.Errorf("search %.20q: %d %v, want 400 EINVALID", q, resp.StatusCode, body)
			continue
		}
		if msg, _ := errObj["message"].(string); !strings.ContainsAny(msg, "过长标点") {
			t.Errorf("search %.20q: message %q gives no reason in Chinese", q, msg)
		}
	}
}

// TestSearchByDateOfIssueAndOrder narrows a search to a range of dates of
// issue written as people write them and orders the hits by that date or
// by upload; a bad date or order is 400 naming the parameter.
func TestSearchByDateOfIssueAndOrder(t *testing.T) {
	e := newEnv(t)
	upload := func(name, issued string) string {
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "policy",
			"issued_on": issued}, map[string][]byte{name: []byte(name + ":推进学分银行建设。")})), "admin")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload %s: %d %v", name, resp.StatusCode, body)
		}
		return e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	}
	old := upload("实施意见.txt", "2016-03-20")
	month := upload("工作要点.txt", "2018年3月")
	recent := upload("工作总结.txt", "2018-12-31")
	undated := upload("新闻报道.txt", "")
	tests := []struct {
		query string
		want  []string
	}{
		{"issued_from=2018&sort=issued", []string{recent, month}},
		{"issued_from=2018年3月1日&issued_to=2018年3月31日", []string{month}},
		{"issued_to=2018.3&sort=issued_asc", []string{old, month}},
		{"sort=issued", []string{recent, month, old, undated}},
		{"sort=uploaded", []string{undated, recent, month, old}},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("学分银行")+"&"+tt.query, nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", tt.query, resp.StatusCode, body)
		}
		var got []string
		for _, h := range body["hits"].([]any) {
			got = append(got, h.(map[string]any)["id"].(string))
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}
	for query, param := range map[string]string{"issued_from=2018-02-30": "issued_from", "issued_from=2019&issued_to=2018": "issued_to",
		"sort=newest": "sort"} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("学分银行")+"&"+query, nil), "expert")
		errObj, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusBadRequest || errObj["field"] != param {
			t.Errorf("%s: %d %v, want 400 naming %s", query, resp.StatusCode, body, param)
		}
	}
}

// A 文号 typed without brackets, as people type one into a search box,
// finds the document that writes it with them, and marks it as written.
func TestSearchFindsADocNumberTypedWithoutBrackets(t *testing.T) {
	e := newEnv(t)
	notice := e.upload(cityA, "notice.txt", "根据《宁波市人民政府关于加快发展学习型城市的意见》（甬政发〔2015〕58号）精神，制定本方案。")
	e.upload(cityA, "other.txt", "根据甬政发〔2016〕3号文件，开展社区教育。")
	for _, q := range []string{"甬政发2015", "甬政发2015年58号"} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(q), nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %q: %d %v", q, resp.StatusCode, body)
		}
		hits := body["hits"].([]any)
		if len(hits) != 1 || hits[0].(map[string]any)["id"] != notice {
			t.Errorf("search %q: %v, want only the notice", q, hits)
			continue
		}
		var marked []string
		for _, f := range hits[0].(map[string]any)["fragments"].([]any) {
			marked = append(marked, f.(map[string]any)["html"].(string))
		}
		if !strings.Contains(strings.Join(marked, " "), "<mark>甬政发〔2015") {
			t.Errorf("search %q: fragments %q, want the 文号 marked as written", q, marked)
		}
	}
}

// TestSearchCountsByUnitAndValue: through the API, a count with its unit
// finds only that unit (12000人 not 12000人次), and a bare number finds
// its value however a document writes it (12000 in 1.2万 and 一万二千人),
// the passage marked; a year is no value.
func TestSearchCountsByUnitAndValue(t *testing.T) {
	e := newEnv(t)
	people := e.upload(cityA, "people.txt", "全年参加社区教育培训12000人,经费充足。")
	times := e.upload(cityA, "times.txt", "全年参加社区教育培训12000人次,经费充足。")
	wan := e.upload(cityA, "wan.txt", "线上学习平台注册用户1.2万个,运行良好。")
	chinese := e.upload(cityB, "chinese.txt", "老年大学全年培训一万二千人,成效明显。")
	e.upload(cityB, "other.txt", "新建社区学校120所,教学点1200个,全年两千零二十三人结业。")
	sorted := func(ids ...string) []string { slices.Sort(ids); return ids }
	digits := map[string]string{people: "<mark>12000</mark>", times: "<mark>12000</mark>",
		wan: "<mark>1.2万</mark>", chinese: "<mark>一万二千</mark>"}
	for _, tt := range []struct {
		q      string
		want   []string
		marked map[string]string // per hit: in its fragments
	}{
		{"12000人", sorted(people, chinese), map[string]string{people: "<mark>12000人</mark>", chinese: "<mark>一万二千人</mark>"}},
		{"12000人次", []string{times}, map[string]string{times: "<mark>12000人次</mark>"}},
		{"12000", sorted(people, times, wan, chinese), digits},
		{"1.2万", sorted(people, times, wan, chinese), digits},
		{"2023", nil, nil},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(tt.q), nil), "expert")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %q: %d %v", tt.q, resp.StatusCode, body)
		}
		var got []string
		for _, h := range body["hits"].([]any) {
			hit := h.(map[string]any)
			got = append(got, hit["id"].(string))
			var marked []string
			for _, f := range hit["fragments"].([]any) {
				marked = append(marked, f.(map[string]any)["html"].(string))
			}
			want := tt.marked[hit["id"].(string)]
			if html := strings.Join(marked, " "); want == "" || !strings.Contains(html, want) {
				t.Errorf("search %q: hit %s fragments %q, want %q", tt.q, hit["id"], html, want)
			}
		}
		if got := sorted(got...); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestSearchSaysFieldSyntaxIsNotSearch: title:学分, as typed from other
// search engines, searches 学分 and the answer says that the field is no
// search syntax, in Chinese and English, where it found nothing before.
func TestSearchSaysFieldSyntaxIsNotSearch(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行.txt", "关于推进学分银行建设的实施意见。建立学分认定与转换制度。")
	for _, tt := range []struct{ q, zh, en string }{
		{"title:学分", "检索不支持字段写法（title:）；已在标题和正文中检索其余的词：学分", "no field syntax (title:)"},
		{"标题：学分银行 文号:实施意见", "检索不支持字段写法（标题:、文号:）；已在标题和正文中检索其余的词：学分银行 实施意见", "other words: 学分银行 实施意见"},
	} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(tt.q), nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %q: %d %v", tt.q, resp.StatusCode, body)
		}
		hits, _ := body["hits"].([]any)
		if len(hits) != 1 || hits[0].(map[string]any)["id"] != doc {
			t.Errorf("search %q: hits %v, want the 实施意见 %s", tt.q, hits, doc)
		}
		if n, _ := body["notice"].(string); n != tt.zh {
			t.Errorf("search %q: notice %q, want %q", tt.q, n, tt.zh)
		}
		if n, _ := body["notice_en"].(string); !strings.Contains(n, tt.en) {
			t.Errorf("search %q: notice_en %q, want it to contain %q", tt.q, n, tt.en)
		}
	}
	// A colon after words that name no field is searched as typed,
	// with no notice.
	news := e.upload(cityA, "报道.txt", "杭州日报：我市第十八届全民终身学习活动周开幕。")
	_, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("杭州日报：我市"), nil), "coordA")
	hits, _ := body["hits"].([]any)
	if n, ok := body["notice"]; ok || len(hits) != 1 || hits[0].(map[string]any)["id"] != news {
		t.Errorf("search 杭州日报：我市: notice %v, hits %v; want the 报道 %s and no notice", n, hits, news)
	}
}

// TestQueryOfExclusionsOnlyIs400: -学分银行 alone answered 200 total 0 with
// no word of why (probe s55); it is refused as a bare OR is, saying a
// search needs a word to find, in Chinese and English.
func TestQueryOfExclusionsOnlyIs400(t *testing.T) {
	e := newEnv(t)
	for _, q := range []string{"-学分银行", "NOT 征求意见稿"} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(q), nil), "expert")
		errObj, _ := body["error"].(map[string]any)
		msg, _ := errObj["message"].(string)
		en, _ := errObj["message_en"].(string)
		if resp.StatusCode != http.StatusBadRequest || errObj["code"] != "EINVALID" || !strings.Contains(msg, "只有排除词") || !strings.Contains(en, "only words to leave out") {
			t.Errorf("search %q: %d %v, want 400 EINVALID saying 只有排除词 and in English", q, resp.StatusCode, body)
		}
	}
}
