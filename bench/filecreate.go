package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// On ext4 without a journal (the machines these figures come from: no
// jbd2), allocating an inode reads the inode table block of every free
// inode it considers and skips those deleted lately (the kernel's
// recently_deleted). After a job deleted many files — a test suite, a
// build, the last bench run's work folder — each new file costs 0.5 to 1
// ms of kernel CPU instead of about 30 µs, for minutes (perf: 70 % of a
// file-creating loop in recently_deleted and find_get_block_common; 634
// µs a file three minutes after 10,000 files were deleted and synced).
// The pipeline creates two files a document and raw Bleve a few dozen in
// all, so such a file system taxes the pipeline's figures alone. Before
// its ingest rounds the bench measures what a file costs here and waits,
// a while at most, for the file system to be itself again; the figure is
// kept with the results.
const (
	cheapFileCreate = 100 * time.Microsecond
	fileCreateProbe = 500
	fileCreatePause = 30 * time.Second
)

// fileCreateCost creates n files of 3 KB (the corpus's documents) in a
// new folder under dir and returns the CPU a file took this process. The
// files are left for the work folder's removal: deleting them would tax
// the files created next.
func fileCreateCost(dir string, n int) (time.Duration, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	probe, err := os.MkdirTemp(dir, "file-create-")
	if err != nil {
		return 0, err
	}
	buf := make([]byte, 3200)
	before, err := CPUTime("self")
	if err != nil {
		return 0, err
	}
	for i := range n {
		f, err := os.OpenFile(filepath.Join(probe, fmt.Sprintf("f%04d", i)), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return 0, err
		}
		_, werr := f.Write(buf)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return 0, werr
		}
	}
	after, err := CPUTime("self")
	if err != nil {
		return 0, err
	}
	return (after - before) / time.Duration(n), nil
}

// waitForCheapFiles measures what a new file costs in the work folder and,
// while it costs more than cheapFileCreate, waits for up to
// Config.FileCreateWait, saying so; it returns the last cost measured.
func (r *run) waitForCheapFiles(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	for {
		cost, err := fileCreateCost(r.cfg.WorkDir, fileCreateProbe)
		if err != nil {
			return 0, fmt.Errorf("measure a file's creation: %w", err)
		}
		if cost <= cheapFileCreate {
			r.logf("a new 3 KB file costs %d µs of CPU here", cost.Microseconds())
			return cost, nil
		}
		if time.Since(start) >= r.cfg.FileCreateWait {
			r.logf("a new 3 KB file costs %d µs of CPU here after a wait of %v (files deleted lately on this file system): the pipeline's figures pay it", cost.Microseconds(), time.Since(start).Round(time.Second))
			return cost, nil
		}
		r.logf("a new 3 KB file costs %d µs of CPU here (files deleted lately on this file system); waiting %v", cost.Microseconds(), fileCreatePause)
		select {
		case <-time.After(fileCreatePause):
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}
