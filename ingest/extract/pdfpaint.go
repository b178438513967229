package extract

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"maps"
	"slices"

	"github.com/ledongthuc/pdf"
)

// A page whose text was converted to outlines (文字转曲: designed 红头文件
// covers, award certificates, posters) has no text layer for it; only OCR
// reads it. What a page draws tells such a page from one that only has
// little to say (a chapter's heading page of a report made by Word or
// LibreOffice, which must not be OCR'd: pdfocr.go). Outlined text shows in
// two ways, and both are counted here, on the page and inside the forms
// (form XObjects) it draws:
//
//   - many filled paths, a glyph or a line each (paint.fills);
//   - few fills of many contours (subpaths, each begun by m): Illustrator,
//     CorelDRAW and 方正飞腾 merge the outlines of a line or a page into
//     one fill (paint.subpaths).
//
// Rectangles (re) are left out of both: they are a table cell's shading,
// a band or a border (LibreOffice fills 36 for a table of eleven shaded
// rows), never a glyph. A fill's count of operators says nothing: a
// smooth or calligraphic logo is a few fills of hundreds of curves each,
// but one contour a fill, where a line of merged glyphs is dozens.

// paint is what a content stream draws that OCR could read and a text
// layer may lack. Each count stops at maxPaint.
type paint struct {
	images   int // images drawn, and forms not looked into (in doubt)
	fills    int // paths filled (f, F, f*, B, B*, b, b*), rectangles only not counted
	subpaths int // contours (glyphContour) of the fills of at least glyphSubpaths of them
}

// maxPaint bounds each count of paint: a form drawn a million times by a
// form drawn a million times must not overflow.
const maxPaint = 1 << 30

// add adds q drawn times times.
func (p *paint) add(q paint, times int) {
	p.images = addTimes(p.images, q.images, times)
	p.fills = addTimes(p.fills, q.fills, times)
	p.subpaths = addTimes(p.subpaths, q.subpaths, times)
}

// addTimes is a + b×n, at most maxPaint (a and b are at most maxPaint).
func addTimes(a, b, n int) int {
	if b <= 0 || n <= 0 {
		return a
	}
	if n > maxPaint/b {
		return maxPaint
	}
	return min(a+b*n, maxPaint)
}

// glyphContour is the fewest path-construction operators (m and the
// segments after it) a subpath must have to count as a glyph's contour:
// m and two segments enclose something; a lone m or a line does not.
const glyphContour = 3

// glyphSubpaths is the fewest contours a fill must have for them to count
// towards merged outlines. A Han glyph of Noto Sans CJK SC has 1 to 12
// (testdata/gen/outlines.go), a line of merged glyphs dozens; the logos
// LibreOffice draws (a star, a wave, a ring, two smooth fills of 200
// curves: testdata/README.md) 1 or 2 a fill.
const glyphSubpaths = 8

// outlineSubpaths is how many contours of such fills make a page draw
// what may be text as outlines: a line of about fifteen Han characters.
// The pages of LibreOffice's reports (rules, bands, shaded tables, logos)
// have none (testdata/README.md).
const outlineSubpaths = 40

// pathState follows the path a content stream is building until it is
// painted: whether it has construction operators that are not
// rectangles, and its contours.
type pathState struct {
	ops      int // construction operators but re
	subOps   int // of them, those of the subpath being built
	subpaths int // contours ended so far
}

// endSubpath ends the subpath being built, counting it when it is a
// contour.
func (s *pathState) endSubpath() {
	if s.subOps >= glyphContour {
		s.subpaths = min(s.subpaths+1, maxPaint)
	}
	s.subOps = 0
}

