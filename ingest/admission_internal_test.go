package ingest

import (
	"errors"
	"strings"
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

// TestFailureReasonIsFullwidth: the reason a coordinator reads on a
// document that failed for an internal reason uses full-width punctuation.
func TestFailureReasonIsFullwidth(t *testing.T) {
	msg := userMessage("提取文字", errors.New("disk on fire"))
	if strings.ContainsAny(msg, ",;()") || !strings.Contains(msg, "，") {
		t.Errorf("failure reason %q: want full-width punctuation", msg)
	}
}
