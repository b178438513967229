package catalog

import (
	"testing"
	"time"
)

func TestShowTimeIsChinaTimeWithItsZone(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		newYork = time.FixedZone("EST", -5*3600)
	}
	for _, tt := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 12, 1, 11, 58, 0, 0, time.UTC), "2026-12-01 19:58 UTC+8"},
		{time.Date(2018, 3, 20, 16, 30, 0, 0, time.UTC), "2018-03-21 00:30 UTC+8"},
		{time.Date(2026, 12, 1, 6, 58, 0, 0, newYork), "2026-12-01 19:58 UTC+8"},
		{time.Date(2026, 12, 1, 19, 58, 59, 0, ChinaTime), "2026-12-01 19:58 UTC+8"},
		{time.Time{}, ""},
	} {
		if got := ShowTime(tt.in); got != tt.want {
			t.Errorf("ShowTime(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
