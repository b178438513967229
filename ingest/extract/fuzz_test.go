package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"flag"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/exif"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// The fuzz targets, one per family of readers. `make fuzz` runs each for
// FUZZTIME; `go test` runs their seeds — the fixtures in testdata and the
// crafted files of issue 15 — as ordinary tests. Each input is read in this
// process (no sandbox) under small limits, and must end without a panic,
// within its time limit, with no PDF library goroutine left running, and
// either with normalised pages or with an error a user can read (a
// *catalog.Error, or ErrNeedsOCR). A crasher the fuzzer finds lands in
// testdata/fuzz/<Target>/ and stays there as a regression seed.

// fuzzLimits keeps every input quick: a 100-page or 100 MiB input is no
// better at finding bugs than a small one.
var fuzzLimits = Limits{
	Timeout:      2 * time.Second,
	MaxTextBytes: 1 << 20,
	MaxUnzipped:  4 << 20,
	MaxOCRPages:  4,
	DeferOCR:     true, // OCR runs tesseract: slow, and not our code
}

// fuzzGrace is how long an extractor may overrun its deadline before the
// input counts as a hang: 5 s while fuzzing (`make fuzz` on a machine of
// its own, where a hang must be told among thousands of inputs a second),
// a minute for the seeds `go test` runs, which a loaded machine reads
// many times slower and a hang still never passes.
func fuzzGrace() time.Duration {
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
		return 5 * time.Second
	}
	return time.Minute
}

// fuzzFile writes data to a new file named by pattern in the system's
// temporary folder and returns its path, for the caller to remove: one
// file per input, as t.TempDir would make and remove a folder for each of
// thousands of inputs.
func fuzzFile(t *testing.T, pattern string, data []byte) string {
	t.Helper()
	file, err := os.CreateTemp("", pattern)
	if err != nil {
		t.Fatal(err)
	}
	_, err = file.Write(data)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file.Name())
		t.Fatal(err)
	}
	return file.Name()
}

