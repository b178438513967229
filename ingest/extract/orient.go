package extract

import (
	"bytes"
	"context"
	"image"
	"os"
	"strconv"
	"strings"
)

// A phone photo of a document is often stored sideways: the camera writes
// the sensor's rows as they are and an EXIF Orientation tag saying how to
// turn them, which every viewer obeys and tesseract does not. A scan fed
// into the feeder sideways or upside down has no tag at all. Tesseract reads
// a page turned by 90° or 180° as garbage (measured on a 150 dpi page:
// mean word confidence 0.31–0.45 against 0.87–0.89 upright), and that
// garbage was indexed as the document's text. So a JPEG is first turned as
// its tag says, and a page read with less than reorientBelow confidence is
// shown to tesseract's orientation detection (OSD, --psm 0, ~3 s a page);
// if that finds it turned, the page is read again upright and the better
// reading kept. OSD judges by Latin script: on a Chinese page it mostly
// says "Too few characters" and gives no answer, so a page it cannot judge
// is read turned each other way (readTurned).

// reorientBelow is the mean word confidence under which a page's
// orientation is checked: well above a turned page's, below an upright
// page's, skewed or stamped ones included.
const reorientBelow = 0.65

// orientation returns where a pixel (x, y) of a w×h image stored with EXIF
// orientation o goes when the image is shown upright, and the upright
// size; nil for 1 or a value out of range.
func orientation(o, w, h int) (to func(x, y int) (int, int), ow, oh int) {
	switch o {
	case 2:
		to = func(x, y int) (int, int) { return w - 1 - x, y }
	case 3:
		to = func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }
	case 4:
		to = func(x, y int) (int, int) { return x, h - 1 - y }
	case 5:
		to = func(x, y int) (int, int) { return y, x }
	case 6:
		to = func(x, y int) (int, int) { return h - 1 - y, x }
	case 7:
		to = func(x, y int) (int, int) { return h - 1 - y, w - 1 - x }
	case 8:
		to = func(x, y int) (int, int) { return y, w - 1 - x }
	default:
		return nil, w, h
	}
	if o >= 5 {
		return to, h, w
	}
	return to, w, h
}

// orientGray returns g turned as EXIF orientation o says a viewer shows it
// (o of 1 or out of range: g itself).
func orientGray(g *image.Gray, o int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	to, ow, oh := orientation(o, w, h)
	if to == nil {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := range h {
		row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):]
		for x := range w {
			ux, uy := to(x, y)
			out.Pix[uy*out.Stride+ux] = row[x]
		}
	}
	return out
}

// orientImage is orientGray for a thumbnail in colour.
func orientImage(img image.Image, o int) image.Image {
	b := img.Bounds()
	to, ow, oh := orientation(o, b.Dx(), b.Dy())
	if to == nil {
		return img
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := range b.Dy() {
		for x := range b.Dx() {
			ux, uy := to(x, y)
			out.Set(ux, uy, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return out
}

// rotateClockwise turns g by deg (90, 180 or 270) degrees clockwise.
func rotateClockwise(g *image.Gray, deg int) *image.Gray {
	switch deg {
	case 90:
		return orientGray(g, 6)
	case 180:
		return orientGray(g, 3)
	case 270:
		return orientGray(g, 8)
	}
	return g
}

// turnsWithoutOSD are the turns tried, clockwise, on a low-confidence page
// OSD cannot judge: a quarter either way first, since a page is fed or
// photographed sideways more often than upside down.
var turnsWithoutOSD = []int{90, 270, 180}

// readTurned reads page again turned as OSD says, or, when OSD has no
// answer, turned by each of turnsWithoutOSD, and returns the reading of
// best confidence, out (the reading as it lies) included. It stops at the
// first turn read above reorientBelow: an upright page reads above it and
// a turned one well below (orient.go's measure), so the other turns could
// only be garbage. The OSD run and each reading turned run under
// lim.OCRPageTimeout like the first reading, and each first moves the
// extraction's deadline out by one OCRPageTimeout (extendDeadline): the
// document was granted one per page, which the first reading may use up,
// so without it a long faint scan would time out in its extra readings and
// lose the ocr-low text its first readings had. A page OSD cannot judge
// thus costs at most four more page limits, granted as they are spent,
// and only a page read below reorientBelow pays them (a blurred photo as
// well as a turned page: the price of not knowing which it is).
func readTurned(ctx context.Context, tess string, page *image.Gray, lim Limits, out PageOCR) (PageOCR, error) {
	turns := turnsWithoutOSD
	extendDeadline(ctx, lim.OCRPageTimeout)
	if deg, ok := detectRotation(ctx, tess, page, lim); ok {
		if deg == 0 {
			return out, nil
		}
		turns = []int{deg}
	}
	for _, deg := range turns {
		extendDeadline(ctx, lim.OCRPageTimeout)
		text, conf, err := runTesseract(ctx, tess, level(rotateClockwise(page, deg)), lim)
		if err != nil {
			// The page was read once; a reading turned that fails (its
			// time ran out) leaves that reading, unless the work is over.
			return out, ctx.Err()
		}
		if conf > out.Confidence {
			out.Text, out.Confidence = text, conf
		}
		if out.Confidence >= reorientBelow {
			break
		}
	}
	return out, nil
}

// detectRotation asks tesseract's orientation detection by how many degrees
// clockwise the page must turn to stand upright. ok is false when it cannot
// say (no osd model, too little text, a time-out): the page is then read
// as it is.
func detectRotation(ctx context.Context, tess string, page *image.Gray, lim Limits) (deg int, ok bool) {
	pctx, cancel := context.WithTimeout(ctx, lim.OCRPageTimeout)
	defer cancel()
	cmd := newHelperCmd(pctx, tess, "stdin", "stdout", "--psm", "0")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = bytes.NewReader(encodePGM(page))
	stdout := &cappedBuffer{max: 4096}
	cmd.Stdout, cmd.Stderr = stdout, &cappedBuffer{max: 4096, discard: true}
	cmd.ownGroup()
	if err := cmd.run(); err != nil || stdout.overflow {
		return 0, false
	}
	return parseOSD(stdout.buf.String())
}

// minOSDConfidence is the orientation confidence OSD must give before a
// page is turned; a turned page measured about 21, a page too empty to
// judge gives less than 1.
const minOSDConfidence = 2

// parseOSD reads "Rotate: 90" and "Orientation confidence: 21.3" from
// tesseract's --psm 0 output.
func parseOSD(out string) (deg int, ok bool) {
	deg, conf := -1, -1.0
	for _, line := range strings.Split(out, "\n") {
		k, v, found := strings.Cut(line, ":")
		if !found {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "Rotate":
			if n, err := strconv.Atoi(v); err == nil && (n == 0 || n == 90 || n == 180 || n == 270) {
				deg = n
			}
		case "Orientation confidence":
			if c, err := strconv.ParseFloat(v, 64); err == nil {
				conf = c
			}
		}
	}
	if deg < 0 || conf < minOSDConfidence {
		return 0, false
	}
	return deg, true
}
