package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testfiles"
)

func TestUploadsAreTakenInAFewAtATimeInOrder(t *testing.T) {
	ctx := context.Background()
	svc := ingest.New(nil, nil, nil, ingest.Config{UploadSlots: 2, UploadWait: 300 * time.Millisecond})
	first, err := svc.AdmitUpload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second, err := svc.AdmitUpload(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A third waits; past the wait it is refused as unavailable, with words.
	start := time.Now()
	_, err = svc.AdmitUpload(ctx)
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || time.Since(start) < 300*time.Millisecond {
		t.Fatalf("third upload with both slots taken: %v after %v, want EUNAVAILABLE after the wait", err, time.Since(start))
	}
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "等候 1 秒仍未轮到") || !strings.Contains(msg, "请稍后重新上传") {
		t.Errorf("refusal %q does not say what to do", msg)
	}
	if en := catalog.MessageIn(err, true); en != "The server is busy with other uploads and this one's turn did not come within 1 second; the file was not saved, so upload it again later" {
		t.Errorf("refusal in English: %q", en)
	}
	if d, ok := catalog.RetryAfter(err); !ok || d <= 0 {
		t.Errorf("refusal says no Retry-After: %v %v", d, ok)
	}

	// One whose request ends while waiting leaves the line.
	cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := svc.AdmitUpload(cctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting upload whose request ended: %v", err)
	}

	// Waiters are let in in the order they came, one per freed slot. A
	// gate of its own that waits a minute: the line must not run out of
	// patience while a loaded machine starts the waiters.
	svc = ingest.New(nil, nil, nil, ingest.Config{UploadSlots: 2, UploadWait: time.Minute})
	if first, err = svc.AdmitUpload(ctx); err != nil {
		t.Fatal(err)
	}
	if second, err = svc.AdmitUpload(ctx); err != nil {
		t.Fatal(err)
	}
	order := make(chan int, 3)
	release := make(chan struct{})
	defer close(release)
	for i := range 3 {
		go func() {
			done, err := svc.AdmitUpload(ctx)
			if err != nil {
				order <- -1
				return
			}
			order <- i
			<-release // holds its slot past the test
			done()
		}()
		// It joined the line before the next comes: blocked on the
		// gate's channel, whose senders are let in first come first
		// served. Inside AdmitUpload is not enough: a goroutine
		// preempted there before its select would let the next one
		// into the line ahead of it.
		testfiles.WaitBlockedIn(t, "ingest.(*Service).AdmitUpload", i+1)
	}
	select {
	case i := <-order:
		t.Fatalf("upload %d admitted while both slots were taken", i)
	default:
	}
	for want, free := range []func(){first, second} {
		free()
		if got := <-order; got != want {
			t.Fatalf("admitted %d, want %d (in order of arrival)", got, want)
		}
	}
	if testfiles.WaitInside(t, "ingest.(*Service).AdmitUpload", 1); len(order) > 0 {
		t.Fatalf("upload %d admitted with no slot free", <-order)
	}
}
