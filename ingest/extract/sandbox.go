package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// DefaultSandboxMemory is the address-space limit of a sandboxed
// extraction: enough for a 100-page scan's images, far below what a
// crafted file would take the server to.
const DefaultSandboxMemory = 1 << 30

// Sandbox runs extractions in a child process, so that no file can hurt the
// server: the child has an address-space limit (RLIMIT_AS), its output is
// capped, and at the deadline its whole process group is killed — a reader
// stuck in a loop inside a library that cannot be interrupted dies with it
// instead of spinning on in a goroutine. The child is a program that calls
// RunChild (the evidence binary's hidden `extract-child` command).
type Sandbox struct {
	Command []string // the child program and its arguments
	Env     []string // extra environment for the child
	Memory  int64    // address-space limit in bytes; default DefaultSandboxMemory
}

// childRequest is what the parent asks of the child on its stdin.
type childRequest struct {
	Format Format `json:"format"`
	Path   string `json:"path"`
	Limits Limits `json:"limits"`
	Memory int64  `json:"memory"`
}

// childMessage is one line the child writes on its stdout: progress, a
// deadline extension, and finally a result or an error.
type childMessage struct {
	Progress  *[2]int        `json:"progress,omitempty"`
	ExtendMS  int64          `json:"extend_ms,omitempty"`
	Result    *Result        `json:"result,omitempty"`
	Error     *catalog.Error `json:"error,omitempty"`
	NeedsOCR  bool           `json:"needs_ocr,omitempty"`
	Detail    string         `json:"detail,omitempty"`
	Cancelled bool           `json:"cancelled,omitempty"`
}

// Extract is extract.Extract in the sandbox: the same result, the same
// application errors, and ErrNeedsOCR when Limits.DeferOCR stops it.
func (s *Sandbox) Extract(ctx context.Context, format Format, path string, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	res, err := s.run(ctx, childRequest{Format: format, Path: abs, Limits: lim, Memory: s.memory()}, lim)
	if err != nil {
		return nil, fmt.Errorf("extract %s %s: %w", format, filepath.Base(path), err)
	}
	return res, nil
}

func (s *Sandbox) memory() int64 {
	if s.Memory > 0 {
		return s.Memory
	}
	return DefaultSandboxMemory
}

func (s *Sandbox) run(parent context.Context, req childRequest, lim Limits) (*Result, error) {
	if len(s.Command) == 0 {
		return nil, errors.New("sandbox has no command")
	}
	// The child keeps its own deadline; ours is a little later, for the
	// child to say why it stopped, and grows as the child's grows.
	ctx, cancel := withStretchableTimeout(parent, lim.Timeout+5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.Command[0], s.Command[1:]...)
	cmd.Env = append(os.Environ(), s.Env...)
	killProcessGroup(cmd)
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	cmd.Stdin = bytes.NewReader(body)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr := &cappedBuffer{max: 8192, discard: true}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start extraction sandbox: %w", err)
	}
	final, readErr := readChild(ctx, stdout, lim)
	waitErr := cmd.Wait()
	switch {
	case final != nil:
		return childOutcome(final)
	case parent.Err() != nil:
		return nil, fmt.Errorf("cancelled: %w", parent.Err())
	case ctx.Err() != nil:
		return nil, deadlineError(parent, ctx.budget())
	case errors.Is(readErr, errChildOutput):
		return nil, errTextTooLarge(lim.MaxTextBytes)
	case strings.Contains(stderr.buf.String(), "out of memory") || strings.Contains(stderr.buf.String(), "cannot allocate memory"):
		return nil, errTooComplex(req.Memory)
	}
	return nil, fmt.Errorf("extraction sandbox ended without an answer (%v; %v; %s): %w",
		waitErr, readErr, strings.TrimSpace(stderr.buf.String()), errCorrupt())
}

// errChildOutput is a child writing more than any real answer needs.
var errChildOutput = errors.New("extraction sandbox wrote too much")

// readChild reads the child's messages until its final one, granting the
// parent's deadline the child's extensions and passing progress on.
func readChild(ctx context.Context, r io.Reader, lim Limits) (*childMessage, error) {
	// A result holds at most MaxTextBytes of text; JSON quoting may grow
	// it, never past this.
	maxLine := int(min(2*lim.MaxTextBytes+(1<<20), 1<<31-1))
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for sc.Scan() {
		var m childMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return nil, fmt.Errorf("decode sandbox message: %w", err)
		}
		switch {
		case m.ExtendMS > 0:
			extendDeadline(ctx, time.Duration(m.ExtendMS)*time.Millisecond)
		case m.Progress != nil:
			if lim.Progress != nil {
				lim.Progress(m.Progress[0], m.Progress[1])
			}
		default:
			return &m, nil
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return nil, errChildOutput
	}
	return nil, sc.Err()
}

func childOutcome(m *childMessage) (*Result, error) {
	switch {
	case m.Result != nil:
		return m.Result, nil
	case m.NeedsOCR:
		return nil, ErrNeedsOCR
	case m.Cancelled:
		return nil, fmt.Errorf("cancelled: %w", context.Canceled)
	case m.Error != nil:
		return nil, fmt.Errorf("%s: %w", m.Detail, m.Error)
	}
	return nil, fmt.Errorf("sandbox: %s: %w", m.Detail, errCorrupt())
}

// RunChild is the child side of Sandbox: it reads one request from in,
// limits its own address space, extracts, and writes its messages to out.
// It returns the process exit code.
func RunChild(in io.Reader, out io.Writer) int {
	var req childRequest
	if err := json.NewDecoder(io.LimitReader(in, 1<<20)).Decode(&req); err != nil {
		fmt.Fprintf(os.Stderr, "extract-child: read request: %v\n", err)
		return 2
	}
	if err := limitMemory(req.Memory); err != nil {
		fmt.Fprintf(os.Stderr, "extract-child: %v\n", err)
		return 2
	}
	var mu sync.Mutex
	enc := json.NewEncoder(out)
	send := func(m childMessage) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(m)
	}
	lim := req.Limits
	lim.Progress = func(done, total int) { send(childMessage{Progress: &[2]int{done, total}}) }
	ctx := context.WithValue(context.Background(), extendNotifyKey{},
		func(d time.Duration) { send(childMessage{ExtendMS: d.Milliseconds()}) })
	res, err := Extract(ctx, req.Format, req.Path, lim)
	var ae *catalog.Error
	switch {
	case err == nil:
		send(childMessage{Result: res})
	case errors.Is(err, ErrNeedsOCR):
		send(childMessage{NeedsOCR: true})
	case errors.As(err, &ae):
		send(childMessage{Error: ae, Detail: err.Error()})
	default:
		send(childMessage{Detail: err.Error()})
	}
	return 0
}

func errTooComplex(memory int64) error {
	return catalog.Errorf(catalog.EINVALID, "文件结构异常复杂,读取时超出内存上限(%s),已停止处理;请用原软件打开检查,重新导出后上传", formatBytes(memory))
}
