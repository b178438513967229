package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
)

// TestAValueFoundOnlySpacedIsMarkedEverywhere: 杭州's 1200人 for 2.3.3
// cites “累计开户 1 200 人”, which may be 1200 or a table's 1 and 200;
// 宁波's cites “累计开户1200人”. Where only /values and the report
// warned, the heat map marks 杭州's cell ？ 数值待核对, the matrix counts it
// in values_spaced, /compare says number_to_check in the value's words,
// and the /values card no longer says 该数值已在引文中找到 above the note
// that it may be 1 and 200; 宁波's stays as it was (probe s30 §3).
func TestAValueFoundOnlySpacedIsMarkedEverywhere(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("zhang", "coordinator", "330200")
	recordCityValue(t, s, 2018, "330100", "wang", "2.3.3", "学分银行累计开户 1 200 人。", "1200", "累计开户 1 200 人")
	recordCityValue(t, s, 2018, "330200", "zhang", "2.3.3", "学分银行累计开户1200人。", "1200", "累计开户1200人")
	li := s.login("li")
	_, body := li.get("/indicators?round=2018")
	for city, want := range map[string][2]string{"330100": {"？", "数值待核对（引文中仅见以空格分开的数字"}, "330200": {"◆", "已填报数值"}} {
		m := regexp.MustCompile(`<td class="[^"]*"><a href="/indicators/2\.3\.3\?city=` + city + `&amp;round=2018" aria-label="[^"]*" title="([^"]*)">([^<]*)</a>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no heat-map cell for %s 2.3.3: %.300s", city, textOf(body))
		}
		if symbol, label := html.UnescapeString(m[2]), html.UnescapeString(m[1]); symbol != want[0] || !strings.HasPrefix(label, want[1]) {
			t.Errorf("%s 2.3.3 on the heat map: %s %q, want %s %s…", city, symbol, label, want[0], want[1])
		}
	}
	if !strings.Contains(body, "定性描述中的数字、数值在引文中仅见以空格分开的数字（如 1 200），待核对") {
		t.Errorf("the heat map's legend does not say ？ covers a value's spaced number")
	}
	mx, err := s.env.Coverage.Matrix(context.Background(), &catalog.User{Username: "li", Role: catalog.RoleReviewer}, 2018, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range mx.Cities {
		for _, c := range row.Cells {
			want := 0
			if row.Code == "330100" {
				want = 1
			}
			if (row.Code == "330100" || row.Code == "330200") && c.Code == "2.3.3" && (c.ValuesSpaced != want || (c.Status() == coverage.StatusNumberToCheck) != (want == 1)) {
				t.Errorf("%s 2.3.3 in the matrix: values_spaced %d, status %s; want %d (number_to_check: %v)", row.Code, c.ValuesSpaced, c.Status(), want, want == 1)
			}
		}
	}
	for city, spaced := range map[string]bool{"330100": true, "330200": false} {
		_, page := li.get("/compare?city=" + city + "&rounds=2018")
		row := regexp.MustCompile(`(?s)<tr data-code="2\.3\.3">.*?</tr>`).FindString(page)
		if got := strings.Contains(row, `class="status-number_to_check"`); got != spaced {
			t.Errorf("2.3.3 of %s on /compare: %q, number_to_check %v, want %v", city, textOf(row), got, spaced)
		}
		if city == "330100" && (!strings.Contains(row, "数值待核对") || strings.Contains(row, "定性描述中的数字")) {
			t.Errorf("2.3.3 of 杭州 on /compare does not say the value's number is to check: %q", textOf(row))
		}
	}
	for city, found := range map[string]bool{"330100": false, "330200": true} {
		_, page := li.get("/values?city=" + city + "&round=2018")
		_, card, _ := strings.Cut(page, `<article`)
		card, _, _ = strings.Cut(card, "</article>")
		if got := strings.Contains(card, "该数值已在引文中找到"); got != found {
			t.Errorf("%s's card on /values says 该数值已在引文中找到: %v, want %v: %.800s", city, got, found, textOf(card))
		}
		if spaced := strings.Contains(card, "value-found-spaced"); spaced == found {
			t.Errorf("%s's card on /values says found only spaced: %v, want %v: %.800s", city, spaced, !found, textOf(card))
		}
	}
}
