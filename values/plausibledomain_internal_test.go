package values

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestDomainReportNumbersAreNotWarnedOf: every number with a unit in the
// eight-city monitoring report (testdata/domain-report-numbers.tsv,
// grepped from ../shared/domain/), typed for an indicator in its unit,
// passes the plausibility checks without a warning: the bounds are
// generous enough for real values (5000多个 sites, 27835场, 732160人,
// 642万人次, 1.5%).
func TestDomainReportNumbersAreNotWarnedOf(t *testing.T) {
	f, err := os.Open("testdata/domain-report-numbers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	checked := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		n, err := ParseNumber(cols[0])
		if err != nil {
			t.Errorf("%s: %v", cols[2], err)
			continue
		}
		ind := &catalog.Indicator{Code: "2.2.1", Name: "示例定量指标", Unit: cols[1]}
		w, err := plausible(ind, n.Value, cols[2])
		v := &catalog.Value{Number: n.Value, Given: cols[0], Unit: cols[1]}
		w = append(w, fractionHint(ind, v)...)
		if err != nil || len(w) != 0 {
			t.Errorf("%s (%v %s): %+v, %v; want no warning", cols[2], n.Value, cols[1], w, err)
		}
		checked++
	}
	if checked < 70 {
		t.Errorf("only %d numbers checked, want the report's 79", checked)
	}
}