// step takes one operator of a content stream and adds a painted path to
// p.
func (s *pathState) step(op string, p *paint) {
	switch op {
	case "m":
		s.endSubpath()
		s.ops = min(s.ops+1, maxPaint)
		s.subOps = 1
	case "l", "c", "v", "y", "h":
		s.ops = min(s.ops+1, maxPaint)
		s.subOps = min(s.subOps+1, maxPaint)
	case "re": // a rectangle is a subpath of its own, never a contour
		s.endSubpath()
	case "f", "F", "f*", "B", "B*", "b", "b*":
		s.endSubpath()
		if s.ops > 0 {
			p.fills = min(p.fills+1, maxPaint)
		}
		if s.subpaths >= glyphSubpaths {
			p.subpaths = addTimes(p.subpaths, s.subpaths, 1)
		}
		*s = pathState{}
	case "S", "s", "n":
		*s = pathState{}
	}
}

// maxFormDepth bounds how deep a page's forms that draw forms are looked
// into; a form deeper is in doubt.
const maxFormDepth = 8

// maxFormOps is how many operators of forms one document may have read:
// a form is read once however often it is drawn, but a crafted file may
// hold thousands of forms. Past it a form is in doubt. A full page of
// outlined text is about 40,000; 4 Mi take a few seconds to read.
var maxFormOps = 4 << 20

// maxFormBytes is how many bytes of forms' content, inflated, one
// document may have read: a form of few operators may hold a string of a
// gigabyte. Past it a form is in doubt. A full page of outlined text is
// about 1 MB.
var maxFormBytes int64 = 256 << 20

// maxKeptForms bounds the forms whose paint a document keeps. Once it is
// reached, a form not kept is in doubt rather than read again each time
// it is drawn.
var maxKeptForms = 4096

// maxFormNames bounds the different XObjects one form may draw; past it
// the form is in doubt. Real forms draw a few.
const maxFormNames = 1024

// errFormBudget stops the reading of a form past maxFormOps.
var errFormBudget = errors.New("forms: operator budget spent")

// formWalker looks into the forms a document's pages draw, for their
// paint. A form is read once a document (done), however many pages or
// forms draw it, and counts as often as it is drawn. A form that cannot
// be read (too deep, past a budget, past the forms kept, broken, or the
// document's context done) is in doubt: it counts as an image, so a page
// with a short text layer that draws it is OCR'd, never trusted. A form
// that draws itself (directly or through others) draws nothing more the
// second time (open), as a renderer stops there; what a form draws with
// such a cycle cut short is not kept, for drawn from elsewhere (the page)
// it draws more.
type formWalker struct {
	ctx   context.Context
	done  map[formKey]paint
	open  map[formKey]bool
	ops   int   // operators still to be read
	bytes int64 // inflated bytes of content still to be read
	cuts  int   // cycles cut so far
	// tooDeep says a form's content nested past maxContentDepth, and
	// tooLong that it held a string longer than maxPageText: the page
	// that drew it fails as the file's fault (pdfPageText), as one whose
	// own content does.
	tooDeep, tooLong bool
}

// formKey names a form drawn with given resources: the SHA-256 of its
// dictionary's text and where its data starts (one stream of the file),
// with its parent's resources' text when it has none of its own. Hashed,
// so that a crafted file's long dictionaries are not kept a copy a form.
type formKey [sha256.Size]byte

// newFormWalker is the walker of a document read under ctx.
func newFormWalker(ctx context.Context) *formWalker {
	return &formWalker{ctx: ctx, done: map[formKey]paint{}, open: map[formKey]bool{}, ops: maxFormOps, bytes: maxFormBytes}
}

// resources is a resource dictionary and, once asked, its text, which
// names a form that uses it (a form without resources of its own uses
// its page's, as PDF 1.1 allowed).
type resources struct {
	v   pdf.Value
	key string
}

func (r *resources) id() string {
	if r.key == "" {
		r.key = r.v.String()
	}
	return r.key
}

// lookIntoForms adds to the page's paint what the forms it drew (by name,
// how often) draw.
func (w *formWalker) lookIntoForms(p pdf.Page, t *pageText) {
	res := &resources{v: p.Resources()}
	xobjects := res.v.Key("XObject")
	for _, name := range slices.Sorted(maps.Keys(t.forms)) { // in order: the budget runs out at the same form every time
		t.add(w.paintOf(xobjects, name, res, 0), t.forms[name])
	}
}

