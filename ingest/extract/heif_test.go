package extract

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// needHeifConvert skips without libheif-examples, and fails under CI=true.
func needHeifConvert(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("heif-convert"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("heif-convert is not installed, but CI=true requires it: apt-get install libheif-examples")
		}
		t.Skip("heif-convert is not installed (apt-get install libheif-examples)")
	}
}

// TestPhonePhotoFormatsAreTaken: an iPhone's HEIC and an Android or WeChat
// WebP are images the archive reads, under their own names or a .jpg one.
func TestPhonePhotoFormatsAreTaken(t *testing.T) {
	for _, tt := range []struct{ file, name, mime string }{
		{"photo.heic", "IMG_0001.HEIC", MIMEHEIC},
		{"photo.heic", "IMG_0001.jpg", MIMEHEIC},
		{"photo.webp", "微信图片_20181203.webp", MIMEWEBP},
	} {
		data, err := os.ReadFile(fixture(tt.file))
		if err != nil {
			t.Fatal(err)
		}
		format, mime, err := Sniff(data[:min(len(data), SniffLen)], tt.name)
		if err != nil || format != FormatImage || mime != tt.mime {
			t.Errorf("%s as %s: %s, %s, %v; want an image of %s", tt.file, tt.name, format, mime, err, tt.mime)
		}
	}
}

// TestHEICWithoutHeifConvert: a HEIC photo on a machine without
// heif-convert fails with a reason that names the package to install, not
// as a damaged file.
func TestHEICWithoutHeifConvert(t *testing.T) {
	withProgram(t, "heif-convert", "")
	_, err := Extract(context.Background(), FormatImage, fixture("photo.heic"), Limits{})
	if catalog.ErrorCode(err) != catalog.EUNSUPPORTED || !strings.Contains(catalog.ErrorMessage(err), "libheif-examples") {
		t.Fatalf("err = %v, want EUNSUPPORTED naming libheif-examples", err)
	}
	var e *catalog.Error
	if !errors.As(err, &e) || !strings.Contains(e.English, "libheif-examples") {
		t.Errorf("no English naming the package: %#v", err)
	}
	if CanThumbnail(MIMEHEIC) {
		t.Error("HEIC thumbnails offered without heif-convert")
	}
}

// TestHEICThatIsNotAPicture: bytes that claim to be HEIF but are not are
// a damaged image, said so, not a crash or a hang.
func TestHEICThatIsNotAPicture(t *testing.T) {
	needHeifConvert(t)
	data, err := os.ReadFile(fixture("photo.heic"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cut.heic")
	if err := os.WriteFile(path, data[:400], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Extract(context.Background(), FormatImage, path, Limits{})
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "图片文件已损坏") {
		t.Fatalf("err = %v, want the damaged-image message", err)
	}
}

func TestPhonePhotoThumbnails(t *testing.T) {
	needHeifConvert(t)
	for _, tt := range []struct{ file, mime string }{{"photo.heic", MIMEHEIC}, {"photo.webp", MIMEWEBP}} {
		out, err := Thumbnail(t.Context(), fixture(tt.file), tt.mime, 1, 200, 10*time.Second)
		if err != nil {
			t.Fatalf("thumbnail of %s: %v", tt.file, err)
		}
		img, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		// photo.jpg is portrait, 1241×1754.
		if b := img.Bounds(); b.Dy() != 200 || b.Dx() < 130 || b.Dx() > 150 {
			t.Errorf("thumbnail of %s is %d×%d, want a portrait page 200 high", tt.file, b.Dx(), b.Dy())
		}
	}
}

// TestHEIFSequenceRefused: a HEIF image sequence (an iPhone's live photo
// or burst, an Android motion picture) is not a photo: refused on
// arrival, saying what it is and what to do, not stored to fail later as
// a damaged picture.
func TestHEIFSequenceRefused(t *testing.T) {
	data, err := os.ReadFile(fixture("photo.heic"))
	if err != nil {
		t.Fatal(err)
	}
	for _, brand := range []string{"msf1", "hevc", "avis"} {
		seq := append([]byte{}, data[:SniffLen]...)
		copy(seq[8:12], brand)
		_, _, err := Sniff(seq, "IMG_0007.HEIC")
		if catalog.ErrorCode(err) != catalog.EUNSUPPORTED || !strings.Contains(catalog.ErrorMessage(err), "HEIF 图像序列（手机的实况照片") {
			t.Errorf("brand %s: %v; want EUNSUPPORTED saying it is an image sequence", brand, err)
		}
		var e *catalog.Error
		if !errors.As(err, &e) || !strings.Contains(e.English, "image sequence") {
			t.Errorf("brand %s: no English: %#v", brand, err)
		}
	}
	if _, mime, err := Sniff(data[:SniffLen], "IMG_0008.HEIC"); err != nil || mime != MIMEHEIC {
		t.Errorf("a HEIC photo: %s, %v; want it taken", mime, err)
	}
}

// TestHEIFConvertAtItsLimits: heif-convert stopped at its memory limit
// fails as too complex, as every reader that ran out does, not as a
// damaged photo; stopped by its CPU limit (libheif decodes with several
// threads) it fails as its deadline does.
func TestHEIFConvertAtItsLimits(t *testing.T) {
	path := writeTemp(t, "春季运动会.heic", []byte("ftypheic"))
	withProgram(t, "heif-convert", fakeTool(t, "echo 'Could not decode image: Memory allocation error: Cannot allocate memory' >&2\nexit 1"))
	_, err := HEIFToJPEG(t.Context(), path, time.Minute, 1<<20)
	if !errors.Is(err, errHelperMemory) || !strings.Contains(catalog.ErrorMessage(err), "文件结构异常复杂") {
		t.Errorf("out of memory: got %v, want the memory reason", err)
	}
	withProgram(t, "heif-convert", fakeTool(t, "kill -XCPU $$"))
	_, err = HEIFToJPEG(t.Context(), path, time.Minute, 1<<20)
	if !errors.Is(err, ErrConvertTimeout) {
		t.Errorf("over its CPU time: got %v, want the timeout reason", err)
	}
}
