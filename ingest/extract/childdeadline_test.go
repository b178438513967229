package extract

import (
	"context"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// formatFrozen is the test child's reader that stops its whole process
// (readFrozen): a child stuck where its own clock cannot end it, which
// only its parent's kill ends.
const formatFrozen Format = "frozen-child"

func readFrozen(context.Context, string, Limits) (*Result, error) {
	syscall.Kill(os.Getpid(), syscall.SIGSTOP)
	return nil, errors.New("a stopped child went on")
}

// TestAChildKilledAtItsDeadlineNamesTheConfiguredLimit: a child that
// never answers is killed by its parent a grace after the child's own
// deadline; the failure a user reads names the reading's limit, the one
// configured (1 s here), not the parent's with its grace added (3 s), and
// still says what to do.
func TestAChildKilledAtItsDeadlineNamesTheConfiguredLimit(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	sb.grace = 2 * time.Second
	path := writeTemp(t, "社区教育年报扫描件.pdf", []byte("全民终身学习活动周"))
	_, err := sb.Extract(t.Context(), formatFrozen, path, Limits{Timeout: time.Second})
	if !errors.Is(err, errChildDeadline) {
		t.Fatalf("a child that never answers: %v, want it killed at its deadline", err)
	}
	wantError(t, "a child killed at its deadline", err, catalog.EINVALID, "提取文字超时：读取超过了时间上限 1 秒")
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "请拆分文件或重新导出后上传") {
		t.Errorf("message %q does not say what to do", msg)
	}
	wantEnglish(t, "a child killed at its deadline", err, "time limit of 1 s")
}
