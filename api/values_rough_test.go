package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAValueThatIsARoughNumbersBoundSaysSo: 1200 recorded from
// “全年培训企业职工1200余人” (more than 1200) is not found, and the answer
// says the quote writes it as 约数 (value_rough 1200余), where it said only
// value_found false (probe s36 §9); 87.6% from OCR's “87 . 6%” is found
// with value_spaced; a number not in the quote has neither. 5000 books
// per resident from “放置图书5000余册” is unit_mismatch (册) with a
// warning that the number is unlikely, and no value_rough. 10万 from
// “突破10万人” or “近10万人” is no more found than 1200 from 1200余 (value_rough
// 突破10万, 近10万), and 10万 from “10万人以上” is found within the 约数,
// value_rough naming it (probe s40 #7).
func TestAValueThatIsARoughNumbersBoundSaysSo(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "阅读活动总结.txt", "建成50座漂流书亭，放置图书5000余册。企业比例为87 . 6%.全年培训企业职工1200余人。学分银行累计开户人数突破10万人。存入学分银行的社会培训成果人数近10万人。学分银行开户人数10万人以上。")
	for _, tt := range []struct {
		round                   int
		indicator, value, quote string
		found                   bool
		rough, spaced, unit     string
	}{
		{2017, "2.3.3", "1200", "全年培训企业职工1200余人", false, "1200余", "", ""},
		{2018, "2.3.3", "1300", "全年培训企业职工1200余人", false, "", "", ""},
		{2017, "1.3.2", "87.6%", "企业比例为87 . 6%", true, "", "87 . 6", ""},
		{2017, "3.2.2", "5000", "放置图书5000余册", false, "", "", "册"},
		// A figure a word bounds or approximates (probe s40 #7).
		{2018, "2.3.3", "100000", "学分银行累计开户人数突破10万人", false, "突破10万", "", ""},
		{2018, "2.3.3", "10万", "存入学分银行的社会培训成果人数近10万人", false, "近10万", "", ""},
		{2018, "2.3.3", "10万", "学分银行开户人数10万人以上", true, "10万人以上", "", ""},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": tt.round, "indicator": tt.indicator, "value": tt.value,
			"citation": map[string]any{"document_id": doc, "page": 1, "quote": tt.quote}}), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s from %q: %d %v", tt.value, tt.quote, resp.StatusCode, body)
		}
		v := body["value"].(map[string]any)
		rough, _ := v["value_rough"].(string)
		spaced, _ := v["value_spaced"].(string)
		if v["value_found"] != tt.found || rough != tt.rough || spaced != tt.spaced {
			t.Errorf("POST %s from %q: value_found %v, value_rough %q, value_spaced %q; want %v, %q, %q",
				tt.value, tt.quote, v["value_found"], rough, spaced, tt.found, tt.rough, tt.spaced)
		}
		unit, _ := v["passage_unit"].(string)
		warnings := fmt.Sprint(v["warnings"])
		if v["unit_mismatch"] != (tt.unit != "") || unit != tt.unit || (tt.unit != "") != strings.Contains(warnings, "是人均数") {
			t.Errorf("POST %s from %q: unit_mismatch %v, passage_unit %q, warnings %s; want passage unit %q and, with it, the warning",
				tt.value, tt.quote, v["unit_mismatch"], unit, warnings, tt.unit)
		}
	}
}
