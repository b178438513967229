package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestValueInAnotherUnitIsShownAsAUnitMismatch: a value whose passage
// writes its number in another unit (56场 cited for 56%) is saved, the
// coordinator is told 单位不符 with both units, and the reviewer's page
// says so beside the value, in Chinese and in English.
func TestValueInAnotherUnitIsShownAsAUnitMismatch(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "活动周总结.txt", "2017年举办全民终身学习活动周活动56场，参与市民12.3万人次。")
	wang := s.login("wang")
	resp, body := wang.post("/documents/"+doc.ID+"/values", url.Values{"indicator": {"5.1.1"}, "value": {"56"}, "unit": {"%"},
		"round": {"2017"}, "page": {"1"}, "quote": {"举办全民终身学习活动周活动56场"}})
	want := "已保存\uFF0C但单位不符\uFF1A原文中该数字的单位是“场”\uFF0C数值的单位是“%”"
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), want) {
		t.Errorf("a value cited in another unit: %d, want the coordinator told %q: %.600s", resp.StatusCode, want, textOf(body))
	}
	// A year typed for the years of schooling is saved, with a warning.
	resp, body = wang.post("/documents/"+doc.ID+"/values", url.Values{"indicator": {"5.2.1"}, "value": {"2017"}, "unit": {"年"},
		"round": {"2017"}, "page": {"1"}, "quote": {"2017年举办全民终身学习活动周"}})
	want = "。请注意：指标 5.2.1 人均受教育年限 的数值 2017 年超过 30 年，很少见"
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), want) {
		t.Errorf("years of schooling of 2017: %d, want the coordinator warned %q: %.600s", resp.StatusCode, want, textOf(body))
	}
	for _, tt := range []struct{ lang, want string }{
		{"zh", "单位不符\uFF1A原文中该数字的单位是“场”\uFF0C数值的单位是“%”\uFF1B请核对数值或原文"},
		{"en", "Unit mismatch: the passage writes the number in “events”, the value is in “%”"},
	} {
		li := s.login("li")
		if tt.lang == "en" {
			li.english()
		}
		_, body := li.get("/values?round=")
		if !strings.Contains(textOf(body), tt.want) || !strings.Contains(body, `data-unit-mismatch="场"`) {
			t.Errorf("%s values page: want %q beside the value: %.1500s", tt.lang, tt.want, textOf(body))
		}
	}
}

// TestUnitMismatchOfScaleNamesWhatWasTyped: 12500 with the unit 万人 for
// 2.3.3 (counted in 人), citing “…人数达到12,500人”, is saved as
// 125000000 人; the coordinator and the reviewer's page are told the
// passage's unit and the value as typed — not “人” and “人”.
func TestUnitMismatchOfScaleNamesWhatWasTyped(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "截至2017年底，存入学分银行的社会培训成果人数达到12,500人。")
	wang := s.login("wang")
	resp, body := wang.post("/documents/"+doc.ID+"/values", url.Values{"indicator": {"2.3.3"}, "value": {"12500"}, "unit": {"万人"},
		"round": {"2017"}, "page": {"1"}, "quote": {"存入学分银行的社会培训成果人数达到12,500人"}})
	want := "单位不符：原文中该数字的单位是“人”，填报的是“12500万人”（即 125000000人）；请核对数值或原文"
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), want) {
		t.Errorf("12500万人 cited as 12,500人: %d, want the coordinator told %q: %.600s", resp.StatusCode, want, textOf(body))
	}
	for _, tt := range []struct{ lang, want string }{
		{"zh", want},
		{"en", "Unit mismatch: the passage writes the number in “people”, the value was given as “12,500 in units of 10,000 people” (that is 125 million people)"},
	} {
		li := s.login("li")
		if tt.lang == "en" {
			li.english()
		}
		if _, body := li.get("/values?round="); !strings.Contains(textOf(body), tt.want) || strings.Contains(textOf(body), "数值的单位是“人”") {
			t.Errorf("%s values page: want %q beside the value: %.1500s", tt.lang, tt.want, textOf(body))
		}
	}
}
