package main

import (
	"strings"
	"testing"
)

func TestCountFromEnv(t *testing.T) {
	tests := []struct {
		value   string
		want    int
		wantErr bool
	}{
		{"", 0, false},
		{"3", 3, false},
		{" 8 ", 8, false},
		{"0", 0, true},
		{"65", 0, true},
		{"四", 0, true},
	}
	for _, tt := range tests {
		t.Setenv("EVIDENCE_UPLOAD_SLOTS", tt.value)
		got, err := countFromEnv("EVIDENCE_UPLOAD_SLOTS", "uploads at once")
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("%q: %d, %v; want %d (error %v)", tt.value, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "EVIDENCE_UPLOAD_SLOTS") {
			t.Errorf("%q: error %q does not name the setting", tt.value, err)
		}
	}
}
