package values

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestVisitsPastACitysResidentsAreNotWarnedOf: the ceiling of one city's
// count (5000 万, more than its residents) is of things with a place or
// events with an organiser (个, 所, 家, 场, 期); a count of times (次: a
// learning platform's 1.2亿次 visits a year, a resident visiting many
// times) passes it plainly and is not warned of, while 1亿场 and 1亿个
// still are.
func TestVisitsPastACitysResidentsAreNotWarnedOf(t *testing.T) {
	for _, tt := range []struct {
		unit   string
		number float64
		warned bool
	}{
		{"次", 1.2e8, false},
		{"万次", 1.2e4, false},
		{"场", 1e8, true},
		{"个", 1e8, true},
		{"期", 6e7, true},
	} {
		ind := &catalog.Indicator{Code: "2.2.3", Name: "数字化终身学习平台年访问量", Unit: tt.unit}
		warnings, err := plausible(ind, tt.number, "1.2亿")
		if err != nil {
			t.Fatalf("%v %s: %v", tt.number, tt.unit, err)
		}
		if got := len(warnings) > 0; got != tt.warned {
			t.Errorf("%v %s: warnings %+v, want warned %v", tt.number, tt.unit, warnings, tt.warned)
		}
	}
}
