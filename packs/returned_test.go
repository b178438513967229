package packs_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/report"
)

// TestManifestMarksAFileReturnedThisRound: 市教育局 handed in 学分银行实施方案
// for 2.3.1 and wang returned it; a claim of 2.3.1 still cites it. The
// manifest listed 2.3.1 beside it unmarked, which README.txt says is an
// indicator the file supports (review s43 finding 2): it is marked
// （本轮已退回）, in English (returned this round).
func TestManifestMarksAFileReturnedThisRound(t *testing.T) {
	e, svc, _ := withData(t)
	back := e.ReturnedHandIn(hangzhou, 2017, "2.3.1", "学分银行实施方案.txt", "杭州市学分银行实施方案：建立市民终身学习账户。", coordA)
	if _, err := e.Claims.Create(ctx, coordA, claims.Input{City: hangzhou, Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立市民终身学习账户。",
		Citations: []claims.CitationInput{{DocumentID: back.ID, Page: 1, Quote: "建立市民终身学习账户"}}}); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[report.Lang]string{report.Chinese: "2.3.1（本轮已退回）", report.English: "2.3.1 (returned this round)"} {
		p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		p.Report.Lang = lang
		var buf strings.Builder
		if err := p.WriteTo(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		var cell string
		listed := false
		for _, row := range manifestRows(t, []byte(buf.String()))[1:] {
			if row[2] == back.ID {
				cell, listed = row[6], true
			}
		}
		if !listed {
			t.Fatalf("%s manifest does not list the returned 学分银行实施方案 a claim cites", lang)
		}
		if cell != want {
			t.Errorf("%s manifest, indicators of the returned 学分银行实施方案: %q, want %q", lang, cell, want)
		}
	}
}
