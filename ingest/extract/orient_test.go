package extract

import (
	"bytes"
	"context"
	"image"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/exif"
)

// withEXIFOrientation returns img as a JPEG with an APP1 EXIF block whose
// first IFD holds Orientation o, in the byte order given ("II" or "MM").
func withEXIFOrientation(t *testing.T, img image.Image, o uint16, order string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return exif.WithOrientation(buf.Bytes(), o, order)
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

// TestOCRSidewaysPageOSDCannotJudge reads a Chinese page scanned lying
// sideways, on which tesseract's orientation detection says "Too few
// characters": without trying the page turned each way its text was
// garbage (= sR Fs / HeFSeFoOMH) under the flag ocr-low.
func TestOCRSidewaysPageOSDCannotJudge(t *testing.T) {
	needOCR(t)
	data, err := os.ReadFile(fixture("sideways-scan.png"))
	if err != nil {
		t.Fatal(err)
	}
	tess, err := findTesseract(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	img, err := decodePageImage(data)
	if err != nil {
		t.Fatal(err)
	}
	page := level(flattenLight(prepareForOCR(img, true).gray))
	if deg, ok := detectRotation(context.Background(), tess, page, Limits{}.withDefaults()); ok {
		t.Fatalf("OSD turned the fixture by %d°: it no longer stands for a page OSD cannot judge", deg)
	}
	res, err := Extract(context.Background(), FormatImage, fixture("sideways-scan.png"), Limits{})
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	for _, p := range []string{"社区教育工作总结", "社区学校", "学习型城市"} {
		if !strings.Contains(res.Pages[0], p) {
			t.Errorf("page lacks %q:\n%s", p, res.Pages[0])
		}
	}
	if c := res.OCRConfidence; c == nil || *c < reorientBelow {
		t.Errorf("OCR confidence %v, want at least %v once upright", c, reorientBelow)
	}
}

// TestTurnedReadingsExtendTheDeadline reads a faint page that OSD cannot
// judge with a tesseract taking half the page limit per reading: its
// first reading and the three turned ones outlast what the document was
// granted for one page, so each extra try must grant itself a page limit,
// or the document failed as 超时 and lost the ocr-low text it had.
func TestTurnedReadingsExtendTheDeadline(t *testing.T) {
	dir := t.TempDir()
	calls := filepath.Join(dir, "calls")
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\\n" +
		"5\t1\t1\t1\t1\t1\t100\t100\t400\t40\t40\t社区教育工作总结\\n"
	withProgram(t, "tesseract", fakeTesseract(t, `cat >/dev/null
echo "$*" >> `+calls+`
case "$*" in *"--psm 0"*) echo "Too few characters. Skipping this page"; exit 0;; esac
sleep 1
printf '`+tsv+`'`))
	const page = 2 * time.Second
	res, err := Extract(context.Background(), FormatImage, fixture("page.png"), Limits{Timeout: time.Second, OCRPageTimeout: page})
	if err != nil {
		t.Fatalf("a faint page read four times at half the page limit each: %v", err)
	}
	if !strings.Contains(res.Pages[0], "社区教育工作总结") || res.PageSources[0] != SourceOCRLow {
		t.Errorf("page %q (%s), want the faint reading kept as %s", res.Pages[0], res.PageSources[0], SourceOCRLow)
	}
	log, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(log), "\n"); n != 5 {
		t.Errorf("tesseract ran %d times, want 5 (a reading, OSD, three turned readings):\n%s", n, log)
	}
}
