package ingest

import (
	"testing"
	"time"
)

func TestWaitWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Minute: " 1 分钟", 2 * time.Minute: " 2 分钟", 30 * time.Second: " 30 秒", 1500 * time.Millisecond: " 2 秒", 90 * time.Second: " 90 秒",
	} {
		if got := waitWords(d); got != want {
			t.Errorf("waitWords(%v) = %q, want %q", d, got, want)
		}
	}
}