// paintOf is what the XObject name of xobjects draws once, with parent
// the resources it was drawn with. An object the library cannot load (it
// panics) is in doubt; the page's text is still read.
func (w *formWalker) paintOf(xobjects pdf.Value, name string, parent *resources, depth int) (p paint) {
	defer func() {
		if r := recover(); r != nil {
			p = paint{images: 1}
		}
	}()
	x := xobjects.Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		return paint{images: 1}
	case "PS":
		return paint{}
	case "Form":
	default:
		return paint{images: 1} // missing or unknown: in doubt
	}
	if x.Kind() != pdf.Stream {
		return paint{} // no content: it draws nothing
	}
	if depth >= maxFormDepth {
		return paint{images: 1}
	}
	h := sha256.New()
	h.Write([]byte(x.String()))
	res := parent
	if own := x.Key("Resources"); own.IsNull() {
		h.Write([]byte{0})
		h.Write([]byte(parent.id()))
	} else {
		res = &resources{v: own}
	}
	var key formKey
	h.Sum(key[:0])
	if w.open[key] {
		w.cuts++
		return paint{}
	}
	if p, ok := w.done[key]; ok {
		return p
	}
	if len(w.done) >= maxKeptForms || w.ctx.Err() != nil {
		return paint{images: 1}
	}
	w.open[key] = true
	defer delete(w.open, key)
	cuts := w.cuts
	p = w.read(x, res, depth)
	if w.cuts == cuts {
		w.done[key] = p
	}
	return p
}

// read interprets a form's content and then looks into the XObjects it
// draws.
func (w *formWalker) read(x pdf.Value, res *resources, depth int) paint {
	p, drawn, ok := w.interpret(x)
	if !ok {
		return paint{images: 1}
	}
	xobjects := res.v.Key("XObject")
	for _, name := range slices.Sorted(maps.Keys(drawn)) {
		p.add(w.paintOf(xobjects, name, res, depth+1), drawn[name])
	}
	return p
}

// interpret reads a form's own content: its paint and the XObjects it
// draws, by name, how often. ok is false when the content is broken, draws
// too many XObjects or is past a budget. The content is inflated once
// through a limit first, so that bytes past the budget are never read.
func (w *formWalker) interpret(x pdf.Value) (p paint, drawn map[string]int, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			p, drawn, ok = paint{}, nil, false
		}
	}()
	// Its nesting and strings are followed on the way: a form is
	// interpreted as a page's content is, and past maxContentDepth, or
	// with a string longer than maxPageText (which the library builds
	// whole), it held the library (and then pdftotext) as long as a
	// page's content did.
	nesting := &depthWriter{s: depthScanner{maxString: int64(maxPageText)}}
	n, err := io.Copy(nesting, io.LimitReader(x.Reader(), w.bytes+1))
	if nesting.tooDeep || nesting.tooLong {
		w.tooDeep, w.tooLong = w.tooDeep || nesting.tooDeep, w.tooLong || nesting.tooLong
		return paint{}, nil, false
	}
	if w.bytes -= n; err != nil || w.bytes < 0 {
		w.bytes = max(w.bytes, 0)
		return paint{}, nil, false
	}
	drawn = map[string]int{}
	var path pathState
	pdf.Interpret(x, func(stk *pdf.Stack, op string) {
		if w.ops--; w.ops < 0 {
			panic(errFormBudget)
		}
		n := stk.Len()
		var last pdf.Value
		for range n {
			last = stk.Pop()
		}
		path.step(op, &p)
		switch op {
		case "BI":
			p.images = min(p.images+1, maxPaint)
		case "Do":
			if n != 1 {
				return
			}
			name := last.Name()
			if _, seen := drawn[name]; !seen && len(drawn) >= maxFormNames {
				panic(errFormBudget)
			}
			drawn[name]++
		}
	})
	return p, drawn, true
}
