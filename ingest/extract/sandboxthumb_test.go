package extract

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSandboxThumbnailDrawsLikeInProcess: the server draws page thumbnails
// in the sandbox's child; PDF pages (pdftoppm, a child of the child) and
// images come back as the same small PNG, and what cannot be drawn is the
// same error as in process.
func TestSandboxThumbnailDrawsLikeInProcess(t *testing.T) {
	needPdftoppm(t)
	sb := testSandbox(0)
	defer sb.Close()
	draws := []struct {
		file, mime string
		page       int
	}{
		{"policy.pdf", MIMEPDF, 1},
		{"scan.png", MIMEPNG, 1},
		{"frames.tif", MIMETIFF, 2},
	}
	for _, tt := range draws {
		t.Run(tt.file, func(t *testing.T) {
			out, err := sb.Thumbnail(t.Context(), fixture(tt.file), tt.mime, tt.page, 200, 10*time.Second)
			if err != nil {
				t.Fatalf("thumbnail of %s page %d in the sandbox: %v", tt.file, tt.page, err)
			}
			img, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("thumbnail of %s is not a PNG: %v", tt.file, err)
			}
			if b := img.Bounds(); max(b.Dx(), b.Dy()) > 200 || min(b.Dx(), b.Dy()) < 20 {
				t.Errorf("thumbnail of %s is %d×%d, want a long side of at most 200", tt.file, b.Dx(), b.Dy())
			}
		})
	}
	refusals := []struct {
		name, file, mime string
		page             int
		code             string
	}{
		{"page past the end", "policy.pdf", MIMEPDF, 99, catalog.ENOTFOUND},
		{"second page of a PNG", "scan.png", MIMEPNG, 2, catalog.ENOTFOUND},
		{"Word file", "summary.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1, catalog.EUNSUPPORTED},
		{"page zero", "policy.pdf", MIMEPDF, 0, catalog.EINVALID},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sb.Thumbnail(t.Context(), fixture(tt.file), tt.mime, tt.page, 200, 10*time.Second)
			if catalog.ErrorCode(err) != tt.code {
				t.Errorf("thumbnail of %s page %d in the sandbox: %v, want %s", tt.file, tt.page, err, tt.code)
			}
		})
	}
}

// TestSandboxThumbnailOfACraftedImageStaysInTheChild: an image whose header
// claims a huge page, and one small on disk whose pixels need more memory
// than the sandbox allows, end as "no thumbnail" (ENOTFOUND, a 404 page)
// without the server's process allocating their pixels: the second is
// stopped by the child's address-space limit.
func TestSandboxThumbnailOfACraftedImageStaysInTheChild(t *testing.T) {
	dir := t.TempDir()
	// 100 000 × 100 000 pixels claimed in the header, no pixels behind it.
	huge := filepath.Join(dir, "巨幅扫描件.png")
	writeZeroPNG(t, huge, 100_000, 100_000, 0)
	// 6 000 × 6 000 16-bit RGBA: 36 million pixels, under the 40 million
	// any scan may have, but 288 MB decoded; some 300 kB on disk.
	heavy := filepath.Join(dir, "高精度扫描件.png")
	writeZeroPNG(t, heavy, 6000, 6000, 6000)
	sb := testSandbox(128 << 20)
	defer sb.Close()
	for _, tt := range []struct{ name, path, why string }{
		{"a header claiming a huge page", huge, ""},
		{"pixels past the memory limit", heavy, "内存上限"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			out, err := sb.Thumbnail(t.Context(), tt.path, MIMEPNG, 1, 200, 10*time.Second)
			runtime.ReadMemStats(&after)
			if code := catalog.ErrorCode(err); out != nil || code != catalog.ENOTFOUND {
				t.Fatalf("got %d bytes, %v; want no thumbnail (ENOTFOUND)", len(out), err)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("got %v, want it stopped for %q", err, tt.why)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 16<<20 {
				t.Errorf("the server's process allocated %d MB drawing it, want the pixels decoded in the child", grown>>20)
			}
			t.Logf("ended after %s: %v", time.Since(start).Round(time.Millisecond), err)
		})
	}
}

// writeZeroPNG writes a black, transparent 16-bit RGBA PNG of w×h pixels
// whose first rows rows are stored (all of them, compressed, when rows is
// h; none when 0), streamed so that the test never holds its pixels.
func writeZeroPNG(t *testing.T, path string, w, h, rows int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	chunk := func(typ string, data []byte) {
		binary.Write(bw, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		bw.WriteString(typ)
		bw.Write(data)
		binary.Write(bw, binary.BigEndian, crc.Sum32())
	}
	bw.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 6 // 16 bits, RGBA
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := make([]byte, 1+8*w) // filter byte 0, then zero pixels
	for range rows {
		zw.Write(row)
	}
	zw.Close()
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
}

// TestPdftoppmRunsWithAMemoryLimit: pdftoppm is held to an address-space
// limit wherever it runs; a page that would need more than it allows gets
// no thumbnail (ENOTFOUND), cleanly.
func TestPdftoppmRunsWithAMemoryLimit(t *testing.T) {
	needPdftoppm(t)
	defer helperMemory.Store(helperMemory.Load())
	helperMemory.Store(8 << 20) // less than pdftoppm needs to start
	out, err := Thumbnail(t.Context(), fixture("policy.pdf"), MIMEPDF, 1, 200, 10*time.Second)
	if out != nil || catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Fatalf("pdftoppm in 8 MiB: %d bytes, %v; want no thumbnail (ENOTFOUND)", len(out), err)
	}
	helperMemory.Store(DefaultSandboxMemory)
	if _, err := Thumbnail(t.Context(), fixture("policy.pdf"), MIMEPDF, 1, 200, 10*time.Second); err != nil {
		t.Fatalf("pdftoppm in %d MiB: %v", DefaultSandboxMemory>>20, err)
	}
}
