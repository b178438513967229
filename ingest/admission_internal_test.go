package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWaitWords(t *testing.T) {
	for d, want := range map[time.Duration][2]string{
		time.Minute: {" 1 分钟", " 1 minute"}, 2 * time.Minute: {" 2 分钟", " 2 minutes"}, 30 * time.Second: {" 30 秒", " 30 seconds"},
		1500 * time.Millisecond: {" 2 秒", " 2 seconds"}, 90 * time.Second: {" 90 秒", " 90 seconds"}, time.Second: {" 1 秒", " 1 second"},
	} {
		if got := waitWords(d); got.Chinese != want[0] || got.English != want[1] {
			t.Errorf("waitWords(%v) = %q %q, want %q %q", d, got.Chinese, got.English, want[0], want[1])
		}
	}
}

// TestFailureReasonIsFullwidth: the reason a coordinator reads on a
// document that failed for an internal reason uses full-width punctuation,
// and its English names the step in English.
func TestFailureReasonIsFullwidth(t *testing.T) {
	msg, english := failureReason(stageExtract, errors.New("disk on fire"))
	if strings.ContainsAny(msg, ",;()") || !strings.Contains(msg, "，") || !strings.HasPrefix(msg, "提取文字失败") {
		t.Errorf("failure reason %q: want full-width punctuation", msg)
	}
	if !strings.HasPrefix(english, "Extracting the text failed (internal error") || strings.Contains(english, "disk on fire") {
		t.Errorf("failure reason in English %q", english)
	}
}
