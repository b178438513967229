package extract

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// needPdftoppm skips without poppler-utils, and fails under CI=true.
func needPdftoppm(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftoppm is not installed, but CI=true requires it: apt-get install poppler-utils")
		}
		t.Skip("pdftoppm is not installed (apt-get install poppler-utils)")
	}
}

func TestThumbnailDrawsASmallPNGOfThePage(t *testing.T) {
	needPdftoppm(t)
	tests := []struct {
		file, mime string
		page       int
	}{
		{"policy.pdf", MIMEPDF, 1},
		{"mixed.pdf", MIMEPDF, 2},
		{"scan.png", MIMEPNG, 1},
		{"photo.jpg", MIMEJPEG, 1},
		{"frames.tif", MIMETIFF, 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			start := time.Now()
			out, err := Thumbnail(t.Context(), filepath.Join("testdata", tt.file), tt.mime, tt.page, 200, 10*time.Second)
			if err != nil {
				t.Fatalf("thumbnail of %s page %d: %v", tt.file, tt.page, err)
			}
			img, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("thumbnail of %s is not a PNG: %v", tt.file, err)
			}
			if b := img.Bounds(); max(b.Dx(), b.Dy()) > 200 || min(b.Dx(), b.Dy()) < 20 {
				t.Errorf("thumbnail of %s is %d×%d, want a long side of at most 200", tt.file, b.Dx(), b.Dy())
			}
			if len(out) > 150<<10 {
				t.Errorf("thumbnail of %s is %d bytes, want a small image", tt.file, len(out))
			}
			t.Logf("%s page %d: %d bytes in %s", tt.file, tt.page, len(out), time.Since(start).Round(time.Millisecond))
		})
	}
}

func TestThumbnailRefusesWhatItCannotDraw(t *testing.T) {
	needPdftoppm(t)
	tests := []struct {
		name, file, mime string
		page             int
		code, english    string
	}{
		{"page past the end", "policy.pdf", MIMEPDF, 99, catalog.ENOTFOUND, "Page 99 has no thumbnail to show"},
		{"second page of a PNG", "scan.png", MIMEPNG, 2, catalog.ENOTFOUND, "Page 2 has no thumbnail to show"},
		{"Word file", "summary.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1, catalog.EUNSUPPORTED,
			"Files of this type (application/vnd.openxmlformats-officedocument.wordprocessingml.document) have no page thumbnails"},
		{"page zero", "policy.pdf", MIMEPDF, 0, catalog.EINVALID, "The page and the size must be positive whole numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Thumbnail(t.Context(), filepath.Join("testdata", tt.file), tt.mime, tt.page, 200, 10*time.Second)
			if catalog.ErrorCode(err) != tt.code {
				t.Errorf("thumbnail of %s page %d: %v, want %s", tt.file, tt.page, err, tt.code)
			}
			if en := catalog.MessageIn(err, true); en != tt.english {
				t.Errorf("thumbnail of %s page %d, in English: %q, want %q", tt.file, tt.page, en, tt.english)
			}
		})
	}
}

func TestThumbnailWithoutPdftoppm(t *testing.T) {
	withoutOCR(t)
	if CanThumbnail(MIMEPDF) {
		t.Error("CanThumbnail(PDF) without pdftoppm: true, want false")
	}
	if !CanThumbnail(MIMEPNG) {
		t.Error("CanThumbnail(PNG): false, want true (drawn in Go)")
	}
	_, err := Thumbnail(t.Context(), filepath.Join("testdata", "policy.pdf"), MIMEPDF, 1, 200, time.Second)
	if catalog.ErrorCode(err) != catalog.EUNSUPPORTED {
		t.Errorf("PDF thumbnail without pdftoppm: %v, want EUNSUPPORTED", err)
	}
	wantEnglish(t, "PDF thumbnail without pdftoppm", err, "pdftoppm (the Debian package poppler-utils) is not installed, so PDFs have no page thumbnails")
}

// TestThumbnailOfAPhotoStoredSideways draws a portrait photo that the
// phone stored landscape with EXIF orientation 6 upright, as browsers show
// the original: taller than wide, its top (dark) at the top.
func TestThumbnailOfAPhotoStoredSideways(t *testing.T) {
	upright := image.NewGray(image.Rect(0, 0, 200, 300))
	for i := range upright.Pix {
		upright.Pix[i] = 255
	}
	for y := range 30 { // a dark band across the top of the page
		for x := range 200 {
			upright.SetGray(x, y, color.Gray{})
		}
	}
	path := filepath.Join(t.TempDir(), "竖拍.jpg")
	if err := os.WriteFile(path, withEXIFOrientation(t, rotateClockwise(upright, 270), 6, "II"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := Thumbnail(t.Context(), path, MIMEJPEG, 1, 150, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() >= b.Dy() {
		t.Fatalf("thumbnail is %d×%d, want it upright (taller than wide)", b.Dx(), b.Dy())
	}
	if r, _, _, _ := img.At(b.Dx()/2, 3).RGBA(); r > 0x4000 {
		t.Errorf("the top of the thumbnail is light (%#x), want the page's dark band there", r)
	}
}
