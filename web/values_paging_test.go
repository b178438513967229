package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestValuesPageIsPaged: a tab of more values than a page holds shows one
// page, says how many there are, and links 上一页/下一页 with the city,
// round and tab kept; a verdict given on page 2 comes back to page 2.
func TestValuesPageIsPaged(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "统计公报.txt", "2017年认定市民终身学习基地123个。")
	n := valuesPageSize + 7
	addValueRounds(t, s, n)
	vs := make([]*catalog.Value, n)
	for i := range vs {
		vs[i] = &catalog.Value{City: "330100", Round: 2000 + i, Indicator: "2.2.1", Number: 123, Given: "123", Unit: "个",
			Citation: catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: "认定市民终身学习基地123个"}, CreatedBy: "wang"}
	}
	if err := s.env.Catalog.SaveValues(ctx, vs, "wang"); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, body := li.get("/values?city=330100&round=")
	text := textOf(body)
	if got := strings.Count(body, `class="card value-row"`); got != valuesPageSize {
		t.Errorf("page 1 shows %d values, want %d", got, valuesPageSize)
	}
	next := "/values?status=pending&amp;city=330100&amp;round=&amp;page=2&amp;after="
	if !strings.Contains(text, fmt.Sprintf("共 %d 个数值", n)) || !strings.Contains(text, "第 1/2 页") ||
		!strings.Contains(body, `href="`+next) || !strings.Contains(body, `" rel="next">下一页`) || strings.Contains(body, `rel="prev"`) {
		t.Errorf("page 1 does not say %d values in 2 pages with a link to page 2 (%s) only: %.800s", n, next, text)
	}
	if !strings.Contains(text, fmt.Sprintf("待审核 %d", n)) {
		t.Errorf("the pending tab does not count all %d values: %.800s", n, text)
	}
	_, body = li.get("/values?status=pending&city=330100&round=&page=2")
	if got := strings.Count(body, `class="card value-row"`); got != 7 {
		t.Errorf("page 2 shows %d values, want 7", got)
	}
	if !strings.Contains(body, `href="/values?status=pending&amp;city=330100&amp;round=" rel="prev">上一页`) || strings.Contains(body, `rel="next"`) {
		t.Errorf("page 2 lacks its link back to page 1: %.800s", textOf(body))
	}
	last := vs[n-1].ID
	if !strings.Contains(body, `id="value-`+last+`"`) {
		t.Fatalf("page 2 lacks the last value (round %d)", 2000+n-1)
	}
	resp, body := li.post("/values/"+last+"/review", url.Values{"verdict": {"verified"}, "status": {"pending"},
		"filters": {"city=330100&round="}, "page": {"2"}})
	if resp.StatusCode != 200 || resp.Request.URL.Query().Get("page") != "2" || strings.Count(body, `class="card value-row"`) != 6 {
		t.Errorf("a verdict on page 2: %d at %s with %d values, want back on page 2 with 6", resp.StatusCode, resp.Request.URL,
			strings.Count(body, `class="card value-row"`))
	}
	// Past the end (the last page's last value reviewed, an old link): the
	// last page with values.
	if _, body := li.get("/values?status=pending&city=330100&round=&page=9"); strings.Count(body, `class="card value-row"`) != 6 ||
		!strings.Contains(textOf(body), "第 2/2 页") {
		t.Errorf("page 9 of 2: %d values, want page 2's 6: %.600s", strings.Count(body, `class="card value-row"`), textOf(body))
	}
	for _, page := range []string{"0", "-3", "abc", "99999999999999999999"} {
		if resp, _ := li.get("/values?city=330100&round=&page=" + page); resp.StatusCode != 200 {
			t.Errorf("page=%s: %d, want the page shown (clamped)", page, resp.StatusCode)
		}
	}
}

// TestValuesNextPageSkipsNoneAfterVerdicts: 下一页 goes on after the last
// value its page showed (after=), so values verified on page 1 in the
// meantime (they leave the 待审核 tab) do not make page 2 skip as many;
// the page is still numbered 第 2/2 页, and a verdict there comes back to
// the same place.
func TestValuesNextPageSkipsNoneAfterVerdicts(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "统计公报.txt", "2017年认定市民终身学习基地123个。")
	n := valuesPageSize + 7
	addValueRounds(t, s, n)
	vs := make([]*catalog.Value, n)
	for i := range vs {
		vs[i] = &catalog.Value{City: "330100", Round: 2000 + i, Indicator: "2.2.1", Number: 123, Given: "123", Unit: "个",
			Citation: catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: "认定市民终身学习基地123个"}, CreatedBy: "wang"}
	}
	if err := s.env.Catalog.SaveValues(ctx, vs, "wang"); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, body := li.get("/values?status=pending&city=330100&round=")
	m := regexp.MustCompile(`href="([^"]*)" rel="next"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("page 1 has no 下一页: %.600s", textOf(body))
	}
	next := html.UnescapeString(m[1])
	for _, v := range vs[:3] {
		if resp, _ := li.post("/values/"+v.ID+"/review", url.Values{"verdict": {"verified"}, "status": {"pending"},
			"filters": {"city=330100&round="}, "page": {"1"}}); resp.StatusCode != 200 {
			t.Fatalf("verdict on round %d: %d", v.Round, resp.StatusCode)
		}
	}
	_, body = li.get(next)
	for _, v := range vs[valuesPageSize:] {
		if !strings.Contains(body, `id="value-`+v.ID+`"`) {
			t.Errorf("下一页 (%s) after 3 verdicts on page 1 lacks round %d, never shown", next, v.Round)
		}
	}
	if !strings.Contains(textOf(body), "第 2/2 页") {
		t.Errorf("下一页 is not numbered 第 2/2 页: %.600s", textOf(body))
	}
	v := vs[valuesPageSize]
	resp, body := li.post("/values/"+v.ID+"/review", url.Values{"verdict": {"verified"}, "status": {"pending"},
		"filters": {"city=330100&round="}, "page": {"2"}, "after": {queryOf(next).Get("after")}})
	if resp.StatusCode != 200 || !strings.Contains(body, `id="value-`+vs[valuesPageSize+1].ID+`"`) ||
		strings.Contains(body, `id="value-`+v.ID+`"`) || resp.Request.URL.Query().Get("after") == "" {
		t.Errorf("a verdict on page 2: %d at %s, want back after the same value, round %d shown", resp.StatusCode, resp.Request.URL,
			vs[valuesPageSize+1].Round)
	}
}

// queryOf is the query of an address.
// addValueRounds adds the rounds from 2000 up that n values, one a round,
// are saved in: a value is saved only in a round that exists.
func addValueRounds(t *testing.T, s *site, n int) {
	t.Helper()
	for y := 2000; y < 2000+n; y++ {
		if err := s.env.Catalog.AddRound(context.Background(), catalog.Round{Year: y}, "admin"); err != nil && catalog.ErrorCode(err) != catalog.ECONFLICT {
			t.Fatal(err)
		}
	}
}

func queryOf(address string) url.Values {
	u, _ := url.Parse(address)
	return u.Query()
}