// fuzzRead writes data to a file and reads it as format, checking what
// every extractor promises.
func fuzzRead(t *testing.T, format Format, data []byte) {
	path := fuzzFile(t, "fuzz-extract-*", data)
	defer os.Remove(path)
	lim := fuzzLimits.withDefaults()
	ctx, cancel := context.WithTimeout(context.Background(), lim.Timeout)
	defer cancel()
	type outcome struct {
		res *Result
		err error
	}
	done := make(chan outcome, 1)
	before := pdfLibraryRuns.Load()
	// Not runGuarded: it recovers panics, and the fuzzer must see them.
	go func() {
		res, err := extractors[format](ctx, path, lim)
		if err == nil && res != nil {
			err = finish(res, format, lim)
		}
		done <- outcome{res, err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(lim.Timeout + fuzzGrace()):
		t.Fatalf("%s reader still busy %s after its %s limit", format, fuzzGrace(), lim.Timeout)
	}
	checkOutcome(t, format, o.res, o.err, ctx.Err() != nil)
	waitPDFLibrary(t, before)
}

func checkOutcome(t *testing.T, format Format, res *Result, err error, timedOut bool) {
	t.Helper()
	if err != nil {
		if errors.Is(err, ErrNeedsOCR) || timedOut && isContextError(err) {
			return
		}
		if catalog.ErrorCode(err) == catalog.EINTERNAL {
			t.Fatalf("%s: error without a message for the user: %v", format, err)
		}
		return
	}
	if res == nil || len(res.Pages) == 0 {
		t.Fatalf("%s: no error and no pages: %+v", format, res)
	}
	total := 0
	for i, p := range res.Pages {
		if strings.ContainsRune(p, '\f') {
			t.Fatalf("%s: page %d holds a form feed", format, i+1)
		}
		total += len(p)
	}
	if int64(total) > fuzzLimits.MaxTextBytes {
		t.Fatalf("%s: %d bytes of text past the %d limit", format, total, fuzzLimits.MaxTextBytes)
	}
}

// waitPDFLibrary fails the input when the PDF library is still running
// fuzzGrace after the reader returned: in the server the sandbox would
// kill it, in process it would spin on.
func waitPDFLibrary(t *testing.T, before int64) {
	t.Helper()
	deadline := time.Now().Add(fuzzGrace())
	for pdfLibraryRuns.Load() > before {
		if time.Now().After(deadline) {
			t.Fatalf("the PDF library is still running %s after the reader returned", fuzzGrace())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// addFixtures adds every file of testdata with one of these extensions.
func addFixtures(f *testing.F, add func(name string, data []byte), exts ...string) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		for _, ext := range exts {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ext) {
				data, err := os.ReadFile(fixture(e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				add(e.Name(), data)
			}
		}
	}
}

// zipOf is a zip of the given members.
func zipOf(members ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(members); i += 2 {
		w, _ := zw.Create(members[i])
		w.Write([]byte(members[i+1]))
	}
	zw.Close()
	return buf.Bytes()
}

func FuzzPDF(f *testing.F) {
	addFixtures(f, func(_ string, b []byte) { f.Add(b) }, ".pdf")
	catalogObj := "<< /Type /Catalog /Pages 2 0 R >>"
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
	// The crafted files of issue 15, scaled to the fuzz limits.
	f.Add(testpdf.Build(catalogObj, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", page, "<< /Length 0 >>\nstream\n\nendstream"))
	f.Add(testpdf.Build(catalogObj, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, testpdf.Deflated(bytes.Repeat([]byte("["), 200_000))))
	f.Add(testpdf.Build(catalogObj, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
		testpdf.Deflated(bytes.Repeat([]byte("BT (credit bank) Tj ET\n"), 200_000))))
	f.Add(testpdf.Build(catalogObj, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
		testpdf.Deflated(append(bytes.Repeat([]byte("q "), 500_000), "BT (credit bank) Tj ET"...))))
	// Forms (pdfpaint.go): one that draws itself, two that draw each other
	// 200,000 times a level, outlined text in a form.
	f.Add(formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(30)+"/Fm1 Do", "<< /XObject << /Fm1 5 0 R >> >>")))
	f.Add(formPDF("/Fm1 Do", "/Fm1 5 0 R",
		form(strings.Repeat("/Fm2 Do ", 200_000), "<< /XObject << /Fm2 6 0 R >> >>"),
		form(strings.Repeat("/Fm1 Do /Fm3 Do ", 100_000), "<< /XObject << /Fm1 5 0 R /Fm3 7 0 R >> >>"),
		form(glyphs(1), "")))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, FormatPDF, data) })
}

// zipFormats are the readers of zip containers of XML.
var zipFormats = []Format{FormatDOCX, FormatODT, FormatXLSX, FormatPPTX}

func FuzzZipFormats(f *testing.F) {
	for i, ext := range []string{".docx", ".odt", ".xlsx", ".pptx"} {
		addFixtures(f, func(_ string, b []byte) { f.Add(b, uint8(i)) }, ext)
	}
	// Deeply nested paragraphs, a member that inflates past MaxUnzipped.
	f.Add(zipOf("word/document.xml", document(strings.Repeat("<w:p>", 100_000))), uint8(0))
	f.Add(zipOf("word/document.xml", bombBody(5<<20)), uint8(0))
	f.Add(zipOf("content.xml", "<office:document-content>"+strings.Repeat("<text:p>", 100_000)), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		fuzzRead(t, zipFormats[int(which)%len(zipFormats)], data)
	})
}

