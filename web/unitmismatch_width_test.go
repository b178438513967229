package web

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestUnitMismatchFoldsWidth: an indicator whose framework writes its
// unit in full width (％) has the unit a passage writes (%, read from
// folded text) as its own: a number typed at another scale is named as
// typed and as stored, never "％ and %" as two units.
func TestUnitMismatchFoldsWidth(t *testing.T) {
	v := &catalog.Value{Number: 5600, Given: "5600", Unit: "％", PassageUnit: "%"}
	got := unitMismatch(Chinese, v)
	if !strings.Contains(got, "填报的是") || !strings.Contains(got, "5600") {
		t.Errorf("passage unit %% for an indicator in ％: %q, want the value named as typed and stored", got)
	}
}
