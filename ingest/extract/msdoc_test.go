package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// fakeTool writes an executable shell script standing in for a program.
func fakeTool(t *testing.T, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fake-catdoc")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWord97WithoutCatdoc(t *testing.T) {
	withToolPath(t, catdoc, "")
	_, err := sniffAndExtract(t, "report.doc", Limits{})
	wantError(t, "no catdoc", err, catalog.EUNSUPPORTED, "本系统未安装读取 Word 97–2003(.doc)和 WPS 文字(.wps)文件所需的程序 catdoc;请管理员安装 Debian 软件包 catdoc(apt-get install catdoc)后重试")
	wantEnglish(t, "no catdoc", err, "read Word 97–2003 (.doc) and WPS Writer (.wps) files (catdoc) is not installed")

	var found bool
	for _, r := range Readers(context.Background()) {
		if r.Name == "catdoc" {
			found = true
			if r.Available || r.Package != "catdoc" || !strings.Contains(r.Detail.Chinese, "apt-get install catdoc") || r.Detail.English != "not installed" {
				t.Errorf("Readers: got %+v, want catdoc unavailable with what to install", r)
			}
		}
	}
	if !found {
		t.Fatal("Readers does not list catdoc")
	}
}

func TestReadersListsInstalledCatdoc(t *testing.T) {
	withToolPath(t, catdoc, "/usr/bin/catdoc")
	for _, r := range Readers(context.Background()) {
		if r.Name == "catdoc" && (!r.Available || r.Detail != (catalog.Words{Chinese: "已安装：/usr/bin/catdoc", English: "/usr/bin/catdoc"})) {
			t.Fatalf("Readers: got %+v, want catdoc available at /usr/bin/catdoc", r)
		}
	}
}

// TestWord97Hang checks that a catdoc that never ends is killed at the time
// limit, and the extraction fails as a timeout.
func TestWord97Hang(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	withToolPath(t, catdoc, fakeTool(t, "echo $$ > "+pidFile+"\nexec sleep 3600"))
	start := time.Now()
	_, err := sniffAndExtract(t, "report.doc", Limits{Timeout: 500 * time.Millisecond})
	wantError(t, "hanging catdoc", err, catalog.EINVALID, "提取文字超时:读取超过了时间上限 500 毫秒")
	// The tool sleeps an hour: returning within a minute is the limit's
	// doing, on any machine.
	if d := time.Since(start); d > time.Minute {
		t.Fatalf("returned after %s, want about the 500 ms limit", d)
	}
	pid := pidOfHangingTool(t, pidFile, 500*time.Millisecond, func(limit time.Duration) error {
		_, err := sniffAndExtract(t, "report.doc", Limits{Timeout: limit})
		return err
	})
	waitGone(t, pid, "catdoc")
}

func TestWord97OutputCapped(t *testing.T) {
	withToolPath(t, catdoc, fakeTool(t, "exec yes 学分银行建设"))
	_, err := sniffAndExtract(t, "report.doc", Limits{MaxTextBytes: 1 << 20})
	wantError(t, "endless output", err, catalog.ETOOLARGE, "提取出的文字超过 1 MiB 上限")
}

func TestWord97ToolFails(t *testing.T) {
	withToolPath(t, catdoc, fakeTool(t, "echo 'cannot read' >&2\nexit 1"))
	_, err := sniffAndExtract(t, "report.doc", Limits{})
	wantError(t, "failing catdoc", err, catalog.EINVALID, "Word 文件(.doc/.wps)已损坏")
	if !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("the log message should carry catdoc's complaint: %v", err)
	}
}

func TestWord97Cancelled(t *testing.T) {
	withToolPath(t, catdoc, fakeTool(t, "exec sleep 3600"))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := Extract(ctx, FormatDOC, fixture("report.doc"), Limits{})
	if !errors.Is(err, context.DeadlineExceeded) || catalog.ErrorCode(err) != catalog.EINTERNAL {
		t.Fatalf("got %v (code %s), want the caller's deadline without an application code", err, catalog.ErrorCode(err))
	}
}
