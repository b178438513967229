package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withEXIFOrientation returns a JPEG with an APP1 EXIF block whose first
// IFD holds Orientation o, in the byte order given ("II" or "MM"), as
// phone cameras write it.
func withEXIFOrientation(t *testing.T, img image.Image, o uint16, order string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	var bo binary.AppendByteOrder = binary.LittleEndian
	if order == "MM" {
		bo = binary.BigEndian
	}
	tiff := []byte(order)
	tiff = bo.AppendUint16(tiff, 42)
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, 2)                                         // two entries
	tiff = bo.AppendUint16(bo.AppendUint16(tiff, 0x010F), 2)                // Make, ASCII
	tiff = bo.AppendUint32(bo.AppendUint32(tiff, 4), 0x00414248)            // "HBA" in place
	tiff = bo.AppendUint16(bo.AppendUint16(tiff, 0x0112), 3)                // Orientation, SHORT
	tiff = bo.AppendUint16(bo.AppendUint16(bo.AppendUint32(tiff, 1), o), 0) // count 1, value, padding
	tiff = bo.AppendUint32(tiff, 0)                                         // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
	data := buf.Bytes()
	out := append(append(append([]byte{}, data[:2]...), seg...), payload...)
	return append(out, data[2:]...)
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
		if got := jpegOrientation(tt.data); got != tt.want {
			t.Errorf("%s: orientation %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestOrientGray checks that each EXIF orientation brings the stored image
// back upright: the stored image is made by the inverse turn of a page
// whose pixels are all different.
func TestOrientGray(t *testing.T) {
	upright := image.NewGray(image.Rect(0, 0, 3, 2))
	for i := range upright.Pix {
		upright.Pix[i] = uint8(10 * (i + 1))
	}
	// stored[o] turns upright into what a camera stores with tag o.
	stored := map[int]*image.Gray{
		1: upright,
		3: rotateClockwise(upright, 180),
		6: rotateClockwise(upright, 270), // the viewer turns it 90° clockwise
		8: rotateClockwise(upright, 90),
		2: orientGray(upright, 2), // mirrors are their own inverse
		4: orientGray(upright, 4),
		5: orientGray(upright, 5),
		7: orientGray(upright, 7),
	}
	for o, s := range stored {
		got := orientGray(s, o)
		if got.Rect.Dx() != 3 || got.Rect.Dy() != 2 || !bytes.Equal(got.Pix, upright.Pix) {
			t.Errorf("orientation %d: got %v (%v), want %v", o, got.Pix, got.Rect, upright.Pix)
		}
	}
}

func TestParseOSD(t *testing.T) {
	tests := []struct {
		out string
		deg int
		ok  bool
	}{
		{"Page number: 0\nOrientation in degrees: 90\nRotate: 270\nOrientation confidence: 21.10\nScript: Han\nScript confidence: 1.14\n", 270, true},
		{"Rotate: 0\nOrientation confidence: 20.63\n", 0, true},
		{"Rotate: 180\nOrientation confidence: 0.41\n", 0, false},
		{"Too few characters. Skipping this page\n", 0, false},
		{"Rotate: 45\nOrientation confidence: 30\n", 0, false},
	}
	for _, tt := range tests {
		deg, ok := parseOSD(tt.out)
		if deg != tt.deg || ok != tt.ok {
			t.Errorf("parseOSD(%q) = %d, %v; want %d, %v", tt.out, deg, ok, tt.deg, tt.ok)
		}
	}
}

// TestOCRTurnedPhotos reads a photographed page stored sideways with the
// EXIF tag a phone writes, and scans put in sideways or upside down with
// no tag: each must be read as upright, not as garbage.
func TestOCRTurnedPhotos(t *testing.T) {
	needOCR(t)
	f, err := os.Open(fixture("photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := jpeg.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	upright := image.NewGray(src.Bounds())
	draw.Draw(upright, upright.Rect, src, src.Bounds().Min, draw.Src)
	tests := []struct {
		name string
		data []byte
	}{
		{"竖拍照片（EXIF 方向 6）", withEXIFOrientation(t, rotateClockwise(upright, 270), 6, "MM")},
		{"横放扫描（无 EXIF）", withEXIFOrientation(t, rotateClockwise(upright, 90), 1, "II")},
		{"倒放扫描（无 EXIF）", withEXIFOrientation(t, rotateClockwise(upright, 180), 1, "II")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "photo.jpg")
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Extract(context.Background(), FormatImage, path, Limits{})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			for _, p := range []string{"成都市社区教育工作情况报告", "学分银行"} {
				if !strings.Contains(res.Pages[0], p) {
					t.Errorf("page lacks %q:\n%s", p, res.Pages[0])
				}
			}
			if c := res.OCRConfidence; c == nil || *c < reorientBelow {
				t.Errorf("OCR confidence %v, want at least %v once upright", c, reorientBelow)
			}
		})
	}
}