func FuzzOFD(f *testing.F) {
	addFixtures(f, func(_ string, b []byte) { f.Add(b) }, ".ofd")
	f.Add(zipOf("OFD.xml", `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml", `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Doc_0/Document.xml"/></ofd:Pages></ofd:Document>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, FormatOFD, data) })
}

// textFormats are the readers that decode text: encodings, tables, markup.
var textFormats = []Format{FormatTXT, FormatCSV, FormatHTML}

func FuzzText(f *testing.F) {
	for i, ext := range []string{".txt", ".csv", ".html"} {
		addFixtures(f, func(_ string, b []byte) { f.Add(b, uint8(i)) }, ext)
	}
	f.Add([]byte("\xfe\xff\x00a\x00b"), uint8(0))                    // UTF-16BE with a BOM
	f.Add([]byte("a,\"b\nc\",d\r\n\"unterminated"), uint8(1))        // a quoted field across lines, cut off
	f.Add([]byte(strings.Repeat("<div>", 100_000)+"学分银行"), uint8(2)) // nesting
	// Word's 单个文件网页 (MHT), as saved and renamed .doc: the HTML reader's
	// MIME path, quoted-printable GBK and base64 UTF-8.
	mhtPage := `<html><head><meta charset="utf-8"></head><body><p>关于推进学分银行建设的通知</p></body></html>`
	f.Add(wordMHT(f, mhtPage, false), uint8(2))
	f.Add(wordMHT(f, mhtPage, true), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		fuzzRead(t, textFormats[int(which)%len(textFormats)], data)
	})
}

func FuzzRTF(f *testing.F) {
	addFixtures(f, func(_ string, b []byte) { f.Add(b) }, ".rtf", "rtf-named.doc")
	f.Add([]byte(`{\rtf1\ansi\ansicpg936` + strings.Repeat("{", 100_000) + `\'d1\'a7}`))
	f.Add([]byte(`{\rtf1\u23398?\u20064?\bin999999999 x}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, FormatRTF, data) })
}

// oleFormats are the readers of OLE compound files (Word and Excel 97–2003).
var oleFormats = []Format{FormatDOC, FormatXLS}

func FuzzOLE(f *testing.F) {
	for i, exts := range [][]string{{"report.doc", ".wps", "encrypted-word97.doc"}, {".xls"}} {
		addFixtures(f, func(_ string, b []byte) { f.Add(b, uint8(i)) }, exts...)
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		fuzzRead(t, oleFormats[int(which)%len(oleFormats)], data)
	})
}

// FuzzImage covers what is read of an image before OCR: the TIFF frame
// walk, the header check and the decoding with the seal search. OCR itself
// is tesseract's.
func FuzzImage(f *testing.F) {
	addFixtures(f, func(_ string, b []byte) { f.Add(b) }, ".jpg", ".png", ".tif")
	// A TIFF whose frame list loops back to its first frame.
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x00\x00\x08\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, FormatImage, data)
		frames := [][]byte{data}
		if bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")) {
			offsets, err := tiffFrames(data, fuzzLimits.MaxOCRPages)
			if err != nil {
				checkOutcome(t, FormatImage, nil, err, false)
				return
			}
			frames = frames[:0]
			for _, off := range offsets {
				frames = append(frames, tiffFrame(data, off))
			}
		}
		for _, frame := range frames {
			// Small images only: a valid header of a huge one is allowed
			// (checkImageSize bounds it), but decoding it here is slow.
			if cfg, _, err := image.DecodeConfig(bytes.NewReader(frame)); err == nil && cfg.Width*cfg.Height > 1<<20 {
				continue
			}
			img, err := decodePageImage(frame)
			if err != nil {
				checkOutcome(t, FormatImage, nil, err, false)
				continue
			}
			in := prepareForOCR(img, true)
			if o := exif.Orientation(frame); o < 1 || o > 8 {
				t.Fatalf("EXIF orientation %d out of 1–8", o)
			} else if g := orientGray(in.gray, o); g.Rect.Dx()*g.Rect.Dy() != in.gray.Rect.Dx()*in.gray.Rect.Dy() {
				t.Fatalf("orientation %d turned %v into %v", o, in.gray.Rect, g.Rect)
			}
		}
	})
}

func FuzzSniff(f *testing.F) {
	addFixtures(f, func(name string, b []byte) { f.Add(b[:min(len(b), 8192)], name) }, "")
	f.Add([]byte("%PDF-1.7"), "伪装.docx")
	f.Add([]byte("PK\x03\x04"), "a.pdf")
	f.Add([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, "b.wps")
	f.Fuzz(func(t *testing.T, head []byte, name string) {
		format, mime, err := Sniff(head, name)
		if err != nil {
			if catalog.ErrorCode(err) == catalog.EINTERNAL {
				t.Fatalf("Sniff(%q): error without a message for the user: %v", name, err)
			}
			return
		}
		if _, ok := extractors[format]; !ok || mime == "" {
			t.Fatalf("Sniff(%q) = %q %q: no reader for it", name, format, mime)
		}
	})
}

// fuzzUnpackLimits keep an archive's unpacking quick: a child of its own
// under 256 MiB, stopped after a second without a byte or three in all.
var fuzzUnpackLimits = UnpackLimits{MaxEntries: 1000, Stall: time.Second, Timeout: 3 * time.Second}

// fuzzUnpack unpacks data as format in a sandbox child, as a server does
// (unlike the readers above, the archive decoders are trusted with
// nothing in process: a crafted header may ask them for GiBs), taking
// every file of up to 1 MiB. It must end within its time, read no entry
// past what it declares, and fail, if at all, with a reason the upload
// can give: one of the ErrArchive sentinels for the archive, an ErrEntry
// one for a file.
func fuzzUnpack(t *testing.T, format ArchiveFormat, data []byte) {
	path := fuzzFile(t, "fuzz-unpack-*", data)
	defer os.Remove(path)
	sb := testSandbox(256 << 20)
	defer sb.Close()
	var sizes []int64
	choose := func(entries []ArchiveEntry) ([]ArchiveTake, error) {
		if len(entries) > fuzzUnpackLimits.MaxEntries {
			t.Fatalf("%s: %d entries listed past the limit of %d", format, len(entries), fuzzUnpackLimits.MaxEntries)
		}
		var takes []ArchiveTake
		for i, e := range entries {
			if !e.Dir && e.Size >= 0 && e.Size <= 1<<20 {
				takes = append(takes, ArchiveTake{Index: i, Max: e.Size})
			}
		}
		sizes = make([]int64, len(entries))
		for _, tk := range takes {
			sizes[tk.Index] = tk.Max
		}
		return takes, nil
	}
	take := func(i int, r io.Reader) error {
		n, err := io.Copy(io.Discard, r)
		if n > sizes[i]+1 {
			t.Fatalf("%s: entry %d gave %d bytes, past its %d and one", format, i, n, sizes[i])
		}
		if err != nil && !isEntryError(err) {
			t.Fatalf("%s: entry %d failed with %v, no reason an upload can give", format, i, err)
		}
		return nil
	}
	start := time.Now()
	err := sb.Unpack(context.Background(), format, path, fuzzUnpackLimits, choose, take)
	if took := time.Since(start); took > fuzzUnpackLimits.Timeout+fuzzGrace() {
		t.Fatalf("%s: unpacking took %s, past its %s", format, took, fuzzUnpackLimits.Timeout)
	}
	if err != nil && !isArchiveError(err) {
		t.Fatalf("%s: %v, no reason an upload can give", format, err)
	}
}

func isArchiveError(err error) bool {
	for _, e := range []error{ErrArchiveDamaged, ErrArchiveEncrypted, ErrArchiveVolume, ErrArchiveEntries, ErrArchiveMemory, ErrArchiveTime} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

func isEntryError(err error) bool {
	for _, e := range []error{ErrEntryDamaged, ErrEntryEncrypted, ErrEntryMethod, ErrEntryDictionary} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// addArchives seeds f with ingest's archives of files of the extension.
func addArchives(f *testing.F, ext string) {
	dir := filepath.Join("..", "testdata", "archives")
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ext) {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

func FuzzRAR(f *testing.F) {
	addArchives(f, ".rar")
	f.Add([]byte("Rar!\x1a\x07\x01\x00"))
	f.Add([]byte("Rar!\x1a\x07\x00\xcf\x90\x73\x00\x00\x0d\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzUnpack(t, ArchiveRAR, data) })
}

func Fuzz7z(f *testing.F) {
	addArchives(f, ".7z")
	addArchives(f, ".7z.001")
	f.Add([]byte("7z\xbc\xaf\x27\x1c\x00\x04"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzUnpack(t, Archive7z, data) })
}
