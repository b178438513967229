package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// leaseKeepers counts the goroutines that renew a lease (keepLease).
func leaseKeepers() int {
	var buf bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&buf, 2) // each goroutine's stack, a blank line between
	n := 0
	for _, g := range strings.Split(buf.String(), "\n\n") {
		if strings.Contains(g, ").keepLease.func") {
			n++
		}
	}
	return n
}

// waitLeaseKeepers waits up to ten seconds for want lease keepers.
func waitLeaseKeepers(t *testing.T, want int, when string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); leaseKeepers() != want; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d lease keepers, want %d", when, leaseKeepers(), want)
		}
	}
}

// ocrQueueRig starts a node of a shared catalog with a short lease whose
// one OCR worker reads photo A, held at its original until the test lets
// it go, while photo B waits in the OCR queue behind it.
func ocrQueueRig(t *testing.T, open func(t *testing.T) (*rig, *refusedCatalog), lease time.Duration) (
	svc *Service, r *rig, cat *refusedCatalog, held *heldOriginals, done chan *catalog.Document, a, b string) {
	t.Helper()
	r, cat = open(t)
	held = &heldOriginals{Store: r.blobs, asked: make(chan string, 10), let: make(chan struct{})}
	done = make(chan *catalog.Document, 10)
	const node = "杭州节点"
	svc = New(r.cat, held, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 1, OCRWorkers: 1,
		Logger: slog.New(slog.NewTextHandler(testWriter{t, node}, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
		Shared: true, Node: node, Lease: lease, FollowInterval: 100 * time.Millisecond,
	})
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	photo, err := os.ReadFile(filepath.Join("extract", "testdata", "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	a = submitText(t, svc, "会议通知照片.jpg", string(photo)).Document.ID
	select {
	case <-held.asked:
	case <-time.After(time.Minute):
		t.Fatal("the OCR worker did not begin reading photo A in a minute")
	}
	// Other bytes, the same picture: bytes after a JPEG's end are not read.
	b = submitText(t, svc, "签到表照片.jpg", string(photo)+"\x00").Document.ID
	for deadline := time.Now().Add(time.Minute); svc.ocrQueue.len() != 1; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("photo B did not reach the OCR queue in a minute")
		}
	}
	if row := cat.jobRow(t, b); row[0] != "1" || row[1] != node {
		t.Fatalf("photo B handed to the OCR queue: %q, want 1 attempt held by %q", row, node)
	}
	return svc, r, cat, held, done, a, b
}

// A job handed from the text worker to the OCR queue keeps its lease
// renewed while it waits there: waiting longer than its lease, it is
// taken neither by another node nor again by this one (an attempt
// counted against a good document, failed as poison after a few), and
// the OCR worker takes it on without a new attempt. No keeper outlives
// its job.
func TestAJobWaitingForOCRKeepsItsLease(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tesseract is not installed (scripts/debian-packages.sh installs it)")
		}
		t.Skip("tesseract is not installed; skipping (it fails under CI=true)")
	}
	for _, rr := range sharedRefusalRigs {
		t.Run(rr.name, func(t *testing.T) {
			before := leaseKeepers()
			const lease = 600 * time.Millisecond
			svc, r, cat, held, done, a, b := ocrQueueRig(t, rr.open, lease)
			ctx := context.Background()
			for until := time.Now().Add(4 * lease); time.Now().Before(until); time.Sleep(50 * time.Millisecond) {
				if tok, err := r.cat.TakeJob(ctx, b, "宁波节点", lease); tok != "" || err != nil {
					t.Fatalf("another node took the job of photo B waiting in the OCR queue: %q %v", tok, err)
				}
				if row := cat.jobRow(t, b); row[0] != "1" {
					t.Fatalf("photo B waiting in the OCR queue counts %s attempts, want 1", row[0])
				}
			}
			waitLeaseKeepers(t, before+2, "photo A in OCR, photo B waiting for it")
			close(held.let)
			got := waitFor(t, done, 2)
			for _, id := range []string{a, b} {
				if d := got[id]; d.Status != catalog.StatusIndexed {
					t.Errorf("photo %s is %s (%q), want indexed", id, d.Status, d.Error)
				}
			}
			if row := cat.jobRow(t, b); row[0] != "1" {
				t.Errorf("photo B, OCR'd after waiting past its lease, counts %s attempts, want 1", row[0])
			}
			waitLeaseKeepers(t, before, "both photos indexed")
			svc.Close()
			waitLeaseKeepers(t, before, "the node stopped")
		})
	}
}

// A node stopped while a job waits in its OCR queue gives that job back
// uncounted, as it does the job it was reading, and ends its keeper.
func TestAStoppedNodeGivesBackTheJobWaitingForOCR(t *testing.T) {
	for _, rr := range sharedRefusalRigs {
		t.Run(rr.name, func(t *testing.T) {
			before := leaseKeepers()
			svc, _, cat, _, _, a, b := ocrQueueRig(t, rr.open, time.Hour)
			svc.Close()
			for _, id := range []string{a, b} {
				if row := cat.jobRow(t, id); row[0] != "0" || row[1] != "" {
					t.Errorf("photo %s after the node stopped: %q, want 0 attempts and free", id, row)
				}
			}
			waitLeaseKeepers(t, before, "the node stopped")
		})
	}
}

// A node refused by a newer catalog while a job waits in its OCR queue
// gives that job back uncounted, as a stopping node does: its keeper
// renews nothing into a newer catalog, so the lease ran out and counted
// an attempt against a good document, each refusal one more towards
// failing it as poison.
func TestARefusedNodeGivesBackTheJobWaitingForOCR(t *testing.T) {
	for _, rr := range sharedRefusalRigs {
		t.Run(rr.name, func(t *testing.T) {
			before := leaseKeepers()
			svc, _, cat, held, _, a, b := ocrQueueRig(t, rr.open, time.Hour)
			cat.set(t, 999)
			waitOutrun(t, svc)
			close(held.let) // photo A's reading, cut by the refusal, gives its job back
			for _, id := range []string{b, a} {
				row := cat.jobRow(t, id)
				for deadline := time.Now().Add(30 * time.Second); row[1] != ""; row = cat.jobRow(t, id) {
					if time.Now().After(deadline) {
						t.Fatalf("30 s after the refusal photo %s is still held: %q, want given back", id, row)
					}
					time.Sleep(10 * time.Millisecond)
				}
				if row[0] != "0" {
					t.Errorf("photo %s given back after the refusal counts %s attempts, want 0", id, row[0])
				}
			}
			waitLeaseKeepers(t, before, "both jobs given back")
		})
	}
}
