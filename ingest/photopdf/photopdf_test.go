package photopdf

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/exif"
)

// needPoppler skips without poppler-utils, and fails under CI=true.
func needPoppler(t *testing.T) {
	t.Helper()
	for _, p := range []string{"pdfinfo", "pdfimages", "pdftoppm"} {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed, but CI=true requires it: apt-get install poppler-utils", p)
			}
			t.Skipf("%s is not installed (apt-get install poppler-utils)", p)
		}
	}
}

func photo(name string, data []byte) Photo {
	return Photo{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// sheet is a w×h picture: paper with a dark band at the top, so that a
// page's orientation shows in its rendering.
func sheet(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{240, 236, 220, 255}
			if y < h/8 {
				c = color.RGBA{20, 20, 20, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestPhotosBecomeOnePageEach writes a JPEG page, a grey JPEG, a JPEG
// stored sideways with the EXIF tag a phone writes, and a PNG with
// transparency, then asks poppler what it finds: four pages in order, the
// JPEGs' bytes exactly as sent, the sideways photo turned upright.
func TestPhotosBecomeOnePageEach(t *testing.T) {
	needPoppler(t)
	colour := encodeJPEG(t, sheet(300, 420))
	grey := image.NewGray(image.Rect(0, 0, 210, 297))
	for i := range grey.Pix {
		grey.Pix[i] = 200
	}
	greyJPEG := encodeJPEG(t, grey)
	// Stored as the sensor had it: landscape rows, the band on the left;
	// EXIF 6 says to turn it clockwise, which brings the band to the top.
	sideways := image.NewRGBA(image.Rect(0, 0, 420, 300))
	up := sheet(300, 420)
	for y := range 420 {
		for x := range 300 {
			sideways.Set(y, 299-x, up.At(x, y))
		}
	}
	turned := exif.WithOrientation(encodeJPEG(t, sideways), 6, "MM")
	clear := image.NewNRGBA(image.Rect(0, 0, 100, 140))
	clear.Set(10, 10, color.NRGBA{0, 0, 0, 255})
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, clear); err != nil {
		t.Fatal(err)
	}
	photos := []Photo{photo("第1页.jpg", colour), photo("第2页.jpg", greyJPEG), photo("第3页.jpg", turned), photo("第4页.png", pngBuf.Bytes())}
	var out bytes.Buffer
	if err := Write(&out, photos, Options{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "joined.pdf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	info := run(t, "pdfinfo", "-f", "1", "-l", "4", path)
	if !regexp.MustCompile(`(?m)^Pages:\s+4$`).MatchString(info) {
		t.Fatalf("pdfinfo does not count 4 pages:\n%s", info)
	}
	for page, rot := range map[string]string{"1": "0", "2": "0", "3": "90", "4": "0"} {
		if !regexp.MustCompile(`(?m)^Page\s+` + page + ` rot:\s+` + rot + `$`).MatchString(info) {
			t.Errorf("page %s not rotated %s:\n%s", page, rot, info)
		}
	}
	if strings.Contains(info, "Syntax Error") || strings.Contains(info, "Syntax Warning") {
		t.Errorf("poppler finds the PDF malformed:\n%s", info)
	}
	// The JPEGs come out of the PDF byte for byte.
	run(t, "pdfimages", "-j", path, filepath.Join(dir, "img"))
	for i, want := range [][]byte{colour, greyJPEG, turned} {
		got, err := os.ReadFile(filepath.Join(dir, "img-00"+string(rune('0'+i))+".jpg"))
		if err != nil {
			t.Fatalf("page %d's JPEG: %v", i+1, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("page %d's JPEG changed in the PDF: %d bytes, sent %d", i+1, len(got), len(want))
		}
	}
	list := run(t, "pdfimages", "-list", path)
	if n := strings.Count(list, " jpeg "); n != 3 {
		t.Errorf("%d JPEG images, want 3:\n%s", n, list)
	}
	// The sideways photo renders upright: portrait, dark band on top.
	run(t, "pdftoppm", "-f", "3", "-l", "3", "-scale-to", "140", "-gray", path, filepath.Join(dir, "p"))
	matches, _ := filepath.Glob(filepath.Join(dir, "p-*3.pgm"))
	if len(matches) != 1 {
		t.Fatalf("no rendering of page 3 in %s", dir)
	}
	f, err := os.Open(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := decodePGM(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() >= b.Dy() {
		t.Fatalf("page 3 renders %d×%d, want portrait", b.Dx(), b.Dy())
	}
	if top, bottom := img.GrayAt(b.Dx()/2, 2).Y, img.GrayAt(b.Dx()/2, b.Dy()-3).Y; top > 100 || bottom < 150 {
		t.Errorf("page 3's band is not on top: top %d, bottom %d", top, bottom)
	}
}

// decodePGM reads pdftoppm's binary grey output (P5, 8 bits).
func decodePGM(r io.Reader) (*image.Gray, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	fields := regexp.MustCompile(`^P5\s+(\d+)\s+(\d+)\s+255\s`).FindSubmatch(data)
	if fields == nil {
		return nil, errors.New("not an 8-bit PGM")
	}
	var w, h int
	for _, c := range fields[1] {
		w = w*10 + int(c-'0')
	}
	for _, c := range fields[2] {
		h = h*10 + int(c-'0')
	}
	pix := data[len(fields[0]):]
	if len(pix) < w*h {
		return nil, errors.New("PGM cut short")
	}
	return &image.Gray{Pix: pix[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}, nil
}

// TestSamePhotosSameBytes: the PDF depends only on the photos and their
// order, so sending the same photos again finds the stored duplicate.
func TestSamePhotosSameBytes(t *testing.T) {
	a, b := encodeJPEG(t, sheet(60, 80)), encodeJPEG(t, sheet(80, 60))
	write := func(ps ...Photo) []byte {
		var out bytes.Buffer
		if err := Write(&out, ps, Options{}); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	first := write(photo("a.jpg", a), photo("b.jpg", b))
	if again := write(photo("甲.jpg", a), photo("乙.jpg", b)); !bytes.Equal(first, again) {
		t.Error("the same photos in the same order made different PDFs")
	}
	if swapped := write(photo("b.jpg", b), photo("a.jpg", a)); bytes.Equal(first, swapped) {
		t.Error("the order of the pages is not in the PDF")
	}
}

func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPhotosThatCannotBePages names the photo at fault and why.
func TestPhotosThatCannotBePages(t *testing.T) {
	good := encodeJPEG(t, sheet(40, 50))
	tests := []struct {
		name   string
		bad    []byte
		opt    Options
		reason error
	}{
		{"文本文件", []byte("这不是照片"), Options{}, ErrNotPhoto},
		{"截断的 JPEG 头", good[:20], Options{}, ErrCorrupt},
		{"TIFF", []byte("II*\x00\x08\x00\x00\x00"), Options{}, ErrNotPhoto},
		{"像素过多", good, Options{MaxPixels: 40*50 - 1}, ErrTooManyPixels},
		{"要解码的 PNG 占内存过多", pngOf(t, sheet(40, 50)), Options{MaxDecodedBytes: 4*40*50 - 1}, ErrTooManyPixels},
		{"16 位 PNG 每像素 8 字节", pngOf(t, image.NewNRGBA64(image.Rect(0, 0, 40, 50))), Options{MaxDecodedBytes: 8*40*50 - 1}, ErrTooManyPixels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := Write(&out, []Photo{photo("好.jpg", encodeJPEG(t, sheet(10, 10))), photo("坏.jpg", tt.bad)}, tt.opt)
			var pe *PhotoError
			if !errors.As(err, &pe) || pe.Index != 1 || pe.Name != "坏.jpg" || !errors.Is(err, tt.reason) {
				t.Fatalf("err = %v, want the second photo refused with %v", err, tt.reason)
			}
			if out.Len() != 0 {
				t.Errorf("%d bytes written before the refusal", out.Len())
			}
		})
	}
}

// generic hides an image's type, so that fillRow reads it through At.
type generic struct{ image.Image }

// TestRowsOnWhite: the direct reading of the common kinds gives the same
// bytes as the generic one, transparency laid on white.
func TestRowsOnWhite(t *testing.T) {
	nrgba := image.NewNRGBA(image.Rect(0, 0, 4, 1))
	rgba := image.NewRGBA(image.Rect(0, 0, 4, 1))
	gray := image.NewGray(image.Rect(0, 0, 4, 1))
	for x, c := range []color.NRGBA{{0, 0, 0, 0}, {0, 0, 0, 255}, {200, 100, 50, 128}, {10, 20, 30, 255}} {
		nrgba.SetNRGBA(x, 0, c)
		rgba.Set(x, 0, c)
		gray.Set(x, 0, c)
	}
	for _, tt := range []struct {
		name string
		img  image.Image
		gray bool
	}{{"NRGBA", nrgba, false}, {"RGBA", rgba, false}, {"Gray", gray, true}} {
		n := 3
		if tt.gray {
			n = 1
		}
		fast, slow := make([]byte, 4*n), make([]byte, 4*n)
		fillRow(fast, tt.img, 0, tt.gray)
		fillRow(slow, generic{tt.img}, 0, tt.gray)
		for i := range fast {
			if d := int(fast[i]) - int(slow[i]); d < -1 || d > 1 {
				t.Errorf("%s: byte %d is %d read directly, %d through At", tt.name, i, fast[i], slow[i])
			}
		}
		if !tt.gray && (fast[0] != 255 || fast[3] != 0) {
			t.Errorf("%s: a transparent pixel is %d (want white), an opaque black one %d", tt.name, fast[0], fast[3])
		}
	}
}
