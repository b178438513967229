package extract

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// externalTool is a program found on PATH, whose path tests can replace.
type externalTool struct {
	name, pkg string
	purpose   catalog.Words // the files it reads, for messages
	// override, when set, replaces the PATH lookup ("" means missing). It
	// is atomic because extractions abandoned at their deadline may still
	// be running.
	override atomic.Pointer[string]
}

// register adds the tool to the list Readers reports.
func (t *externalTool) register() {
	registerReader(t.name, "", t.pkg, t.check)
}

// check is what doctor and the admin page say of the tool. The format and
// the purpose (our own words) have their punctuation made full width, the
// package name goes in as it is.
func (t *externalTool) check(context.Context) (bool, catalog.Words) {
	if p := t.path(); p != "" {
		return true, detail("已安装：%s", "%s", p)
	}
	// The English is all the line says: the one below names the package.
	return false, catalog.Words{
		Chinese: fmt.Sprintf(catalog.Fullwidth("未安装：无法读取%s；请安装 Debian 软件包 %s（apt-get install %s）"), catalog.Fullwidth(t.purpose.Chinese), t.pkg, t.pkg),
		English: "not installed",
	}
}

// path returns the program's path, or "" when it is not installed.
func (t *externalTool) path() string {
	if p := t.override.Load(); p != nil {
		return *p
	}
	p, err := exec.LookPath(t.name)
	if err != nil {
		return ""
	}
	return p
}

// errMissing says which package to install. The code is EUNSUPPORTED, not
// EUNAVAILABLE: the pipeline retries EUNAVAILABLE forever (a store that is
// down comes back by itself), while a missing program needs a person, so the
// document is marked failed with this reason and `evidence retry` reads it
// once the package is installed.
func (t *externalTool) errMissing() error {
	return ourMessage(catalog.EUNSUPPORTED, "本系统未安装读取%s所需的程序 %s；请管理员安装 Debian 软件包 %s（apt-get install %s）后重试", t.purpose, t.name, t.pkg, t.pkg)
}

// run runs the tool with args and the absolute path of the file last, under
// ctx, and returns its standard output, at most maxOut bytes: a tool that
// writes more dies of a broken pipe and the text limit error is returned.
// A tool still running when ctx ends is killed.
func (t *externalTool) run(ctx context.Context, path string, maxOut int64, args ...string) ([]byte, error) {
	tool := t.path()
	if tool == "" {
		return nil, t.errMissing()
	}
	abs, err := filepath.Abs(path) // never let a name be read as an option
	if err != nil {
		return nil, err
	}
	stdout := &cappedBuffer{max: int(min(maxOut, 1<<30))}
	stderr := &cappedBuffer{max: 4096, discard: true}
	cmd := newHelperCmd(ctx, tool, append(args, abs)...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 2 * time.Second // a child holding the pipes open does not keep us waiting
	err = cmd.run()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("%s: %w", t.name, ctx.Err())
	case stdout.overflow:
		return nil, errTextTooLarge(maxOut)
	case cmd.outOfMemory(stderr, err):
		return nil, errHelperTooComplex(t.name, err)
	case err != nil:
		msg := strings.ReplaceAll(strings.TrimSpace(stderr.buf.String()), "\n", " | ")
		return nil, fmt.Errorf("%s: %v: %s", t.name, err, msg)
	}
	return stdout.buf.Bytes(), nil
}
