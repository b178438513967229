// Package photopdf puts photos of a paper document's pages into one PDF,
// a page per photo, in the order given: the way a department hands in a
// three-page notice it photographed page by page, as one document whose
// citations have page numbers.
//
// A JPEG goes into the PDF as it is (DCTDecode), so the photo's bytes are
// kept exactly, and the EXIF orientation a phone writes becomes the page's
// /Rotate, so that viewers, pdftoppm and the OCR that reads the rendered
// page see it upright. A PNG is decoded and stored deflated, its
// transparency laid on white. The output depends only on the photos and
// their order (no dates, no IDs), so the same photos sent again make the
// same bytes, and the archive finds the duplicate by its SHA-256.
package photopdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strconv"

	"github.com/lcmonitor/evidence/internal/exif"
)

// Photo is one page's picture. Open is called up to twice: once for the
// header, once for the bytes.
type Photo struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// Kinds of photo that cannot be a page, for PhotoError.Err.
var (
	// ErrNotPhoto: neither JPEG nor PNG.
	ErrNotPhoto = errors.New("not a JPEG or PNG photo")
	// ErrCorrupt: a JPEG or PNG whose header or pixels cannot be read.
	ErrCorrupt = errors.New("photo cannot be read")
	// ErrTooManyPixels: more pixels than Options.MaxPixels.
	ErrTooManyPixels = errors.New("photo has too many pixels")
)

// PhotoError is why one photo could not become a page.
type PhotoError struct {
	Index         int // 0-based position in the list
	Name          string
	Width, Height int // known for ErrTooManyPixels
	Err           error
}

func (e *PhotoError) Error() string {
	return fmt.Sprintf("photo %d (%s): %v", e.Index+1, e.Name, e.Err)
}

func (e *PhotoError) Unwrap() error { return e.Err }

// Options bound the work.
type Options struct {
	// MaxPixels refuses a photo with more pixels (0: no bound).
	MaxPixels int64
	// MaxDecodedBytes refuses a photo that must be decoded (a PNG, a CMYK
	// JPEG) whose pixels would take more memory decoded (0: no bound): it
	// is held whole, one to eight bytes a pixel as its kind has it.
	MaxDecodedBytes int64
}

// Creator is the Info dictionary's /Creator of every PDF made here: the
// extractor renders such a PDF's pages at their photo's own size for OCR,
// so that a page reads as the photo uploaded alone would.
const Creator = "evidence photopdf"

// pageLongSide is the long side of every page in points: an A4 page's
// (297 mm), so that a photo of an A4 sheet prints and shows at its size.
const pageLongSide = 842.0

// headerBytes is how much of a JPEG is read to find its EXIF orientation
// and frame header; the EXIF segment is at most 64 KiB and comes first.
const headerBytes = 1 << 20

// page is what the header of one photo says.
type page struct {
	jpeg          bool
	width, height int
	components    int // JPEG: 1 grey, 3 colour
	pixelBytes    int // decoded, the bytes a pixel takes
	rotate        int // degrees clockwise, from EXIF
}

// Write writes the PDF of photos to w. A photo that cannot be a page
// fails the whole with a *PhotoError naming it, before anything of the
// pages is written when its header is at fault.
func Write(w io.Writer, photos []Photo, opt Options) error {
	if len(photos) == 0 {
		return errors.New("photopdf: no photos")
	}
	pages := make([]page, len(photos))
	for i, p := range photos {
		pg, err := readHeader(p, opt)
		if err != nil {
			return &PhotoError{Index: i, Name: p.Name, Width: pg.width, Height: pg.height, Err: err}
		}
		pages[i] = pg
	}
	pw := &pdfWriter{w: bufio.NewWriterSize(w, 64<<10)}
	// Objects: 1 catalog, 2 page tree, then per page four: the page, its
	// content, its image and the image's length; last the Info dictionary.
	n := len(photos)
	pw.offsets = make([]int64, 4+4*n)
	pw.printf("%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n")
	pw.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]byte, 0, 10*n)
	for i := range n {
		kids = strconv.AppendInt(kids, int64(3+4*i), 10)
		kids = append(kids, " 0 R "...)
	}
	pw.object(2, fmt.Sprintf("<< /Type /Pages /Kids [ %s] /Count %d >>", kids, n))
	for i, p := range photos {
		if err := pw.page(3+4*i, pages[i], p); err != nil {
			if pw.err != nil {
				// The writer failed (its reader stopped, a full disk): no
				// fault of the photo's.
				return pw.err
			}
			return &PhotoError{Index: i, Name: p.Name, Err: err}
		}
	}
	pw.object(3+4*n, "<< /Creator ("+Creator+") /Producer ("+Creator+") >>")
	pw.trailer()
	if pw.err != nil {
		return pw.err
	}
	return pw.w.Flush()
}

