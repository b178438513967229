package main

import (
	"context"
	"os"
	"path/filepath"
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

// busyPolicyPDF adds the administrator boss with password pw, uploads
// 宁波's policy PDF, waits until it is indexed and then holds the readers'
// whole budget until the test ends, as other readings would: page
// pictures of the PDF are then 503 正在读取其他文件，请稍候再试. It returns
// the PDF's document id and the function that frees the budget sooner.
func busyPolicyPDF(t *testing.T, s *server, sandbox *extract.Sandbox, pw string) (string, func()) {
	t.Helper()
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "boss", "--role", "admin", "--password", pw); err != nil {
		t.Fatalf("add boss: %v", err)
	}
	body, err := os.ReadFile(filepath.Join("testdata", "ningbo-policy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	status, out := s.upload(map[string]string{"city": "330200", "doc_type": "policy"}, upload{name: "ningbo-policy.pdf", body: body})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, out)
	}
	id := uploadedDocuments(t, out)[0]["id"].(string)
	if d := s.waitDone(id); d["status"] != "indexed" {
		t.Fatalf("宁波政策文件: %v %v", d["status"], d["error"])
	}
	return id, holdReadersBudget(t, sandbox)
}

// holdReadersBudget takes the readers' whole memory budget, as other
// readings would, until the test ends or the function it returns is
// called: readings and page pictures wait meanwhile.
func holdReadersBudget(t *testing.T, sandbox *extract.Sandbox) func() {
	t.Helper()
	held, err := sandbox.Budget.Reserve(context.Background(), sandbox.Budget.Total())
	if err != nil {
		t.Fatal(err)
	}
	release := sync.OnceFunc(held)
	t.Cleanup(release)
	return release
}

// blurredPhoto writes a department's phone photo of its activities,
// blurred past reading (OCR reads it with low confidence), and returns
// its path.
func blurredPhoto(t *testing.T) string {
	t.Helper()
	blurred, err := os.ReadFile(filepath.Join("..", "..", "ingest", "extract", "testdata", "blurred.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(t.TempDir(), "社区教育活动照片.jpg")
	if err := os.WriteFile(photo, blurred, 0o644); err != nil {
		t.Fatal(err)
	}
	return photo
}
