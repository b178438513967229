package catalog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Long ID lists go in runs of at most maxInList, each padded to a power
// of two with its last ID, so that few statement shapes serve every
// length and no list passes the databases' limits on variables.
func TestInListsComeInRunsOfFewShapes(t *testing.T) {
	for _, tt := range []struct {
		n    int
		runs []int
	}{
		{0, nil},
		{1, []int{1}},
		{3, []int{4}},
		{maxInList, []int{maxInList}},
		{maxInList + 1, []int{maxInList, 1}},
		{1300, []int{maxInList, maxInList, maxInList}},
	} {
		ids := make([]string, tt.n)
		for i := range ids {
			ids[i] = fmt.Sprintf("D%d", i)
		}
		var runs []int
		var named []string
		forInLists(ids, func(in string, args []any) error {
			if strings.Count(in, "?") != len(args) {
				t.Errorf("%d IDs: %d placeholders for %d arguments", tt.n, strings.Count(in, "?"), len(args))
			}
			runs = append(runs, len(args))
			for _, a := range args {
				named = append(named, a.(string))
			}
			return nil
		})
		if !slices.Equal(runs, tt.runs) {
			t.Errorf("%d IDs: runs %v, want %v", tt.n, runs, tt.runs)
		}
		slices.Sort(named)
		sorted := slices.Clone(ids)
		slices.Sort(sorted)
		if got := slices.Compact(named); !slices.Equal(got, sorted) {
			t.Errorf("%d IDs: %d distinct named, want each once at least", tt.n, len(got))
		}
	}
}
