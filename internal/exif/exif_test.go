package exif

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
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
