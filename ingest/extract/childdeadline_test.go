package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/lcmonitor/evidence/catalog"
)

// formatFrozen is the test child's reader that freezes its whole process
// (readFrozen): a child stuck where its own clock cannot end it, which
// only its parent's kill ends.
const formatFrozen Format = "frozen-child"

func readFrozen(context.Context, string, Limits) (*Result, error) {
	freezeChild()
	return nil, errors.New("a frozen child went on")
}

// freezeChild makes the test child one that never answers again: its
// output goes nowhere from now on, while the pipe to its parent is kept
// open (the parent sees neither an answer nor an end), and its process
// stops. A stop alone did not hold: on CI's machine a child stopped by
// its own SIGSTOP was continued within 0.15 s and answered. Silenced,
// whatever continues it, it answers no one; stopped again, its own
// clock stays frozen where a stop holds.
func freezeChild() {
	if _, err := unix.Dup(1); err != nil { // kept open on purpose, never closed
		fmt.Fprintf(os.Stderr, "freeze: keep the pipe: %v\n", err)
	}
	if null, err := unix.Open(os.DevNull, unix.O_WRONLY, 0); err != nil {
		fmt.Fprintf(os.Stderr, "freeze: open %s: %v\n", os.DevNull, err)
	} else if err := unix.Dup2(null, 1); err != nil {
		fmt.Fprintf(os.Stderr, "freeze: silence: %v\n", err)
	}
	for {
		syscall.Kill(os.Getpid(), syscall.SIGSTOP)
		time.Sleep(10 * time.Millisecond)
	}
}

// TestAChildKilledAtItsDeadlineNamesTheConfiguredLimit: a child that
// never answers is killed by its parent a grace after the reading's
// deadline; the failure a user reads names the reading's limit, the one
// configured (1 s here), not the parent's with its grace added (3 s), and
// still says what to do. So is one slow to start that then never
// answers, and one that never even reads its request: the parent's clock
// started with the reading, not with the child, and does not wait for it.
func TestAChildKilledAtItsDeadlineNamesTheConfiguredLimit(t *testing.T) {
	for _, tc := range []struct {
		name, startDelay string
	}{
		{"frozen", "0s"},
		{"slow to start, then frozen", "1s"},
		{"never reads its request", "1m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sb := testSandbox(0)
			defer sb.Close()
			sb.Env = append(sb.Env, childStartDelay+"="+tc.startDelay)
			sb.grace = 2 * time.Second
			path := writeTemp(t, "社区教育年报扫描件.pdf", []byte("全民终身学习活动周"))
			start := time.Now()
			_, err := sb.Extract(t.Context(), formatFrozen, path, Limits{Timeout: time.Second})
			took := time.Since(start)
			if !errors.Is(err, errChildDeadline) {
				t.Fatalf("a child that never answers: %v, want it killed at its deadline", err)
			}
			// Killed at 3 s; half a minute leaves a loaded machine room,
			// and is still far short of the minute a child that never
			// reads its request would take to answer.
			if took > 30*time.Second {
				t.Errorf("killed after %s, want at the reading's 1 s and the grace of 2 s", took.Round(time.Millisecond))
			}
			wantError(t, "a child killed at its deadline", err, catalog.EINVALID, "提取文字超时：读取超过了时间上限 1 秒")
			if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "请拆分文件或重新导出后上传") {
				t.Errorf("message %q does not say what to do", msg)
			}
			wantEnglish(t, "a child killed at its deadline", err, "time limit of 1 s")
		})
	}
}
