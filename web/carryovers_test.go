package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestCarryOverPage walks the 待确认 page: the admin creates 2018 with the
// carry-over ticked, city A's coordinator sees the carried link, claim and
// value, confirms one and drops another; /compare leads there.
func TestCarryOverPage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "tongji.txt", "杭州市认定市民终身学习基地123个,建立学分银行。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	// 2018 exists in the demo data, so the admin's checkbox is tried on 2019
	// after the coordinator's button has carried 2017 into 2018.
	admin := s.login("admin")
	wang := s.login("wang")
	resp, body := wang.post("/carryovers", url.Values{"city": {"330100"}, "round": {"2018"}})
	if resp.StatusCode != 200 || !strings.Contains(body, `class="flash"`) {
		t.Fatalf("carry-over button: %d at %s: %.300s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	_, body = wang.get("/carryovers?city=330100&round=2018")
	for _, want := range []string{"待确认 3 项", "杭州市建立了学分银行", "123个", d.Title, "确认沿用", "本轮不用"} {
		if !strings.Contains(body, want) {
			t.Errorf("carry-over page lacks %q:\n%.2000s", want, textOf(body))
		}
	}
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil || len(items) != 3 {
		t.Fatalf("carried items: %v %v", items, err)
	}
	wang.post("/carryovers/"+items[0].ID, url.Values{"action": {"confirm"}})
	resp, body = wang.post("/carryovers/"+items[1].ID, url.Values{"action": {"drop"}})
	if !strings.Contains(body, "待确认 1 项") || !strings.Contains(resp.Request.URL.Path, "/carryovers") {
		t.Errorf("after confirming one and dropping one, at %s:\n%.1500s", resp.Request.URL, textOf(body))
	}
	if _, body := wang.get("/compare?city=330100&rounds=2017,2018"); !strings.Contains(body, `href="/carryovers?city=330100&amp;round=2018"`) ||
		!strings.Contains(body, `href="/api/v1/packs/330100?round=2018"`) {
		t.Errorf("/compare links neither the carry-over page nor the pack:\n%.3000s", body)
	}
	reviewer := s.login("li")
	if _, body := reviewer.get("/carryovers?city=330100&round=2018"); strings.Contains(body, "确认沿用</button>") {
		t.Errorf("a reviewer is offered the confirm button")
	}

	resp, body = admin.post("/admin/rounds", url.Values{"year": {"2019"}, "current": {"on"}, "carry": {"on"}})
	if resp.StatusCode != 200 || !strings.Contains(body, "已从 2018年度新结转") {
		t.Errorf("creating 2019 with the carry-over ticked: %d %.500s", resp.StatusCode, textOf(body))
	}
	if items, _, _ := s.env.Values.CarriedItems(ctx, coord, "330100", 2019); len(items) == 0 {
		t.Errorf("nothing carried into 2019")
	}
	// What the admin carried is still the coordinator's.
	vals, err := s.env.Values.List(ctx, testenv.Admin, values.Filter{City: "330100", Round: 2019})
	if err != nil || len(vals) != 1 || vals[0].Value.CreatedBy != "wang" {
		t.Errorf("the value carried into 2019 by the admin: %+v %v, want it recorded by wang", vals, err)
	}
}

// TestCarryOverTellsDocumentsOfOneTitleApart: the PDF and the DOCX of one
// 工作总结 carry over as two links of one title; the page names each one's
// file (and 文号) so that the coordinator knows which to keep.
func TestCarryOverTellsDocumentsOfOneTitleApart(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for _, name := range []string{"工作总结.pdf.txt", "工作总结.docx.txt"} {
		d := s.env.Upload("330100", name, "杭州市2017年学习型城市建设工作总结。建立学分银行。"+name)
		title, number := "杭州市2017年工作总结", "杭教〔2017〕9号"
		if _, err := s.env.Catalog.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Title: &title, DocNumber: &number}, "admin"); err != nil {
			t.Fatal(err)
		}
		if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
			t.Fatal(err)
		}
	}
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行。").ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	// The admin carries the city's round over: the claim stays wang's.
	s.login("admin").post("/carryovers", url.Values{"city": {"330100"}, "round": {"2018"}})
	list, err := s.env.Claims.List(ctx, testenv.Admin, catalog.ClaimFilter{City: "330100", Round: 2018})
	if err != nil || len(list) != 1 || list[0].CreatedBy != "wang" {
		t.Errorf("the claim the admin carried into 2018: %+v %v, want it written by wang", list, err)
	}
	wang := s.login("wang")
	_, body := wang.get("/carryovers?city=330100&round=2018")
	for _, want := range []string{"工作总结.pdf.txt（杭教〔2017〕9号）", "工作总结.docx.txt（杭教〔2017〕9号）"} {
		if !strings.Contains(body, want) {
			t.Errorf("carry-over page lacks %q:\n%.2000s", want, textOf(body))
		}
	}
}

// TestCarryOverRoundPickerSaysShow: the round picker on /carryovers only
// shows the chosen round, so its button says 查看 (Show), not 对比
// (Compare), which is what /compare does.
func TestCarryOverRoundPickerSaysShow(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	for _, lang := range []struct{ name, want, not string }{
		{"中文", `id="carry-show">查看</button>`, ">对比</button>"},
		{"English", `id="carry-show">Show</button>`, ">Compare</button>"},
	} {
		if lang.name == "English" {
			wang.english()
		}
		resp, body := wang.get("/carryovers?city=330100&round=2018")
		if resp.StatusCode != 200 || !strings.Contains(body, lang.want) || strings.Contains(body, lang.not) {
			t.Errorf("%s: /carryovers round picker: %d, want button %q and no %q: %.300s", lang.name, resp.StatusCode, lang.want, lang.not, textOf(body))
		}
	}
}
