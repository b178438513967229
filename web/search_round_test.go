package web

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/xuri/excelize/v2"
)

// TestSearchPageFiltersByRound: the search page's 监测轮次 menu lists the
// catalog's rounds and tells apart two summaries of rounds 2024 and 2025
// with the same words and no date of issue (so the same year filter
// would not); the round stays in the facet links, the export (whose 说明
// sheet names it) and the save form; the search saved with it opens with
// the round, and 我的检索 names its round and counts as new only the new
// 2024 document; a search finding nothing in its round offers the one
// without it; junk round= is a 400 saying what a round is, in Chinese
// and English, as the documents list says it.
func TestSearchPageFiltersByRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for _, year := range []int{2024, 2025} {
		if err := s.env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: year}); err != nil {
			t.Fatal(err)
		}
	}
	d24 := s.env.UploadInRound("330100", "2024年度总结.txt", "杭州市终身学习周活动总结（二〇二四年度）", "2024")
	d25 := s.env.UploadInRound("330100", "2025年度总结.txt", "杭州市终身学习周活动总结（二〇二五年度）", "2025")
	zhou := s.login("zhou")
	q := url.QueryEscape("学习周")

	_, body := zhou.get("/search?q=" + q)
	for _, want := range []string{"监测轮次", `<option value="2024">`, `<option value="2025">`, d24.ID, d25.ID} {
		if !strings.Contains(body, want) {
			t.Errorf("the search of every round lacks %q: %.600s", want, textOf(body))
		}
	}
	resp, body := zhou.get("/search?q=" + q + "&round=2024")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, d24.ID) || strings.Contains(body, d25.ID) {
		t.Fatalf("round=2024: %d, want the 2024 summary only: %.600s", resp.StatusCode, textOf(body))
	}
	for _, want := range []string{`<option value="2024" selected>`, `<input type="hidden" name="round" value="2024">`,
		"/search/export?q=" + q + "&amp;round=2024", "/search?city=330100&amp;q=" + q + "&amp;round=2024"} {
		if !strings.Contains(body, want) {
			t.Errorf("round=2024: the page lacks %q", want)
		}
	}
	_, raw := zhou.get("/search/export?q=" + q + "&round=2024")
	f, err := excelize.OpenReader(bytes.NewReader([]byte(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if about, _ := f.GetRows("说明"); len(about) < 2 || !strings.Contains(strings.Join(about[1], " "), "监测轮次=2024") {
		t.Errorf("the export's 说明 sheet: %q, want its filters to name 监测轮次=2024", about)
	}
	if rows, _ := f.GetRows("检索结果"); len(rows) != 2 {
		t.Errorf("the export of round 2024 holds %d rows, want a header and the 2024 summary", len(rows))
	}

	resp, body = zhou.post("/saved-searches", url.Values{"q": {"学习周"}, "round": {"2024"}, "name": {"学习周（2024 轮）"}})
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Query().Get("round") != "2024" || strings.Contains(body, d25.ID) {
		t.Fatalf("after saving: %d at %s, want the 2024 search: %.600s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	s.env.UploadInRound("330100", "2024补充.txt", "杭州市市民学习周补充材料（二〇二四年度）", "2024")
	s.env.UploadInRound("330100", "2025补充.txt", "杭州市市民学习周补充材料（二〇二五年度）", "2025")
	if _, body := zhou.get("/saved-searches"); !strings.Contains(body, "自上次查看以来新增 1 条") || !strings.Contains(body, `<span class="saved-round">监测轮次 2024 </span>`) {
		t.Errorf("我的检索: want the 2024 search with 1 new match and its round: %.600s", textOf(body))
	}

	for _, tt := range []struct{ lang, want string }{
		{"zh", "监测轮次应为 2000 至 2100 年间的年份（如 2018），或留空表示全部轮次"},
		{"en", "The monitoring round should be a year from 2000 to 2100"},
	} {
		resp, body := zhou.get("/search?q=" + q + "&round=" + url.QueryEscape("第二轮") + "&lang=" + tt.lang)
		if page := html.UnescapeString(textOf(body)); resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, tt.want) {
			t.Errorf("%s round=第二轮: %d, want 400 saying %q: %.600s", tt.lang, resp.StatusCode, tt.want, page)
		}
	}
	// Found only outside the round asked for: the page offers the search
	// without it, named as the menu names it.
	if _, body := zhou.get("/search?q=" + url.QueryEscape("二〇二四") + "&round=2025&lang=zh"); !strings.Contains(html.UnescapeString(body), "去掉“监测轮次=2025”可找到 2 条") {
		t.Errorf("二〇二四 in round 2025: want the offer to drop 监测轮次=2025: %.600s", textOf(body))
	}
	if _, body := zhou.get("/search?q=" + q + "&lang=en"); !strings.Contains(body, "Monitoring round") {
		t.Errorf("the English search page lacks the menu Monitoring round")
	}
}