// readHeader reads what a page needs to know of a photo before its bytes.
func readHeader(p Photo, opt Options) (page, error) {
	rc, err := p.Open()
	if err != nil {
		return page{}, err
	}
	defer rc.Close()
	head, err := io.ReadAll(io.LimitReader(rc, headerBytes))
	if err != nil {
		return page{}, err
	}
	var pg page
	switch {
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		pg.jpeg = true
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(head))
		if err != nil {
			return pg, ErrCorrupt
		}
		pg.width, pg.height = cfg.Width, cfg.Height
		switch cfg.ColorModel {
		case color.GrayModel:
			pg.components = 1
		case color.YCbCrModel, color.RGBAModel:
			pg.components = 3
		default:
			pg.pixelBytes = 4
			// CMYK (a Photoshop export, never a phone's photo): its inverted
			// channels are read differently by viewers, so it is decoded and
			// stored like a PNG instead.
			pg.jpeg = false
		}
		pg.rotate = rotationOf(exif.Orientation(head))
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		cfg, err := png.DecodeConfig(bytes.NewReader(head))
		if err != nil {
			return pg, ErrCorrupt
		}
		pg.width, pg.height = cfg.Width, cfg.Height
		pg.pixelBytes = pixelBytes(cfg.ColorModel)
	default:
		return pg, ErrNotPhoto
	}
	if pg.width <= 0 || pg.height <= 0 {
		return pg, ErrCorrupt
	}
	pixels := int64(pg.width) * int64(pg.height)
	if opt.MaxPixels > 0 && pixels > opt.MaxPixels || !pg.jpeg && opt.MaxDecodedBytes > 0 && pixels*int64(pg.pixelBytes) > opt.MaxDecodedBytes {
		return pg, ErrTooManyPixels
	}
	return pg, nil
}

