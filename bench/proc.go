package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lcmonitor/evidence/index"
)

// Mem is a process's resident memory as /proc reports it.
type Mem struct {
	RSS  int64 `json:"rss_bytes"`  // VmRSS: now
	Peak int64 `json:"peak_bytes"` // VmHWM: the high-water mark
	// RSS is anonymous memory (the Go heap, the dictionary) plus file pages
	// mapped into the process (Bleve mmaps its segment files).
	Anon int64 `json:"anon_bytes"` // RssAnon
	File int64 `json:"file_bytes"` // RssFile
}

// ReadMem reads VmRSS and VmHWM of process pid ("self" for this one).
func ReadMem(pid string) (Mem, error) {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "status"))
	if err != nil {
		return Mem{}, fmt.Errorf("read memory of process %s: %w", pid, err)
	}
	var m Mem
	for _, l := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) != 2 || f[1] != "kB" {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmRSS":
			m.RSS = n << 10
		case "VmHWM":
			m.Peak = n << 10
		case "RssAnon":
			m.Anon = n << 10
		case "RssFile":
			m.File = n << 10
		}
	}
	return m, nil
}

// CPUTime reads the user plus system CPU time process pid has used.
func CPUTime(pid string) (time.Duration, error) {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return 0, fmt.Errorf("read CPU time of process %s: %w", pid, err)
	}
	// The command name may hold spaces; the fields after it do not.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("read CPU time of process %s: short stat", pid)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const clockTicks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// CPUTimeWithChildren is CPUTime of the process plus that of its
// descendants: the children it has waited for (cutime, cstime) and those
// still running (the extraction sandbox keeps a few), each counted with
// its own descendants (a sandbox child's pdftotext). The archive's
// extraction runs in such children, so the serve process's own CPU would
// leave it out.
func CPUTimeWithChildren(pid string) (time.Duration, error) {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return 0, fmt.Errorf("read CPU time of process %s: %w", pid, err)
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 15 {
		return 0, fmt.Errorf("read CPU time of process %s: short stat", pid)
	}
	var ticks int64
	for _, i := range []int{11, 12, 13, 14} { // utime stime cutime cstime
		n, _ := strconv.ParseInt(f[i], 10, 64)
		ticks += n
	}
	const clockTicks = 100 // USER_HZ on Linux
	total := time.Duration(ticks) * time.Second / clockTicks
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		st, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		cf := strings.Fields(string(st[bytes.LastIndexByte(st, ')')+1:]))
		if len(cf) > 12 && cf[1] == pid {
			if t, err := CPUTimeWithChildren(filepath.Base(d)); err == nil {
				total += t
			}
		}
	}
	return total, nil
}

// MiB renders bytes as mebibytes.
func MiB(n int64) float64 { return float64(n) / (1 << 20) }

// server is `evidence serve` running in a child process, so that its memory
// is the archive's alone.
type server struct {
	cmd   *exec.Cmd
	base  string
	token string
	done  chan error
	log   *os.File
}

// createAdmin runs `evidence user add` on dataDir and returns the token.
// env, when given, is added to this process's environment for the child.
func createAdmin(ctx context.Context, exe, dataDir string, env ...string) (string, error) {
	name := fmt.Sprintf("bench%d", time.Now().UnixNano())
	cmd := exec.CommandContext(ctx, exe, "user", "add", "--data", dataDir, "--name", name, "--role", "admin", "--json")
	withEnv(cmd, env)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("evidence user add: %w: %s", err, errb.String())
	}
	var u struct{ Token string }
	if err := json.Unmarshal(out.Bytes(), &u); err != nil || u.Token == "" {
		return "", fmt.Errorf("evidence user add printed %q", out.String())
	}
	return u.Token, nil
}

// withEnv adds env to the environment cmd inherits from this process.
func withEnv(cmd *exec.Cmd, env []string) {
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
}

// startServer starts `evidence serve` on dataDir and waits until /healthz
// answers OK; it returns the time that took (process start included). env,
// when given, is added to the child's environment.
func startServer(ctx context.Context, exe, dataDir, token, logPath string, env ...string) (*server, time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, 0, err
	}
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, 0, err
	}
	s := &server{base: "http://" + addr, token: token, done: make(chan error, 1), log: logf}
	s.cmd = exec.Command(exe, "serve", "--data", dataDir, "--addr", addr)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	withEnv(s.cmd, env)
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return nil, 0, fmt.Errorf("start evidence serve: %w", err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for {
		select {
		case err := <-s.done:
			logf.Close()
			return nil, 0, fmt.Errorf("evidence serve exited at start-up (%v); see %s", err, logPath)
		case <-ctx.Done():
			s.stop()
			return nil, 0, ctx.Err()
		default:
		}
		if resp, err := client.Get(s.base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, time.Since(start), nil
			}
		}
		if time.Since(start) > 2*time.Minute {
			s.stop()
			return nil, 0, fmt.Errorf("evidence serve not healthy after 2 minutes; see %s", logPath)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// freeAddr finds a loopback port that is free now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func (s *server) pid() string { return strconv.Itoa(s.cmd.Process.Pid) }

func (s *server) mem() (Mem, error) { return ReadMem(s.pid()) }

// stop asks the server to shut down (SIGTERM, as an operator would) and
// waits for it; after a minute it is killed.
func (s *server) stop() error {
	defer s.log.Close()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case err := <-s.done:
		return err
	case <-time.After(time.Minute):
		s.cmd.Process.Kill()
		return fmt.Errorf("evidence serve did not stop within a minute")
	}
}

// DictProbe is what `evidence-bench --probe-dict` reports: the cost of the
// segmentation dictionary alone in a fresh process.
type DictProbe struct {
	LoadMS float64 `json:"load_ms"`
	Mem    Mem     `json:"mem"`
}

// ProbeDictionary loads the segmentation dictionary in this process and
// writes a DictProbe as one JSON line to w. `evidence-bench --probe-dict`
// runs it in a fresh process.
func ProbeDictionary(w io.Writer) error {
	start := time.Now()
	if err := index.Preload(); err != nil {
		return err
	}
	p := DictProbe{LoadMS: float64(time.Since(start)) / float64(time.Millisecond)}
	var err error
	if p.Mem, err = ReadMem("self"); err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(p)
}

// probeDictionary runs the probe in a child process.
func probeDictionary(ctx context.Context, exe string) (DictProbe, time.Duration, error) {
	var p DictProbe
	start := time.Now()
	out, err := exec.CommandContext(ctx, exe, "--probe-dict").Output()
	took := time.Since(start)
	if err != nil {
		return p, 0, fmt.Errorf("dictionary probe: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if json.Unmarshal(sc.Bytes(), &p) == nil && p.LoadMS > 0 {
			return p, took, nil
		}
	}
	return p, 0, fmt.Errorf("dictionary probe printed %q", out)
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n, err
}
