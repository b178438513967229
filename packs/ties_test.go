package packs_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestManifestMarksIndicatorsTheDocumentDoesNotSupport: the manifest's
// 所支撑的关键指标 said the 统计公报 supported indicators whose only tie was
// a citation a reviewer rejected or whose quote the document lacks (probe
// s36 finding 8). Those are now marked with why: the value of 2.2.1
// judged 与证据矛盾, the 1.1.1 claim judged 证据不足, the 1.1.2 claim quoting
// words not in the text; 2.3.1, linked, stays plain although a claim
// citing the file for it was judged 证据不足 too, and so does 3.1.3, cited
// by a claim nobody judged yet. The English pack says the same in English.
func TestManifestMarksIndicatorsTheDocumentDoesNotSupport(t *testing.T) {
	e, svc, d := withData(t)
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	claim := func(indicator, quote string) *catalog.Claim {
		t.Helper()
		c, err := e.Claims.Create(ctx, coordA, claims.Input{City: hangzhou, Round: 2017, Indicator: indicator,
			Statement: "杭州市认定市民终身学习基地123个。", Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}})
		if err != nil {
			t.Fatalf("claim for %s: %v", indicator, err)
		}
		return c
	}
	for _, tt := range []struct {
		indicator, quote, verdict string
	}{
		{"1.1.1", "认定市民终身学习基地123个", "insufficient"},
		{"1.1.2", "杭州市终身教育促进条例已于2016年颁布", ""},
		{"2.3.1", "建立学分银行", "insufficient"},
		{"3.1.3", "建立学分银行", ""},
	} {
		c := claim(tt.indicator, tt.quote)
		if tt.verdict != "" {
			if _, err := e.Claims.Review(ctx, reviewer, c.ID, tt.verdict, "所引文件不能说明该指标"); err != nil {
				t.Fatalf("review the %s claim: %v", tt.indicator, err)
			}
		}
	}
	vals, err := e.Catalog.FindValues(ctx, catalog.ValueFilter{City: hangzhou, Round: 2017})
	if err != nil || len(vals) != 1 {
		t.Fatalf("the 2.2.1 value: %v %v", vals, err)
	}
	if _, err := e.Values.Review(ctx, reviewer, vals[0].ID, "contradicted", "公报中为123个，与填报口径不符"); err != nil {
		t.Fatalf("review the value: %v", err)
	}
	for _, tt := range []struct {
		lang report.Lang
		want map[string]string
	}{
		{report.Chinese, map[string]string{"2.3.1": "2.3.1", "3.1.3": "3.1.3", "2.2.1": "2.2.1（与证据矛盾）",
			"1.1.1": "1.1.1（证据不足）", "1.1.2": "1.1.2（引文未找到）"}},
		{report.English, map[string]string{"2.3.1": "2.3.1", "3.1.3": "3.1.3", "2.2.1": "2.2.1 (contradicted by the evidence)",
			"1.1.1": "1.1.1 (insufficient evidence)", "1.1.2": "1.1.2 (quote not found)"}},
	} {
		p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		p.Report.Lang = tt.lang
		var buf bytes.Buffer
		if err := p.WriteTo(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(manifest(t, buf.Bytes()), []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var cell string
		for _, row := range rows[1:] {
			if row[2] == d.ID {
				cell = row[6]
			}
		}
		got := map[string]string{}
		for _, c := range strings.Split(cell, ";") {
			code, _, _ := strings.Cut(strings.TrimSpace(c), " ")
			code, _, _ = strings.Cut(code, "（")
			got[code] = c
		}
		for code, want := range tt.want {
			if got[code] != want {
				t.Errorf("%s manifest, indicators of %s %q: %s listed as %q, want %q", tt.lang, d.ID, cell, code, got[code], want)
			}
		}
	}
}

// TestManifestMarksAValueWhoseNumberIsNotInItsQuote: a value whose number
// its quote does not write (1235 against 基地123个), which the report
// marks 数值未在引文中找到, was listed in the manifest as plain support of
// its indicator (probe s55). It is marked so, in each pack's language.
func TestManifestMarksAValueWhoseNumberIsNotInItsQuote(t *testing.T) {
	e, svc, d := withData(t)
	if _, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.2.1", Value: "1235",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[report.Lang]string{report.Chinese: "2.2.1（数值未在引文中找到）", report.English: "2.2.1 (number not found in its quote)"} {
		p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		p.Report.Lang = lang
		var buf bytes.Buffer
		if err := p.WriteTo(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		var cell string
		for _, row := range manifestRows(t, buf.Bytes())[1:] {
			if row[2] == d.ID {
				cell = row[6]
			}
		}
		if !slices.Contains(strings.Split(cell, ";"), want) {
			t.Errorf("%s manifest lists %s's indicators as %q, want %q among them", lang, d.ID, cell, want)
		}
	}
}
