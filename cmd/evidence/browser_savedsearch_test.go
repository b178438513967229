package main

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestQueryPackInARealBrowser walks a query pack as an expert: save a
// search into indicator 2.3.1's pack from the search page, a new matching
// document arrives, 我的检索 and the indicator page say 新增 1 条, opening
// the search brings it back to 0; the export link answers a workbook.
func TestQueryPackInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "zhou", "--role", "expert", "--password", pw); err != nil {
		t.Fatalf("add the expert: %v", err)
	}
	uploadText := func(name, text string) {
		status, body := s.upload(map[string]string{"city": "330100", "doc_type": "policy"}, upload{name: name, body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload %s: %d %v", name, status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}
	uploadText("旧.txt", "杭州市学分银行建设实施意见。")
	shots := os.Getenv("EVIDENCE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "zhou", pw)
	u.do("search", chromedp.Navigate(s.base+"/search?q=学分银行"), chromedp.WaitVisible(css(`#save-search`)))
	u.do("save into the pack", chromedp.SetValue(css(`#save-search input[name=name]`), "学分银行建设"),
		chromedp.SetValue(css(`#save-search select[name=pack]`), "2.3.1"),
		chromedp.Click(css(`#save-search button[type=submit]`)), chromedp.WaitVisible(css(`.flash`)))
	if msg := u.text(`.flash`); !strings.Contains(msg, "检索已保存") {
		t.Errorf("after saving: %q", msg)
	}
	if href := u.attr(`#savebar a.export`, "href"); !strings.HasPrefix(href, "/search/export?") {
		t.Errorf("the export link: %q", href)
	}
	u.fitsTheWidth("search with the save bar at 1280 px")

	uploadText("新.txt", "杭州市学分银行管理办法（试行）。")
	uploadText("无关.txt", "杭州市社区教育工作要点。")

	u.do("my searches", chromedp.Navigate(s.base+"/saved-searches"), chromedp.WaitVisible(css(`table.saved-searches`)))
	if row := u.text(`table.saved-searches tbody`); !strings.Contains(row, "学分银行建设") || !strings.Contains(row, "新增 1 条") {
		t.Errorf("我的检索 after a new matching document: %q, want 新增 1 条", row)
	}
	u.shot(shots, "saved-searches")
	u.do("indicator page", chromedp.Navigate(s.base+"/indicators/2.3.1"), chromedp.WaitVisible(css(`#querypack`)))
	if pack := u.text(`#querypack`); !strings.Contains(pack, "学分银行建设") || !strings.Contains(pack, "新增 1 条") {
		t.Errorf("the indicator's query pack: %q, want 新增 1 条", pack)
	}
	u.shot(shots, "indicator-querypack")
	u.do("phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css(`#querypack`)))
	u.fitsTheWidth("indicator with its query pack at 390 px")
	u.do("desktop width", chromedp.EmulateViewport(1280, 900))

	u.do("open it", chromedp.Click(css(`#querypack a[href^="/saved-searches/"]`)), chromedp.WaitVisible(css(`#savebar`)))
	if opened := u.text(`#savebar`); !strings.Contains(opened, "学分银行建设") {
		t.Errorf("the search page does not name the opened search: %q", opened)
	}
	// The hit new since the last look is badged 新, the old one not.
	badged, err := chromedp.Run(u.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("article.hit h2")].filter(h => h.querySelector(".new-hit")).map(h => h.textContent.trim())`))
	if err != nil {
		t.Fatalf("the badged hits: %v", err)
	}
	if len(badged) != 1 || !strings.Contains(badged[0], "学分银行管理办法") || !strings.HasSuffix(badged[0], "新") {
		t.Errorf("the hits badged on the opened search: %q, want 杭州市学分银行管理办法 alone, badged 新", badged)
	}
	u.shot(shots, "saved-search-opened-new")
	u.do("my searches again", chromedp.Navigate(s.base+"/saved-searches"), chromedp.WaitVisible(css(`table.saved-searches`)))
	if row := u.text(`table.saved-searches tbody`); !strings.Contains(row, "新增 0 条") {
		t.Errorf("我的检索 after opening the search: %q, want 新增 0 条", row)
	}
}

// TestSearchRoundInARealBrowser: an expert picks 监测轮次 2024 in the
// search page's menu, which finds the 2024 round's summary and not the
// 2025 one's with the same words and no date of issue; the address, the
// menu and the export link keep the round, the search saved from there
// keeps it, and 我的检索 names it and counts only the new 2024 document.
func TestSearchRoundInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	for _, step := range [][]string{
		{"user", "add", "--name", "zhou", "--role", "expert", "--password", pw},
		{"round", "add", "--year", "2024"},
		{"round", "add", "--year", "2025"},
	} {
		if _, err := runCLI(t, append(step, "--data", s.dataDir)...); err != nil {
			t.Fatalf("%v: %v", step, err)
		}
	}
	uploadText := func(name, text, round string) {
		status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary", "round": round},
			upload{name: name, body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload %s: %d %v", name, status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}
	uploadText("二〇二四年度总结.txt", "杭州市终身学习周活动总结。", "2024")
	uploadText("二〇二五年度总结.txt", "杭州市终身学习周活动总结（续）。", "2025")
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "zhou", pw)
	u.do("search every round", chromedp.Navigate(s.base+"/search?q=学习周"), chromedp.WaitVisible(css(`#resultcount`)))
	if hits := u.text(`section.main`); !strings.Contains(hits, "二〇二四年度总结") || !strings.Contains(hits, "二〇二五年度总结") {
		t.Fatalf("every round: %q, want both summaries", hits)
	}
	// The option is marked selected only by the page the search loads.
	u.do("pick round 2024", chromedp.SetValue(css(`#round`), "2024"), chromedp.Click(css(`#search-form button[type=submit]`)),
		chromedp.WaitReady(css(`#round option[value="2024"][selected]`)), chromedp.WaitVisible(css(`#resultcount`)))
	at, _ := chromedp.Run(u.ctx, chromedp.Location())
	if hits := u.text(`section.main`); !strings.Contains(at, "round=2024") || !strings.Contains(hits, "二〇二四年度总结") ||
		strings.Contains(hits, "二〇二五年度总结") {
		t.Fatalf("round 2024 at %s: %q, want the 2024 summary only", at, hits)
	}
	if label := u.text(`label:has(#round)`); !strings.Contains(label, "监测轮次") {
		t.Errorf("the round menu's label: %q, want 监测轮次", label)
	}
	if href := u.attr(`#savebar a.export`, "href"); !strings.Contains(href, "round=2024") {
		t.Errorf("the export link %q lacks the round", href)
	}
	u.do("save it", chromedp.SetValue(css(`#save-search input[name=name]`), "学习周（2024 轮）"),
		chromedp.Click(css(`#save-search button[type=submit]`)), chromedp.WaitVisible(css(`.flash`)))
	if at, _ = chromedp.Run(u.ctx, chromedp.Location()); !strings.Contains(at, "round=2024") {
		t.Errorf("the saved search opened at %s, want its round", at)
	}

	uploadText("二〇二四年度补充.txt", "杭州市市民学习周补充材料。", "2024")
	uploadText("二〇二五年度补充.txt", "杭州市市民学习周补充材料（续）。", "2025")
	u.do("my searches", chromedp.Navigate(s.base+"/saved-searches"), chromedp.WaitVisible(css(`table.saved-searches`)))
	if row := u.text(`table.saved-searches tbody`); !strings.Contains(row, "监测轮次 2024") || !strings.Contains(row, "新增 1 条") {
		t.Errorf("我的检索: %q, want the search of 监测轮次 2024 with 新增 1 条", row)
	}
}
