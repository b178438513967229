package exif

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/webp"
)

// withEXIFOrientation is img as a JPEG carrying Orientation o.
func withEXIFOrientation(t *testing.T, img image.Image, o uint16, order string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return WithOrientation(buf.Bytes(), o, order)
}

func TestJPEGOrientation(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	plain := withEXIFOrientation(t, img, 1, "II")
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"手机竖拍 II 6", withEXIFOrientation(t, img, 6, "II"), 6},
		{"手机竖拍 MM 6", withEXIFOrientation(t, img, 6, "MM"), 6},
		{"倒拍 3", withEXIFOrientation(t, img, 3, "II"), 3},
		{"左转 8", withEXIFOrientation(t, img, 8, "MM"), 8},
		{"正常 1", plain, 1},
		{"标记前有填充字节", append([]byte{0xFF, 0xD8, 0xFF}, withEXIFOrientation(t, img, 6, "II")[2:]...), 6},
		{"无效值 9", withEXIFOrientation(t, img, 9, "II"), 1},
		{"无 EXIF", plain[:2+0], 1},
		{"截断的 EXIF", withEXIFOrientation(t, img, 6, "II")[:30], 1},
		{"PNG", []byte("\x89PNG\r\n\x1a\n"), 1},
		{"空", nil, 1},
	}
	for _, tt := range tests {
		if got := Orientation(tt.data); got != tt.want {
			t.Errorf("%s: orientation %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestUpright(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for _, order := range []string{"II", "MM"} {
		for _, o := range []uint16{3, 6, 8} {
			data := withEXIFOrientation(t, img, o, order)
			up := Upright(data)
			if got := Orientation(up); got != 1 {
				t.Errorf("%s %d: orientation %d after Upright, want 1", order, o, got)
			}
			if Orientation(data) != int(o) {
				t.Errorf("%s %d: Upright changed its argument", order, o)
			}
			if len(up) != len(data) {
				t.Errorf("%s %d: %d bytes after Upright, %d before", order, o, len(up), len(data))
			}
			if _, err := jpeg.Decode(bytes.NewReader(up)); err != nil {
				t.Errorf("%s %d: not a JPEG after Upright: %v", order, o, err)
			}
		}
	}
	plain := withEXIFOrientation(t, img, 1, "II")
	if got := Upright(plain); &got[0] != &plain[0] {
		t.Error("an upright JPEG was copied")
	}
}

// TestWebPOrientation: a WebP's EXIF chunk says how to turn it, as a
// JPEG's APP1 does; Upright sets it upright in place.
func TestWebPOrientation(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "ingest", "extract", "testdata", "photo.webp"))
	if err != nil {
		t.Fatal(err)
	}
	if got := Orientation(data); got != 1 {
		t.Errorf("a WebP without EXIF: orientation %d, want 1", got)
	}
	for _, o := range []uint16{3, 6, 8} {
		sideways := WebPWithOrientation(data, 1241, 1754, o)
		if got := Orientation(sideways); got != int(o) {
			t.Errorf("手机照片 WebP %d: orientation %d", o, got)
		}
		cfg, err := webp.DecodeConfig(bytes.NewReader(sideways))
		if err != nil || cfg.Width != 1241 || cfg.Height != 1754 {
			t.Errorf("WebP %d with EXIF: %+v, %v; want a 1241×1754 picture", o, cfg, err)
		}
		if got := Orientation(Upright(sideways)); got != 1 {
			t.Errorf("WebP %d: orientation %d after Upright, want 1", o, got)
		}
		if got := Orientation(sideways[:len(sideways)-4]); got != 1 {
			t.Errorf("截断的 WebP %d: orientation %d, want 1", o, got)
		}
	}
}
