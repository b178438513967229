package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// libraryPage writes a library's stock as a total and per resident, and a
// budget per resident, as a summary does.
const libraryPage = "2017年，全市建成50座漂流书亭，放置图书5000余册。公共图书馆总藏书1.2万册，人均藏书3.5册。" +
	"每百人拥有公共图书馆藏书120册。全市公共图书馆藏书量为1.8册/人。社区教育经费按常住人口每人每年5元拨付，全年安排社区教育经费8元。"

// TestPerCapitaValueNeedsAPerCapitaQuote: a value of an indicator counted
// per resident (册/人, 元/人) is found only where its passage says the
// number is per resident (人均, 每人, 每百人 in its clause, 册/人 after
// it); a total in the numerator's unit (5000余册, 1.2万册) is 单位不符,
// the passage's unit kept, and a number past the unit's bound is warned
// of naming both amounts (the probe's 5000 books per resident).
func TestPerCapitaValueNeedsAPerCapitaQuote(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tushu.txt", libraryPage)
	tests := []struct {
		name, indicator, value, quote string
		found                         bool
		passageUnit, warning          string
	}{
		{"总数的约数", "3.2.2", "5000", "放置图书5000余册", false, "册", "是人均数\uFF0C数值 5000册/人 超过 20册/人\uFF0C很少见"},
		{"万册的总数", "3.2.2", "1.2", "公共图书馆总藏书1.2万册", false, "万册", ""},
		{"同一句的人均数", "3.2.2", "3.5", "公共图书馆总藏书1.2万册\uFF0C人均藏书3.5册", true, "", ""},
		{"每百人", "3.2.2", "120", "每百人拥有公共图书馆藏书120册", true, "", "超过 20册/人"},
		{"单位后的每人", "3.2.2", "1.8", "全市公共图书馆藏书量为1.8册/人", true, "", ""},
		{"元每人", "1.3.1", "5", "社区教育经费按常住人口每人每年5元拨付", true, "", ""},
		{"经费总数", "1.3.1", "8", "全年安排社区教育经费8元", false, "元", ""},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Errorf("%s: record %q: %v", tt.name, tt.value, err)
			continue
		}
		if !v.Citation.QuoteFound || v.ValueFound != tt.found || v.PassageUnit != tt.passageUnit {
			t.Errorf("%s: %q citing %q: quote found %v, value_found %v, passage unit %q; want %v %q", tt.name, tt.value, tt.quote,
				v.Citation.QuoteFound, v.ValueFound, v.PassageUnit, tt.found, tt.passageUnit)
		}
		var warned []string
		for _, w := range v.Warnings {
			warned = append(warned, w.Chinese)
		}
		if got := strings.Join(warned, "|"); tt.warning == "" && got != "" || !strings.Contains(got, tt.warning) {
			t.Errorf("%s: %q: warnings %q, want %q", tt.name, tt.value, got, tt.warning)
		}
	}
}
