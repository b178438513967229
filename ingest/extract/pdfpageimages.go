package extract

import (
	"context"
	"strconv"
	"strings"
)

// pageDraws is what is known of whether a PDF page draws an image (or
// text as outlines), which decides whether its short text layer is
// trusted (weakTextLayer).
type pageDraws int

const (
	drawsUnknown pageDraws = iota // no reader said: taken to draw one
	drawsImage
	drawsNone
)

// pageImages says, for each page, whether it draws an image: as the
// library read it (lib.images), and for the pages it did not read (it
// ran out of its time or failed on the file) as `pdfimages -list` lists
// them. poppler is asked only when such a page has a short text layer
// that is not garbage, the one case the answer decides: a born-digital
// file of 10,000 pages of one short line each, which the library does not
// get through on a busy server, was taken for 10,000 pages of scans.
//
// poppler lists images, not text drawn as outlines (文字转曲): a page of
// outlines under a short layer that the library could not read is
// trusted, as pdftotext read it.
func pageImages(ctx context.Context, path string, pages []string, lib pdfText, lim Limits) []pageDraws {
	draws := make([]pageDraws, len(pages))
	ask := false
	for i, p := range pages {
		switch {
		case i < len(lib.images) && lib.images[i]:
			draws[i] = drawsImage
		case i < len(lib.images):
			draws[i] = drawsNone
		default:
			v := visibleChars(p)
			ask = ask || v > 0 && v < minTextLayerChars && !isGarbled(p)
		}
	}
	if !ask {
		return draws
	}
	list, complete, ok := listImagesCut(ctx, path, lim)
	if !ok {
		return draws
	}
	listed, last := listedImagePages(list)
	known := len(pages)
	if !complete {
		known = last - 1 // the last page listed may have more images than were kept
	}
	for i := len(lib.images); i < len(pages) && i < known; i++ {
		draws[i] = drawsNone
		if listed[i+1] {
			draws[i] = drawsImage
		}
	}
	return draws
}

// listedImagePages reads `pdfimages -list`: the pages (1-based) it lists
// an image on, and the last page it lists one on.
func listedImagePages(list string) (pages map[int]bool, last int) {
	pages = map[int]bool{}
	for _, line := range strings.Split(list, "\n") {
		f := strings.Fields(line)
		// page num type …; the header and its rule do not start with a number
		if len(f) < 3 {
			continue
		}
		page, err := strconv.Atoi(f[0])
		if err != nil || page <= 0 {
			continue
		}
		pages[page] = true
		last = max(last, page)
	}
	return pages, last
}
