package lowprio

import (
	"os"
	"testing"
)

func TestEnabled(t *testing.T) {
	for _, tt := range []struct {
		value string
		set   bool
		want  bool
	}{
		{"", false, true},
		{"0", true, false},
		{"false", true, false},
		{"1", true, true},
		{"on", true, true}, // not a boolean: left on, as by default
	} {
		if tt.set {
			t.Setenv("EVIDENCE_LOWPRIO", tt.value)
		} else {
			t.Setenv("EVIDENCE_LOWPRIO", "")
			os.Unsetenv("EVIDENCE_LOWPRIO")
		}
		if got := Enabled(); got != tt.want {
			t.Errorf("EVIDENCE_LOWPRIO=%q (set %v): Enabled %v, want %v", tt.value, tt.set, got, tt.want)
		}
	}
}