// pixelBytes is the memory a decoded pixel of a PNG of that colour model
// takes in Go's image types.
func pixelBytes(m color.Model) int {
	switch m {
	case color.GrayModel:
		return 1
	case color.Gray16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// rotationOf is the page rotation that shows a photo of EXIF orientation
// o upright; the mirrored orientations, which phones do not write, are
// shown unmirrored.
func rotationOf(o int) int {
	switch o {
	case 3, 4:
		return 180
	case 5, 6:
		return 90
	case 7, 8:
		return 270
	}
	return 0
}

// pdfWriter writes numbered objects and remembers where each starts.
type pdfWriter struct {
	w       *bufio.Writer
	at      int64
	offsets []int64
	err     error
}

func (pw *pdfWriter) Write(b []byte) (int, error) {
	if pw.err != nil {
		return 0, pw.err
	}
	n, err := pw.w.Write(b)
	pw.at += int64(n)
	pw.err = err
	return n, err
}

func (pw *pdfWriter) printf(format string, args ...any) { fmt.Fprintf(pw, format, args...) }

func (pw *pdfWriter) object(num int, body string) {
	pw.offsets[num] = pw.at
	pw.printf("%d 0 obj\n%s\nendobj\n", num, body)
}

// page writes a page's four objects: the page, its content, its image
// and the image's length (known once its stream is written).
func (pw *pdfWriter) page(num int, pg page, p Photo) error {
	// MediaBox in the photo's own rows and columns; /Rotate turns it.
	w, h := float64(pg.width), float64(pg.height)
	scale := pageLongSide / max(w, h)
	pw_, ph := round2(w*scale), round2(h*scale)
	pw.object(num, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Rotate %d /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>",
		pw_, ph, pg.rotate, num+2, num+1))
	content := fmt.Sprintf("q %s 0 0 %s 0 0 cm /Im0 Do Q", pw_, ph)
	pw.object(num+1, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	pw.offsets[num+2] = pw.at
	var dict string
	if pg.jpeg {
		space := "/DeviceRGB"
		if pg.components == 1 {
			space = "/DeviceGray"
		}
		dict = fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d 0 R >>",
			pg.width, pg.height, space, num+3)
	}
	var streamed int64
	var err error
	if pg.jpeg {
		pw.printf("%d 0 obj\n%s\nstream\n", num+2, dict)
		streamed, err = pw.copyPhoto(p)
	} else {
		streamed, err = pw.raster(num, pg, p)
	}
	if err != nil {
		return err
	}
	pw.printf("\nendstream\nendobj\n")
	pw.object(num+3, strconv.FormatInt(streamed, 10))
	return pw.err
}

// copyPhoto copies a JPEG's bytes as they are.
func (pw *pdfWriter) copyPhoto(p Photo) (int64, error) {
	rc, err := p.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	return io.Copy(pw, rc)
}

// raster decodes a photo and writes it deflated: grey stays grey, colour
// becomes RGB on white.
func (pw *pdfWriter) raster(num int, pg page, p Photo) (int64, error) {
	rc, err := p.Open()
	if err != nil {
		return 0, err
	}
	img, _, err := image.Decode(bufio.NewReader(rc))
	rc.Close()
	if err != nil {
		return 0, ErrCorrupt
	}
	b := img.Bounds()
	gray := false
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		gray = true
	}
	space, channels := "/DeviceRGB", 3
	if gray {
		space, channels = "/DeviceGray", 1
	}
	pw.printf("%d 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode /Length %d 0 R >>\nstream\n",
		num+2, b.Dx(), b.Dy(), space, num+3)
	start := pw.at
	zw, _ := zlib.NewWriterLevel(pw, zlib.BestSpeed)
	row := make([]byte, b.Dx()*channels)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		fillRow(row, img, y, gray)
		if _, err := zw.Write(row); err != nil {
			return 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return pw.at - start, pw.err
}

// fillRow puts row y of img into row: grey bytes, or RGB laid on white.
// The common kinds are read from their pixels directly: through At, each
// pixel is an allocation, a 16-megapixel photo seconds of work.
func fillRow(row []byte, img image.Image, y int, gray bool) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.Gray:
		copy(row, m.Pix[m.PixOffset(b.Min.X, y):])
		return
	case *image.RGBA:
		pix := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := range b.Dx() {
			p := pix[4*x : 4*x+4]
			// Premultiplied: c + (1 − a)·white.
			row[3*x], row[3*x+1], row[3*x+2] = p[0]+(255-p[3]), p[1]+(255-p[3]), p[2]+(255-p[3])
		}
		return
	case *image.NRGBA:
		pix := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := range b.Dx() {
			p := pix[4*x : 4*x+4]
			a := uint32(p[3])
			for c := range 3 {
				row[3*x+c] = uint8((uint32(p[c])*a + 255*(255-a) + 127) / 255)
			}
		}
		return
	}
	for x := b.Min.X; x < b.Max.X; x++ {
		i := (x - b.Min.X)
		if gray {
			row[i] = color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			continue
		}
		r, g, bl, a := img.At(x, y).RGBA()
		// Over white: c + (1 − a)·white, in 16-bit (premultiplied).
		row[3*i] = uint8((r + 0xffff - a) >> 8)
		row[3*i+1] = uint8((g + 0xffff - a) >> 8)
		row[3*i+2] = uint8((bl + 0xffff - a) >> 8)
	}
}

// trailer writes the cross-reference table and the trailer.
func (pw *pdfWriter) trailer() {
	xref := pw.at
	pw.printf("xref\n0 %d\n0000000000 65535 f \n", len(pw.offsets))
	for _, off := range pw.offsets[1:] {
		pw.printf("%010d 00000 n \n", off)
	}
	pw.printf("trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(pw.offsets), len(pw.offsets)-1, xref)
}

func round2(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
