package main

import (
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// startServerWithSandbox starts a server and returns it with the sandbox
// it reads files in, whose memory budget a test can hold to keep
// readings (and page pictures) waiting.
func startServerWithSandbox(t *testing.T) (*server, *extract.Sandbox) {
	t.Helper()
	var mu sync.Mutex
	var sb *extract.Sandbox
	sandboxOpened = func(s *extract.Sandbox) {
		mu.Lock()
		defer mu.Unlock()
		sb = s // the server's, the last opened (runCLI opens its own first)
	}
	t.Cleanup(func() { sandboxOpened = nil })
	s := startServer(t, "")
	mu.Lock()
	sandbox := sb
	mu.Unlock()
	if sandbox == nil || sandbox.Budget == nil {
		t.Fatal("the server opened no sandbox with a memory budget")
	}
	return s, sandbox
}
