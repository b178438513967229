package search

import (
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRoundParam: ?round= is read by catalog.ParseRound's rule, as
// everywhere a request names a round: a year from 2000 to 2100 or
// nothing; 二〇一八, -3, 0, 99999 and a 2018 with a 年 after it are
// refused about round, naming the years and what was given, in English
// too, as both the indicator page and the evidence API say it.
func TestRoundParam(t *testing.T) {
	for q, want := range map[string]int{"": 0, "2018": 2018, "2099": 2099} {
		if got, err := RoundParam(q); err != nil || got != want {
			t.Errorf("RoundParam(%q) = %d, %v; want %d", q, got, err, want)
		}
	}
	for _, q := range []string{"二〇一八", "-3", "0", "1999", "99999", "2018年"} {
		_, err := RoundParam(q)
		var e *catalog.Error
		if !errors.As(err, &e) || e.Code != catalog.EINVALID || e.Field != "round" {
			t.Errorf("RoundParam(%q): %v, want EINVALID about round", q, err)
			continue
		}
		if w := catalog.MessageWords(err); !strings.Contains(w.Chinese, "监测轮次应为 2000 至 2100 年间的年份") || !strings.Contains(w.Chinese, q) ||
			!strings.Contains(w.English, "The monitoring round should be a year") {
			t.Errorf("RoundParam(%q) says %+v", q, w)
		}
	}
}
