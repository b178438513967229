package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestPastRoundPagesNameIndicatorsAsTheRoundDid: 杭州's 2017 value of
// 2.2.1 and claim on 2.3.1 are carried into 2018; 2018 had 2.2.1 as
// 市民学习基地数量 (2.3.1 as 建立学分银行制度) and keeps them when 2019 is
// made current; the framework then renames them. Pages showing 2018's
// things name them as the report does, 旧名（现名：新名）: the carry-over
// page, the values list, the heat map of 2018, the review queue and the
// claim's page; English pages (now: …). 2019's and 2017's (no kept
// names) use today's name alone.
func TestPastRoundPagesNameIndicatorsAsTheRoundDid(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "tongji.txt", "杭州市认定市民终身学习基地123个,建立学分银行。")
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	const then, now = "市民学习基地数量", "市民终身学习基地（体验基地）数量"
	const bankThen, bankNow = "建立学分银行制度", "建立学分银行或学分积累、转换与认证制度"
	importNamed(t, s, "2.2.1", then, false)
	importNamed(t, s, "2.3.1", bankThen, false)
	if err := s.env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	importNamed(t, s, "2.2.1", now, false)
	importNamed(t, s, "2.3.1", bankNow, false)
	kept := then + "（现名：" + now + "）"
	bankKept := bankThen + "（现名：" + bankNow + "）"
	carried, err := s.env.Claims.Queue(ctx, coord, catalog.ClaimFilter{Round: 2018, Limit: 10})
	if err != nil || len(carried.Claims) != 1 {
		t.Fatalf("2018's carried claim: %v %v", carried, err)
	}

	wang := s.login("wang")
	_, page := wang.get("/carryovers?city=330100&round=2018")
	if !strings.Contains(page, "2.2.1 "+kept) || !strings.Contains(page, "2.3.1 "+bankKept) {
		t.Errorf("2018's carry-over page: %.1200s, want %q and %q", textOf(page), kept, bankKept)
	}
	if _, page := wang.get("/values?round=2018"); !strings.Contains(page, "2.2.1 "+kept) {
		t.Errorf("2018's values list lacks %q: %.1200s", kept, textOf(page))
	}
	if _, page := wang.get("/values?round=2017"); !strings.Contains(page, "2.2.1 "+now) || strings.Contains(page, "现名") {
		t.Errorf("2017's values list (no kept names): %.1200s, want today's name alone", textOf(page))
	}
	if _, page := wang.get("/indicators?round=2018"); !strings.Contains(page, `title="`+kept+`"`) {
		t.Errorf("2018's heat map does not name 2.2.1 %q", kept)
	}
	if _, page := wang.get("/indicators?round=2019"); strings.Contains(page, "现名") {
		t.Errorf("2019's heat map says 现名: the current round follows the framework")
	}
	li := s.login("li")
	// The coordinator's queue, every status: the 2018 copy is 待确认 until
	// confirmed, out of a reviewer's 待审核.
	if _, page := wang.get("/review?round="); !strings.Contains(page, "2.3.1 "+bankKept) || !strings.Contains(page, "2.3.1 "+bankNow+"</a>") {
		t.Errorf("the review queue: %.1500s, want 2018's claim named %q and 2017's by today's name", textOf(page), bankKept)
	}
	if _, page := li.get("/claims/" + carried.Claims[0].ID); !strings.Contains(page, "2.3.1 "+bankKept) {
		t.Errorf("2018's carried claim page lacks %q: %.800s", bankKept, textOf(page))
	} else if !strings.Contains(page, "<title>2.3.1 "+bankKept+" · ") {
		t.Errorf("2018's carried claim page's title does not name it %q as its h1 does: %.300s", bankKept, page)
	}
	wang.get("/lang?to=en&next=/")
	if _, page := wang.get("/values?round=2018"); !strings.Contains(page, " (now: "+now+")") {
		t.Errorf("2018's English values list lacks (now: …): %.1200s", textOf(page))
	}
}

// TestMyTasksNameAKeptRoundsIndicator: 市教育局 has a 2018 task on 2.3.1;
// 2018 kept 建立学分银行制度 and the framework renamed it since. 我的任务
// names it as the board does, 旧名（现名：新名）.
func TestMyTasksNameAKeptRoundsIndicator(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	ctx := context.Background()
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "责任分工.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n")}); err != nil {
		t.Fatal(err)
	}
	importNamed(t, s, "2.3.1", "建立学分银行制度", false)
	if err := s.env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	importNamed(t, s, "2.3.1", "建立学分银行或学分积累、转换与认证制度", false)
	const kept = "2.3.1 建立学分银行制度（现名：建立学分银行或学分积累、转换与认证制度）"
	if _, page := s.login("wang").get("/assignments?round=2018"); !strings.Contains(page, kept) {
		t.Errorf("the 2018 board lacks %q: %.1200s", kept, textOf(page))
	}
	if _, page := s.login("jiaoyu").get("/tasks?round=2018"); !strings.Contains(page, kept) {
		t.Errorf("我的任务 of 2018 lacks %q: %.1200s", kept, textOf(page))
	}
}

// TestEnglishNameAddedIsNoRename: after 2018 kept its names, the
// framework gets an English name for 2.3.1, its Chinese name unchanged.
// The 2018 heat map names 2.3.1 once, with no 现名; in English by the
// English name 2018 kept, with no (now: …): a new translation is no
// rename.
func TestEnglishNameAddedIsNoRename(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if err := s.env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	fw, inds, err := s.env.Catalog.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	name := ""
	for i := range inds {
		if inds[i].Code == "2.3.1" {
			inds[i].NameEN, name = "Credit bank (revised translation)", inds[i].Name
		}
	}
	table, err := framework.ExportCSV(inds)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Framework.Import(ctx, framework.System, "体系.csv", table, *fw); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	if _, page := wang.get("/indicators?round=2018"); strings.Contains(page, "现名") || !strings.Contains(page, `title="`+name+`"`) {
		t.Errorf("2018's heat map after an English name was added: want 2.3.1 named %q alone, no 现名", name)
	}
	wang.get("/lang?to=en&next=/")
	if _, page := wang.get("/indicators?round=2018"); strings.Contains(page, "(now: ") || !strings.Contains(page, `title="Credit bank / credit accumulation and transfer"`) {
		t.Errorf("2018's English heat map after a new translation: want 2.3.1 by the English name 2018 kept, no (now: …)")
	}
}
