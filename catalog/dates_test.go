package catalog

import "testing"

func TestParseDateReadsTheWaysPeopleWriteDates(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"2018-03-20":   "2018-03-20",
		"2018-3-20":    "2018-03-20",
		"2018年3月20日":   "2018-03-20",
		"2018年03月20日":  "2018-03-20",
		"２０１８年３月２０日":   "2018-03-20",
		"2018.3.20":    "2018-03-20",
		"2018/3/20":    "2018-03-20",
		" 2018/03/20 ": "2018-03-20",
		"2018年3月":      "2018-03",
		"2018-03":      "2018-03",
		"2018年":        "2018",
		"2018":         "2018",
		// As the 成文日期 at a document's foot writes it.
		"二〇一八年三月十二日":  "2018-03-12",
		"二零一九年十月三十一日": "2019-10-31",
		"二〇二〇年十二月":    "2020-12",
	} {
		got, err := ParseDate("issued_on", in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"2018-02-30", "2018-13-01", "去年", "18-3-20", "2018-03-20-01", "3/20/2018", "二〇一八年二月三十日", "一八年三月"} {
		got, err := ParseDate("issued_on", in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %q, want an error", in, got)
			continue
		}
		if ErrorCode(err) != EINVALID || ErrorField(err) != "issued_on" {
			t.Errorf("ParseDate(%q): %v (field %q), want EINVALID about issued_on", in, err, ErrorField(err))
		}
	}
}
