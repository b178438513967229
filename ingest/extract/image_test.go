package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// TestOCRFixtures reads every scan fixture and checks each page's phrases,
// sources and seals.
func TestOCRFixtures(t *testing.T) {
	needOCR(t)
	tests := []struct {
		file    string
		format  Format
		pages   [][]string // phrases each page must contain
		sources []string
		seals   []int
		begins  string // what page 1 begins with, when it matters
	}{
		{"stamped-scan.pdf", FormatPDF, [][]string{{"杭州市人民政府办公厅关于推进学习型城市建设", "学分银行", "社区教育"}, {"完善保障措施", "杭州市人民政府"}},
			[]string{"ocr", "ocr"}, []int{2}, ""},
		{"mixed.pdf", FormatPDF, [][]string{{"关于开展全民终身学习活动周的通知", "二〇一八年十月十五日"}, {"百姓学习之星", "学习型社区建设情况统计表"}, {}},
			[]string{"text", "ocr", "ocr"}, nil, ""},
		// A phone photo's edges and shadows are not read as text: the
		// page begins with its title, which becomes the document's.
		{"photo.jpg", FormatImage, [][]string{{"成都市社区教育工作情况报告", "学分银行"}}, []string{"ocr"}, nil, "成都市社区教育工作情况报告"},
		{"page.png", FormatImage, [][]string{{"武汉市学习型城市建设监测数据说明", "加盖公章"}}, []string{"ocr"}, nil, ""},
		{"frames.tif", FormatImage, [][]string{{"第一部分", "市民终身学习服务中心"}, {"第二部分", "全民终身学习大讲堂"}, {"第三部分", "社区教育经费"}},
			[]string{"ocr", "ocr", "ocr"}, nil, ""},
		{"masthead.jpg", FormatImage, [][]string{{"杭州市教育局文件", "关于做好社区教育示范街道评估工作的通知"}}, []string{"ocr"}, nil, ""},
		// The same photo as an iPhone (HEIC) and Android or WeChat (WebP)
		// save it.
		{"photo.heic", FormatImage, [][]string{{"成都市社区教育工作情况报告", "学分银行"}}, []string{"ocr"}, nil, "成都市社区教育工作情况报告"},
		{"photo.webp", FormatImage, [][]string{{"成都市社区教育工作情况报告", "学分银行"}}, []string{"ocr"}, nil, "成都市社区教育工作情况报告"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if strings.HasSuffix(tt.file, ".heic") {
				needHeifConvert(t)
			}
			res, err := Extract(context.Background(), tt.format, fixture(tt.file), Limits{})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			if len(res.Pages) != len(tt.pages) {
				t.Fatalf("got %d pages, want %d: %q", len(res.Pages), len(tt.pages), res.Pages)
			}
			for i, phrases := range tt.pages {
				for _, p := range phrases {
					if !strings.Contains(res.Pages[i], p) {
						t.Errorf("page %d lacks %q:\n%s", i+1, p, res.Pages[i])
					}
				}
			}
			if !strings.HasPrefix(res.Pages[0], tt.begins) {
				t.Errorf("page 1 begins %.40q, want %q", res.Pages[0], tt.begins)
			}
			if strings.Join(res.PageSources, ",") != strings.Join(tt.sources, ",") {
				t.Errorf("page sources %q, want %q", res.PageSources, tt.sources)
			}
			if !equalInts(res.SealPages, tt.seals) {
				t.Errorf("seal pages %v, want %v", res.SealPages, tt.seals)
			}
			if res.OCRConfidence == nil || *res.OCRConfidence < 0.6 || *res.OCRConfidence > 1 {
				t.Errorf("OCR confidence %v, want a mean in 0.6–1", res.OCRConfidence)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestOCRNormalized checks that tesseract's spaces between Han characters
// are gone after Normalize.
func TestOCRNormalized(t *testing.T) {
	needOCR(t)
	data, err := os.ReadFile(fixture("page.png"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ocrImage(context.Background(), data, Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(raw.Text, "武 汉 市") {
		t.Logf("tesseract no longer spaces Han characters: %q", raw.Text)
	}
	if n := Normalize(raw.Text); !strings.Contains(n, "武汉市学习型城市建设监测数据说明") {
		t.Errorf("normalised OCR text still has spaces: %q", n)
	}
}

// TestBlankScan: a scan of an empty page (blank-scan.pdf) and a PDF whose
// only image holds no text (scan.pdf, a 64×32 grey stand-in) both fail
// with the blank-scan reason once OCR has looked at them.
func TestBlankScan(t *testing.T) {
	needOCR(t)
	for _, file := range []string{"blank-scan.pdf", "scan.pdf"} {
		_, err := Extract(context.Background(), FormatPDF, fixture(file), Limits{})
		wantError(t, file, err, catalog.EINVALID, "每一页都是空白")
	}
}

func TestOCRProgress(t *testing.T) {
	needOCR(t)
	var calls []string
	lim := Limits{Progress: func(done, total int) { calls = append(calls, strconv.Itoa(done)+"/"+strconv.Itoa(total)) }}
	if _, err := Extract(context.Background(), FormatImage, fixture("frames.tif"), lim); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(calls, " "); got != "0/3 1/3 2/3 3/3" {
		t.Errorf("progress calls %q, want 0/3 1/3 2/3 3/3", got)
	}
}

// TestImageBombs refuses images whose header promises more pixels or
// frames than the limits, before decoding them.
func TestImageBombs(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.png")
	if err := os.WriteFile(bomb, pngClaiming(30000, 30000), 0o644); err != nil {
		t.Fatal(err)
	}
	frames := filepath.Join(dir, "frames.tif")
	// OCR reads the first 500 frames of a long TIFF and leaves the rest
	// out (TestALongTIFFAtTheRealOCRCap): only a chain of directories
	// longer than any scan is refused from its header.
	if err := os.WriteFile(frames, tiffWithFrames(maxTIFFFrames+1), 0o644); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(dir, "IMG_20181023_141500.jpg")
	if err := os.WriteFile(photo, jpegClaiming(t, 12000, 9000), 0o644); err != nil {
		t.Fatal(err)
	}
	withProgram(t, "tesseract", fakeTesseract(t, "exit 0"))
	tests := []struct {
		file, phrase, english string
	}{
		// a phone's 108-megapixel mode: what to do is the camera's default size
		{photo, "照片像素过高(12000×9000 像素,超过 10000 万像素上限);请在手机相机中改用默认的照片尺寸", "take it again at the camera's default size"},
		{bomb, "图片尺寸过大(30000×30000 像素,超过 10000 万像素上限)", "(30000×30000 pixels, over the limit of 100 million pixels)"},
		{frames, "TIFF 文件的页数(帧数)超过 100000 页上限", "more than 100000 pages (frames)"},
	}
	for _, tt := range tests {
		// What was allocated, not how long it took, tells a refusal from
		// the header from one after decoding (a 12000×9000 photo decoded
		// takes over 100 MB): the same on a fast machine as on a loaded one.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Extract(context.Background(), FormatImage, tt.file, Limits{})
		runtime.ReadMemStats(&after)
		wantError(t, filepath.Base(tt.file), err, catalog.ETOOLARGE, tt.phrase)
		wantEnglish(t, filepath.Base(tt.file), err, tt.english)
		if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 32<<20 {
			t.Errorf("%s: refused after allocating %d MB; the check must come before any decoding", filepath.Base(tt.file), allocated>>20)
		}
	}
	// A JPEG that claims no height is damaged, not a photo too large.
	_, err := decodePageImage(jpegClaiming(t, 100, 0))
	wantError(t, "a JPEG of height 0", err, catalog.EINVALID, "图片文件已损坏")
}

// pngClaiming is a 1×1 PNG whose header is patched to claim w×h pixels.
func pngClaiming(w, h uint32) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	data := buf.Bytes()
	ihdr := data[8+8 : 8+8+13] // after the signature and the chunk's length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(data[8+8+13:], crc32.ChecksumIEEE(data[8+4:8+8+13]))
	return data
}

// jpegClaiming is a small JPEG whose frame header is patched to claim w×h
// pixels.
func jpegClaiming(t *testing.T, w, h uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	i := bytes.Index(data, []byte{0xFF, 0xC0}) // baseline frame: length, precision, height, width
	if i < 0 {
		t.Fatal("no SOF0 in the JPEG")
	}
	binary.BigEndian.PutUint16(data[i+5:], h)
	binary.BigEndian.PutUint16(data[i+7:], w)
	return data
}

// tiffWithFrames is a little-endian TIFF of n 1×1 frames sharing one strip.
func tiffWithFrames(n int) []byte {
	const entries = 8
	le := binary.LittleEndian
	data := []byte("II*\x00\x08\x00\x00\x00")
	strip := uint32(8 + n*(2+entries*12+4))
	for i := range n {
		ifd := make([]byte, 2+entries*12+4)
		le.PutUint16(ifd, entries)
		tags := [entries][2]uint32{{256, 1}, {257, 1}, {258, 8}, {259, 1}, {262, 1}, {273, strip}, {278, 1}, {279, 1}}
		for j, tag := range tags {
			e := ifd[2+12*j:]
			le.PutUint16(e, uint16(tag[0]))
			le.PutUint16(e[2:], 4) // LONG
			le.PutUint32(e[4:], 1)
			le.PutUint32(e[8:], tag[1])
		}
		if i < n-1 {
			le.PutUint32(ifd[2+entries*12:], uint32(len(data)+len(ifd)))
		}
		data = append(data, ifd...)
	}
	return append(data, 0xff)
}

func TestTIFFFrames(t *testing.T) {
	offsets, err := tiffFrames(tiffWithFrames(3), 10)
	if err != nil || len(offsets) != 3 {
		t.Fatalf("3 frames: got %v, %v", offsets, err)
	}
	loop := tiffWithFrames(2)
	binary.LittleEndian.PutUint32(loop[8+2+8*12:], 8) // frame 1 points back to itself
	if _, err := tiffFrames(loop, 10); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("looping IFD chain: got %v, want EINVALID", err)
	}
	for i, off := range offsets {
		if _, err := decodePageImage(tiffFrame(tiffWithFrames(3), off)); err != nil {
			t.Errorf("frame %d does not decode: %v", i+1, err)
		}
	}
}

// fakeTesseract writes a shell script that answers --list-langs like a
// tesseract with chi_sim and eng, and otherwise runs body.
func fakeTesseract(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tesseract")
	script := "#!/bin/sh\nPATH=/usr/bin:/bin\nif [ \"$1\" = --list-langs ]; then printf 'List of available languages (2):\\nchi_sim\\neng\\n'; exit 0; fi\n" + body + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTesseractHangKilled points tesseract at a script whose child sleeps:
// the page fails at its time limit and the whole process group is gone.
func TestTesseractHangKilled(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	withProgram(t, "tesseract", fakeTesseract(t, "cat >/dev/null; sleep 3600 & echo $! > "+pidFile+"; wait"))
	start := time.Now()
	_, err := Extract(context.Background(), FormatImage, fixture("page.png"), Limits{OCRPageTimeout: 500 * time.Millisecond})
	wantError(t, "hanging tesseract", err, catalog.EINVALID, "文字识别(OCR)单页超时(超过 500 毫秒)")
	wantEnglish(t, "hanging tesseract", err, "took too long (over 500 ms)")
	// The script's child sleeps an hour: returning within a minute is
	// the page limit's doing, on any machine.
	if d := time.Since(start); d > time.Minute {
		t.Errorf("returned after %v with a 500 ms page limit", d)
	}
	pid := pidOfHangingTool(t, pidFile, 500*time.Millisecond, func(limit time.Duration) error {
		_, err := Extract(context.Background(), FormatImage, fixture("page.png"), Limits{OCRPageTimeout: limit})
		return err
	})
	waitGone(t, pid, "the sleeping child of the fake tesseract")
}

// alive reports a process that exists and is not a zombie.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}

func TestMissingReaders(t *testing.T) {
	t.Run("image without tesseract", func(t *testing.T) {
		withProgram(t, "tesseract", "")
		_, err := Extract(context.Background(), FormatImage, fixture("page.png"), Limits{})
		wantError(t, "no tesseract", err, catalog.EUNSUPPORTED, "tesseract-ocr、tesseract-ocr-chi-sim")
		wantEnglish(t, "no tesseract", err, "The server lacks the OCR program tesseract, so the text in this file cannot be recognised; ask the administrator to install the Debian packages tesseract-ocr, tesseract-ocr-chi-sim")
	})
	t.Run("tesseract without chi_sim", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tesseract")
		os.WriteFile(path, []byte("#!/bin/sh\nprintf 'List of available languages (1):\\neng\\n'\n"), 0o755)
		withProgram(t, "tesseract", path)
		_, err := Extract(context.Background(), FormatImage, fixture("page.png"), Limits{})
		wantError(t, "no chi_sim", err, catalog.EUNSUPPORTED, "中文识别语言包 chi_sim")
		wantEnglish(t, "no chi_sim", err, "the Chinese language data of tesseract (chi_sim)")
	})
	t.Run("scanned PDF without pdftoppm", func(t *testing.T) {
		withoutOCR(t)
		_, err := Extract(context.Background(), FormatPDF, fixture("stamped-scan.pdf"), Limits{})
		wantError(t, "no pdftoppm", err, catalog.EUNSUPPORTED, "poppler-utils")
		wantEnglish(t, "no pdftoppm", err, "poppler-utils, tesseract-ocr, tesseract-ocr-chi-sim")
	})
	t.Run("mixed PDF without OCR keeps its text page", func(t *testing.T) {
		needPdftotext(t) // ledongthuc/pdf finds no pages in pdfunite's output
		withoutOCR(t)
		res, err := Extract(context.Background(), FormatPDF, fixture("mixed.pdf"), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.Pages[0], "全民终身学习活动周") || res.PageSources != nil {
			t.Errorf("page 1 %q, sources %q", res.Pages[0], res.PageSources)
		}
	})
	t.Run("Readers", func(t *testing.T) {
		withProgram(t, "tesseract", "")
		readers := Readers(context.Background())
		if len(readers) < 3 {
			t.Fatalf("got %d readers, want tesseract, pdftoppm, pdftotext at least", len(readers))
		}
		var tess *Reader
		for i := range readers {
			if strings.HasPrefix(readers[i].Name, "tesseract") {
				tess = &readers[i]
			}
		}
		if tess == nil || tess.Available || !strings.Contains(tess.Package, "tesseract-ocr-chi-sim") {
			t.Errorf("tesseract reported %+v among %+v", tess, readers)
		}
	})
}

// TestSealShapes checks the seal test on the red parts of real pages: the
// stamped page has one seal, the 红头文件's masthead, red rule and red title
// are not seals.
func TestSealShapes(t *testing.T) {
	for _, tt := range []struct {
		file  string
		seals int
	}{
		{"masthead.jpg", 0},
		{"photo.jpg", 0},
	} {
		data, err := os.ReadFile(fixture(tt.file))
		if err != nil {
			t.Fatal(err)
		}
		img, err := decodePageImage(data)
		if err != nil {
			t.Fatal(err)
		}
		if got := prepareForOCR(img, true).seals; len(got) != tt.seals {
			t.Errorf("%s: %d seals at %v, want %d", tt.file, len(got), got, tt.seals)
		}
	}
	needOCR(t)
	for page, want := range []int{0, 1} {
		data, err := renderPDFPage(context.Background(), lookProgram("pdftoppm"), fixture("stamped-scan.pdf"), page+1, renderLongSide, Limits{}.withDefaults())
		if err != nil || data == nil {
			t.Fatalf("render page %d: %v", page+1, err)
		}
		img, err := decodePageImage(data)
		if err != nil {
			t.Fatal(err)
		}
		if got := prepareForOCR(img, true).seals; len(got) != want {
			t.Errorf("stamped-scan.pdf page %d: %d seals at %v, want %d", page+1, len(got), got, want)
		}
	}
}

// TestBlurredPhotoIsKeptButMarked reads a phone photo blurred past reading
// (tesseract's mean confidence about 0.2, mostly Latin letters and signs):
// the text is kept, as some words may be right, and the page is marked
// SourceOCRLow so that it fills no field, gives no near-duplicate bands
// and the coordinator is asked for a better photo.
func TestBlurredPhotoIsKeptButMarked(t *testing.T) {
	needOCR(t)
	res, err := Extract(context.Background(), FormatImage, fixture("blurred.jpg"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages[0] == "" {
		t.Error("the blurred photo's text was dropped; it should be kept")
	}
	if got := res.PageSources; len(got) != 1 || got[0] != SourceOCRLow {
		t.Errorf("page sources %q, want [%s]", got, SourceOCRLow)
	}
	if c := res.OCRConfidence; c == nil || *c >= catalog.LowOCRConfidence {
		t.Errorf("confidence %v, want under %.2f", c, catalog.LowOCRConfidence)
	}
}

func TestOCRSource(t *testing.T) {
	for _, tc := range []struct {
		text string
		conf float64
		want string
	}{
		{"成都市社区教育工作情况报告", 0.88, SourceOCR},
		{"成都市社区教育工作情况报告", 0.63, SourceOCR},
		{"MEGHAN NMA 7 Pee Rn THD", 0.19, SourceOCRLow},
		{"", 0, SourceOCR}, // a blank page has no confidence to judge
	} {
		if got := ocrSource(tc.text, tc.conf); got != tc.want {
			t.Errorf("ocrSource(%q, %.2f) = %s, want %s", tc.text, tc.conf, got, tc.want)
		}
	}
}

// TestPDFWithNothingToReadIsNotABlankScan: a PDF whose page draws neither
// text nor an image (as crafted files are) is not called a blank scan to
// be scanned again: it holds nothing to read.
func TestPDFWithNothingToReadIsNotABlankScan(t *testing.T) {
	needOCR(t)
	path := writeTemp(t, "空白页.pdf", testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", testpdf.Deflated([]byte("q Q"))))
	_, err := Extract(context.Background(), FormatPDF, path, Limits{})
	wantError(t, "空白页.pdf", err, catalog.EINVALID, "没有可读取的文字或图像")
	if strings.Contains(catalog.ErrorMessage(err), "重新扫描") {
		t.Errorf("a PDF without images is asked to be scanned again: %v", err)
	}
}

// TestAScanTheLibraryCannotReadIsABlankScan: when the Go reader could not
// read the PDF, it is not known to draw no image, so a scan it cannot
// parse that OCR reads as blank keeps the blank-scan advice; only a PDF it
// read without an image has nothing to read.
func TestAScanTheLibraryCannotReadIsABlankScan(t *testing.T) {
	unread := pdfText{images: []bool{false}, err: errors.New("malformed xref table")}
	if msg := catalog.ErrorMessage(nothingReadReason(unread, false, false)); !strings.Contains(msg, "重新扫描") {
		t.Errorf("a PDF the library could not read: %s, want the blank-scan advice", msg)
	}
	read := pdfText{images: []bool{false, false}}
	if msg := catalog.ErrorMessage(nothingReadReason(read, false, false)); !strings.Contains(msg, "没有可读取的文字或图像") {
		t.Errorf("a PDF read without images: %s", msg)
	}
	scan := pdfText{images: []bool{true}, failed: []bool{false}}
	if msg := catalog.ErrorMessage(nothingReadReason(scan, false, false)); !strings.Contains(msg, "重新扫描") {
		t.Errorf("a blank scan: %s", msg)
	}
}

// TestAPDFWhoseContentCannotBeReadIsNotABlankScan: pages that all failed
// in the library are broken content, not a blank scan: the reason asks
// for the PDF to be exported again, not for paper to be scanned again.
func TestAPDFWhoseContentCannotBeReadIsNotABlankScan(t *testing.T) {
	everyPageFailed := pdfText{images: []bool{true, true}, failed: []bool{true, true}}
	msg := catalog.ErrorMessage(nothingReadReason(everyPageFailed, false, false))
	if strings.Contains(msg, "重新扫描") || !strings.Contains(msg, "重新导出 PDF") {
		t.Errorf("every page failed: got %q, want the export-again advice", msg)
	}
	onePageFailed := pdfText{images: []bool{true, true}, failed: []bool{true, false}}
	if msg := catalog.ErrorMessage(nothingReadReason(onePageFailed, false, false)); !strings.Contains(msg, "重新扫描") {
		t.Errorf("a scan with one page the library could not read: %s, want the blank-scan advice", msg)
	}
}

// TestALibraryOutOfItsTimeIsNoVerdictOnTheFile (review s41 #8): the
// library running out of its time on a loaded server says nothing about
// the file. A PDF in which poppler lists an image is a blank scan; one
// without is told as timed out, a reason whose cause is the server's, so
// that it is offered for reading again rather than called malformed.
func TestALibraryOutOfItsTimeIsNoVerdictOnTheFile(t *testing.T) {
	timedOut := fmt.Errorf("pdf library: %w", context.DeadlineExceeded)
	scan := pdfText{err: timedOut, listedImages: true}
	if msg := catalog.ErrorMessage(nothingReadReason(scan, false, false)); !strings.Contains(msg, "重新扫描") {
		t.Errorf("a scan the library timed out on: %s, want the blank-scan advice", msg)
	}
	unknown := pdfText{err: timedOut}
	err := nothingReadReason(unknown, false, false)
	msg := catalog.ErrorMessage(err)
	if strings.Contains(msg, "结构异常或过于复杂") || strings.Contains(msg, "重新扫描") || !strings.Contains(msg, "超时") {
		t.Errorf("a PDF the library timed out on, no image listed: %s, want the timed-out reason", msg)
	}
	if cause := CauseOf(msg); cause != CauseServer {
		t.Errorf("the timed-out reason %q: cause %q, want %q (read again later)", msg, cause, CauseServer)
	}
	wantEnglish(t, "timed out", err, "timed out")
}

// TestABlankScanReadOutOfTheLibrarysTimeIsABlankScan (review s41 #8): the
// blank scan read with the library's share of the time made tiny, as on a
// loaded server, goes through pdftotext and OCR and is a blank scan, not
// a PDF of malformed content.
func TestABlankScanReadOutOfTheLibrarysTimeIsABlankScan(t *testing.T) {
	needOCR(t)
	needPdftotext(t)
	share := pdfLibraryShare
	pdfLibraryShare = func(time.Duration) time.Duration { return time.Nanosecond }
	t.Cleanup(func() { pdfLibraryShare = share })
	_, err := Extract(context.Background(), FormatPDF, fixture("blank-scan.pdf"), Limits{})
	if msg := catalog.ErrorMessage(err); strings.Contains(msg, "结构异常") {
		t.Fatalf("a blank scan the library timed out on: %q, called malformed", msg)
	}
	wantError(t, "blank-scan.pdf", err, catalog.EINVALID, "每一页都是空白")
}
