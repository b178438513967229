package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestCarriedValueIsKeptAsLastRoundsFigure: 杭州's 2017 value of 2.3.3
// (732160人) and its link carried into 2018. /carryovers offers the value
// as 沿用 2017年度数值 with a word that a yearly figure is normally
// recorded again, the link as 确认沿用; once kept, the notice and /compare
// say the 2018 figure is 2017's (沿用2017年度数值), where the report said
// 本轮持平 (probe s38, finding 13).
func TestCarriedValueIsKeptAsLastRoundsFigure(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "2017年工作总结.txt", "2017年存入学分银行的社会培训成果732160人,建立学分银行。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "732160",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "存入学分银行的社会培训成果732160人"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, body := wang.get("/carryovers?city=330100&round=2018")
	text := html.UnescapeString(body)
	for _, c := range []struct{ what, want string }{
		{"the value's button", "沿用 2017年度数值</button>"},
		{"the link's button", "确认沿用</button>"},
		{"the word to record this round's figure", "沿用即以 2017年度的数值作为本轮数值，报告写“沿用2017年度数值”；本轮有新的统计数据的，请重新填报本轮数值及出处"},
	} {
		if !strings.Contains(text, c.want) {
			t.Errorf("/carryovers lacks %s %q:\n%.2500s", c.what, c.want, textOf(body))
		}
	}
	if strings.Count(text, "确认沿用</button>") != 1 {
		t.Errorf("/carryovers offers 确认沿用 %d times, want once (the link's): %.2500s", strings.Count(text, "确认沿用</button>"), textOf(body))
	}
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Kind != catalog.CarryValue {
			continue
		}
		if _, body := wang.post("/carryovers/"+it.ID, url.Values{"action": {"confirm"}}); !strings.Contains(body, "已确认沿用 2017年度数值") {
			t.Errorf("keeping the value: the notice lacks 已确认沿用 2017年度数值:\n%.1500s", textOf(body))
		}
	}
	for _, want := range []string{"沿用2017年度数值", "Round 2017's figure, kept"} {
		_, body := wang.get("/compare?city=330100&rounds=2017,2018")
		if got := strings.Count(html.UnescapeString(body), want); got != 1 {
			t.Errorf("/compare says %q %d times, want once (2018's 2.3.3):\n%.3000s", want, got, textOf(body))
		}
		wang.english()
	}
}
