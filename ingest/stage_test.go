package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// body is n bytes of plain Chinese text, different for each seed (its
// last character may be cut: the sniffer sees only the head).
func body(seed, n int) []byte {
	b := []byte(fmt.Sprintf("%d ", seed))
	for len(b) < n {
		b = append(b, "杭州市社区学习共同体建设工作总结。\n"...)
	}
	return b[:n]
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// leftFiles lists what is in dir.
func leftFiles(t *testing.T, dir string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// Small uploads are held in memory, within the budget: 16 uploads of a
// megabyte arriving at once take no more than it, the others go to
// temporary files, and every one is staged byte for byte.
func TestStageHoldsSmallUploadsInMemoryWithinItsBudget(t *testing.T) {
	const budget = 4 << 20
	dir := t.TempDir()
	mem := newMemBudget(budget)
	bodies := make([][]byte, 16)
	staged := make([]*Staged, 16)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range bodies {
		bodies[i] = body(i, memStageMax-i) // all small enough for memory
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A slow sender: the uploads arrive at the same time.
			st, err := stage(iotestHalfReader{bytes.NewReader(bodies[i])}, fmt.Sprintf("%d.txt", i), dir, 200<<20, mem)
			staged[i] = st
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var inMemory, held int64
	for i, st := range staged {
		if st.Size != int64(len(bodies[i])) || st.SHA256 != sha(bodies[i]) {
			t.Errorf("upload %d staged as %d bytes %s, want %d %s", i, st.Size, st.SHA256, len(bodies[i]), sha(bodies[i]))
		}
		rc, err := st.open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(got, bodies[i]) {
			t.Errorf("upload %d: staged bytes differ", i)
		}
		if st.Path == "" {
			inMemory++
			held += st.held
		}
	}
	if held > budget || mem.free.Load() != budget-held || mem.free.Load() < 0 {
		t.Errorf("uploads in memory hold %d bytes, budget %d has %d free", held, budget, mem.free.Load())
	}
	if inMemory == 0 || inMemory == 16 {
		t.Errorf("%d of 16 uploads of 1 MiB in memory with a budget of 4 MiB", inMemory)
	}
	if files := len(leftFiles(t, dir)); files != 16-int(inMemory) {
		t.Errorf("%d temporary files for %d uploads not in memory", files, 16-inMemory)
	}
	for _, st := range staged {
		st.Remove()
		st.Remove() // twice is harmless
	}
	if mem.free.Load() != budget {
		t.Errorf("budget after every upload was removed: %d, want %d", mem.free.Load(), budget)
	}
	if left := leftFiles(t, dir); len(left) != 0 {
		t.Errorf("files left: %v", left)
	}
	// Once memory is free again, a small upload goes there, and a large
	// one to a file however much is free.
	small, err := stage(strings.NewReader("杭州市学分银行。"), "a.txt", dir, 200<<20, mem)
	if err != nil || small.Path != "" || small.held == 0 {
		t.Errorf("small upload with the budget free: path %q held %d err %v", small.Path, small.held, err)
	}
	small.Remove()
	large, err := stage(bytes.NewReader(body(99, memStageMax+1)), "b.txt", dir, 200<<20, mem)
	if err != nil || large.Path == "" || mem.free.Load() != budget {
		t.Errorf("upload over 1 MiB: path %q, budget free %d, err %v", large.Path, mem.free.Load(), err)
	}
	large.Remove()
}

// iotestHalfReader returns at most half of what is asked at a time, as a
// network connection does.
type iotestHalfReader struct{ r io.Reader }

func (h iotestHalfReader) Read(p []byte) (int, error) { return h.r.Read(p[:(len(p)+1)/2]) }

// cutReader sends all of a file but its end: the connection breaks instead.
type cutReader struct {
	r io.Reader
}

func (c *cutReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

// A refused or cut-off upload leaves nothing behind: no file, no memory
// taken, whether it was in memory, went to a file, or was on its way
// from one to the other.
func TestStageLeavesNothingBehindWhenRefused(t *testing.T) {
	const budget = 2 << 20
	tests := []struct {
		name string
		r    io.Reader
		file string
		max  int64
		code string
	}{
		{"too large in memory", strings.NewReader(strings.Repeat("学", 400)), "a.txt", 1000, catalog.ETOOLARGE},
		{"too large in a file", bytes.NewReader(body(1, 3<<20)), "a.txt", 2 << 20, catalog.ETOOLARGE},
		{"empty", strings.NewReader(""), "a.txt", 1000, catalog.EINVALID},
		{"pdf in name only", strings.NewReader("纯文本"), "a.pdf", 1000, catalog.EINVALID},
		{"cut off in memory", &cutReader{bytes.NewReader(body(2, 5000))}, "a.txt", 200 << 20, catalog.EINVALID},
		{"cut off in a file", &cutReader{bytes.NewReader(body(3, memStageMax+5000))}, "a.txt", 200 << 20, catalog.EINVALID},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		mem := newMemBudget(budget)
		_, err := stage(tt.r, tt.file, dir, tt.max, mem)
		if catalog.ErrorCode(err) != tt.code || !strings.Contains(catalog.ErrorMessage(err), tt.file) {
			t.Errorf("%s: %v, want %s naming the file", tt.name, err, tt.code)
		}
		if left := leftFiles(t, dir); len(left) != 0 {
			t.Errorf("%s: temp files left %v", tt.name, left)
		}
		if mem.free.Load() != budget {
			t.Errorf("%s: %d bytes of memory still taken", tt.name, budget-mem.free.Load())
		}
	}
}

// An upload stored from memory, from a file, or from memory spilled into
// a file is the original byte for byte, under its SHA-256.
func TestStagedUploadsAreStoredByteExact(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	ctx := context.Background()
	for i, n := range []int{100, 64 << 10, memStageMax, memStageMax + 1, 3 << 20} {
		b := body(i, n)
		st, err := svc.Stage(bytes.NewReader(b), fmt.Sprintf("%d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		if inMemory := st.Path == ""; inMemory != (n <= memStageMax) {
			t.Errorf("%d bytes: in memory %v", n, inMemory)
		}
		if err := svc.putOriginal(ctx, st); err != nil {
			t.Fatal(err)
		}
		st.Remove()
		rc, err := r.blobs.Get(ctx, catalog.OriginalKey(sha(b)))
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(got, b) {
			t.Errorf("%d bytes: stored %d bytes that differ", n, len(got))
		}
	}
	if left := leftFiles(t, filepath.Join(r.dir, "tmp")); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
	if left := leftFiles(t, filepath.Join(r.dir, "blobs", "tmp")); len(left) != 0 {
		t.Errorf("store temp files left: %v", left)
	}
}
