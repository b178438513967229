package extract

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// A sandbox child answers one request after another while it stays clean
// (RunChild): starting a process of the evidence binary costs tens of
// milliseconds of CPU, which for a small text file is many times the
// extraction itself. A child is ended after any request that left it
// unclean, at a deadline, after maxChildUses requests, and after
// childIdle without work; the parent ending closes its stdin, and it
// exits.
const (
	maxChildUses = 200
	childIdle    = 5 * time.Second
)

// child is one running sandbox process.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *tailBuffer
	uses   int
	idle   *time.Timer // ends the child when it waits too long for work

	exited  chan struct{} // closed once Wait returned
	waitErr error
}

// take returns an idle child, or starts one.
func (s *Sandbox) take() (*child, error) {
	s.mu.Lock()
	for len(s.idle) > 0 {
		c := s.idle[len(s.idle)-1]
		s.idle = s.idle[:len(s.idle)-1]
		if c.idle.Stop() {
			s.mu.Unlock()
			return c, nil
		}
		// Its idle timer fired and is ending it; leave it be.
	}
	s.mu.Unlock()
	return s.start()
}

// give puts a clean child back for the next request.
func (s *Sandbox) give(c *child) {
	c.uses++
	if c.uses >= maxChildUses {
		c.close()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		// An extraction that was running when the server closed the
		// sandbox: nothing will take its child, and kept idle it would
		// outlive the server by childIdle.
		go c.close()
		return
	}
	c.idle = time.AfterFunc(childIdle, func() {
		s.mu.Lock()
		for i, o := range s.idle {
			if o == c {
				s.idle = append(s.idle[:i], s.idle[i+1:]...)
				break
			}
		}
		s.mu.Unlock()
		c.close()
	})
	s.idle = append(s.idle, c)
}

// Close ends the idle children. Extractions still running end their
// children themselves when they finish.
func (s *Sandbox) Close() {
	s.mu.Lock()
	idle := s.idle
	s.idle, s.closed = nil, true
	s.mu.Unlock()
	for _, c := range idle {
		if c.idle.Stop() {
			c.close()
		}
	}
}

func (s *Sandbox) start() (*child, error) {
	cmd := exec.Command(s.Command[0], s.Command[1:]...)
	cmd.Env = append(os.Environ(), s.Env...)
	setProcessGroup(cmd)
	cmd.WaitDelay = 2 * time.Second // a helper left holding stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 64<<10),
		stderr: &tailBuffer{max: 8192}, exited: make(chan struct{})}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		return nil, startError(err)
	}
	go func() {
		c.waitErr = cmd.Wait()
		close(c.exited)
	}()
	return c, nil
}

// ask sends one request and reads the answer.
func (c *child) ask(ctx context.Context, req []byte, lim Limits) (*childMessage, error) {
	if _, err := c.stdin.Write(req); err != nil {
		return nil, fmt.Errorf("send request to extraction sandbox: %w", err)
	}
	return readChild(ctx, c.stdout, lim)
}

// kill ends the child's whole process group at once: a helper it started
// (pdftotext, tesseract) dies with it.
func (c *child) kill() {
	killGroup(c.cmd)
}

// close ends the child and waits for it: politely (its stdin closes, and
// an idle child exits), then by force.
func (c *child) close() {
	c.stdin.Close()
	select {
	case <-c.exited:
		return
	case <-time.After(100 * time.Millisecond):
	}
	c.kill()
	<-c.exited
}

// tailBuffer keeps the first headBytes and the last max bytes written to
// it: a long-lived child's last words are the ones that say why it died,
// but a Go runtime that dies says why first ("fatal error: runtime: out
// of memory") and then prints a stack that a deep parser makes longer
// than the tail.
type tailBuffer struct {
	mu   sync.Mutex
	head []byte
	buf  []byte
	max  int
	cut  bool // bytes between head and buf were dropped
}

// headBytes is how much of the start tailBuffer keeps.
const headBytes = 512

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if room := headBytes - len(t.head); room > 0 {
		take := min(room, len(p))
		t.head = append(t.head, p[:take]...)
		p = p[take:]
	}
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
		t.cut = true
	}
	return n, nil
}

// Reset forgets what was written so far.
func (t *tailBuffer) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.head, t.buf, t.cut = t.head[:0], t.buf[:0], false
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cut {
		return string(t.head) + "\n…\n" + string(t.buf)
	}
	return string(t.head) + string(t.buf)
}

// startError is why a child could not be started. Wanting processes, open
// files or memory is the server's passing shortage, not the file's fault:
// EUNAVAILABLE, so the document waits and is read again; anything else (a
// binary gone) stays an internal failure.
func startError(err error) error {
	for _, short := range []error{syscall.EAGAIN, syscall.EMFILE, syscall.ENFILE, syscall.ENOMEM} {
		if errors.Is(err, short) {
			return fmt.Errorf("start extraction sandbox: %w: %w", catalog.Errorf(catalog.EUNAVAILABLE,
				"服务器暂时无法启动读取文件的进程（进程数、打开文件数或内存已满），稍后自动重试；若一直如此请联系管理员"), err)
		}
	}
	return fmt.Errorf("start extraction sandbox: %w", err)
}
