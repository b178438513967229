package extract

import (
	"math"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// pageText is what one pass over a page's content stream gives.
//
// objects is the library's plain text (GetPlainText): every text object
// starts a line, so a line break there says nothing about where the page's
// lines end. LibreOffice and Word start a text object wherever the font
// changes, between Han characters and digits too, so a heading and the
// row of figures under it ("二、主要指标", "2023", "年") look the same as a
// phrase cut by a change of font, and Normalize glued them
// ("二、主要指标2023年"). lines is the same text with a line break only
// where the baseline moves and a space where a text object continues the
// line, which Normalize removes between Han characters and digits.
//
// invisible and visible count the strings shown in an invisible text
// render mode (3, or 7, which only clips) and in any other; pictures
// counts the images and forms drawn (sandwich). paint is what the page's
// own content draws that OCR could read (pdfpaint.go): images, filled
// paths and their contours; text converted to outlines (文字转曲) is
// drawn as fills, and only OCR reads it. forms are the forms the page
// draws, by name and how often: what they draw is added to paint by a
// formWalker (lookIntoForms) where it matters. heights holds the type
// height of each line of lines (its largest string that shows something,
// of those that hold a Han character when it has any; 0 for a blank
// line), for flattenPDFLines to tell a title from the text under it. Its
// Han strings set a line's height because LibreOffice and WPS set a
// paragraph's digits and Latin letters in a Western size (12 pt) beside
// its Han characters' Asian one (五号, 10.5 pt): measured by its largest
// string, every line with a figure in it was a size apart from those
// without, and a word wrapped between two such lines (非 / 遗传承) was
// parted by a paragraph break that no search crosses. hanLine says which
// lines hold a Han character.
type pageText struct {
	objects, lines               strings.Builder
	heights                      []float64
	hanLine                      []bool
	invisible, visible, pictures int
	paint
	forms map[string]int
}

// lineHeight counts a string of the given type height, which shows
// something, into the height of the current line: a line's Han strings
// alone set it once it has one.
func (t *pageText) lineHeight(s string, height float64) {
	last := len(t.heights) - 1
	han := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	switch {
	case han && !t.hanLine[last]:
		t.heights[last], t.hanLine[last] = height, true
	case han == t.hanLine[last]:
		t.heights[last] = max(t.heights[last], height)
	}
}

// outlineFills is how many filled paths make a page draw what may be text
// as outlines: a heading page of a report made by Word or LibreOffice
// fills a rule or a band, a few paths; a body of outlined text fills one
// a glyph or a line, dozens.
const outlineFills = 20

// drawsForOCR reports whether the page draws something OCR could read
// that its text layer lacks: an image, or text as outlines (many filled
// paths, or fills of many contours).
func (t *pageText) drawsForOCR() bool {
	return t.images > 0 || t.fills > outlineFills || t.subpaths >= outlineSubpaths
}

// drew counts an XObject the page draws by name: an image, or a form to
// look into later; one missing or of an unknown kind is in doubt, and
// counts as an image. The names kept are those of the page's forms.
func (t *pageText) drew(xobjects pdf.Value, name string) {
	switch x := xobjects.Key(name); x.Key("Subtype").Name() {
	case "PS":
	case "Form":
		if t.forms == nil {
			t.forms = map[string]int{}
		}
		t.forms[name]++
	default:
		t.images = min(t.images+1, maxPaint)
	}
}

// sandwich reports a page that draws a picture and whose every shown
// string is invisible: a scan under its scanner's OCR (pdfsandwich.go).
// Text inside form XObjects is not looked at.
func (t *pageText) sandwich() bool {
	return t.pictures > 0 && t.invisible > 0 && t.visible == 0
}

// textState is the part of the graphics and text state that places a
// baseline.
type textState struct {
	ctm  [6]float64
	mode int64
}

var identity = [6]float64{1, 0, 0, 1, 0, 0}

// mul is a×b for PDF's row-vector affine matrices [a b c d e f].
func mul(a, b [6]float64) [6]float64 {
	return [6]float64{
		a[0]*b[0] + a[1]*b[2], a[0]*b[1] + a[1]*b[3],
		a[2]*b[0] + a[3]*b[2], a[2]*b[1] + a[3]*b[3],
		a[4]*b[0] + a[5]*b[2] + b[4], a[4]*b[1] + a[5]*b[3] + b[5],
	}
}

// fontEncoder returns the decoder of the font dictionary fv, made once a
// document: pages share their fonts, and making one (reading its
// ToUnicode CMap) was a third of reading a page. A dictionary's text
// names the objects it refers to ("12 0 R"), so within one file two
// dictionaries written alike decode alike.
func fontEncoder(fv pdf.Value, made map[string]pdf.TextEncoding) pdf.TextEncoding {
	if made == nil {
		return newFontEncoder(fv)
	}
	key := fv.String()
	if e, ok := made[key]; ok {
		return e
	}
	e := newFontEncoder(fv)
	if len(made) < maxKeptFonts {
		made[key] = e
	}
	return e
}

// newFontEncoder makes the decoder of the font dictionary fv: the
// library's, or its ToUnicode map where the library would pass that over
// (pdftounicode.go).
func newFontEncoder(fv pdf.Value) pdf.TextEncoding {
	// The map is interpreted as a page's content is (by the library, or
	// toUnicodeOfSimpleFont): nested past maxContentDepth, larger than
	// maxPageContent or holding a string longer than maxPageText, it held
	// them as long, and the page's own bounds did not see it.
	if m := fv.Key("ToUnicode"); m.Kind() == pdf.Stream {
		switch checkPageContent(m) {
		case contentTooDeep:
			panic(errStreamTooDeep)
		case contentTooLarge:
			panic(errStreamTooLarge)
		case contentStringTooLong:
			panic(errPageTextCap)
		}
	}
	f := pdf.Font{V: fv}
	e := f.Encoder()
	if u := toUnicodeOfSimpleFont(fv, e); u != nil {
		return u
	}
	return e
}

// maxKeptFonts bounds the decoders kept for a document: real files use a
// handful of fonts, and a crafted one with a font a page must not hold
// them all.
const maxKeptFonts = 256

// readPageText reads a page's text as the library's GetPlainText does,
// with the same decoding (but a T* is a line break whatever the font; font
// decoders shared over a document's pages through fontEncoders), and
// also as lines (see pageText). It panics on a
// malformed stream, as the library does, and with errPageTextCap once
// either text is past maxPageText (a line break a string, so the lines'
// heights are bounded with it); the caller recovers.
func readPageText(p pdf.Page, fontEncoders map[string]pdf.TextEncoding) *pageText {
	t := &pageText{}
	contents := p.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return t
	}
	fonts := p.Resources().Key("Font")
	xobjects := p.Resources().Key("XObject")
	encoders := map[string]pdf.TextEncoding{}
	widthsOf := map[string]*fontWidths{}
	var enc pdf.TextEncoding
	decode := func(raw string) string {
		if enc == nil { // no such font: the library shows the bytes as they are
			return raw
		}
		return enc.Decode(raw)
	}
	var (
		g        = textState{ctm: identity}
		saved    []textState
		tm, tlm  = identity, identity
		leading  float64
		size     float64
		lastY    = math.NaN()
		lastEnd  float64 // where the last string shown ends
		lastX    float64 // where it starts
		lastOne  bool    // it was one glyph, its width only guessed
		path     pathState
		metrics  *fontWidths
		moved    bool // a text object began or its position was set since the last string
		nextLine bool // T*, ' or ": a new line of the same object
	)
	show := func(raw string) {
		s := decode(raw)
		t.objects.WriteString(s)
		if g.mode == 3 || g.mode == 7 {
			t.invisible++
		} else {
			t.visible++
		}
		m := mul(tm, g.ctm)
		x, y := m[4], m[5]
		em, height := math.Abs(size*m[0]), math.Abs(size*m[3])
		start := x
		if !moved && !nextLine && !math.IsNaN(lastY) {
			start = lastEnd // the text position moved on past the last string, which tm does not follow
		}
		switch {
		case math.IsNaN(lastY):
			t.heights, t.hanLine = append(t.heights, 0), append(t.hanLine, false)
		case nextLine || math.Abs(y-lastY) > math.Max(height/2, 1):
			t.lines.WriteByte('\n')
			t.heights, t.hanLine = append(t.heights, 0), append(t.hanLine, false)
		case moved && (x < lastX || x-lastEnd > gapAfter(metrics != nil, lastOne)*em):
			// Back to the left (a cell drawn after the one to its right),
			// or a gap past where the last string ends: a word's or a
			// cell's, not the next glyph of a word placed glyph by glyph
			// (I S O 9 0 0 1), which writes nothing.
			t.lines.WriteByte(' ')
		}
		// A break inside the string is no line of its own: one would have
		// no height, and shift every later line's (flattenPDFLines).
		t.lines.WriteString(lineBreaks.Replace(s))
		if strings.TrimSpace(s) != "" {
			t.lineHeight(s, height)
		}
		lastY, moved, nextLine = y, false, false
		width, one := metrics.of(raw)
		if metrics == nil {
			width, one = estimatedWidth(s)
		}
		lastX, lastEnd, lastOne = start, start+width*em, one
	}
	moveTo := func(tx, ty float64) {
		tlm = mul([6]float64{1, 0, 0, 1, tx, ty}, tlm)
		tm, moved = tlm, true
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		if t.objects.Len() > maxPageText || t.lines.Len() > maxPageText {
			panic(errPageTextCap) // pdfPageText names the page
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		path.step(op, &t.paint)
		switch op {
		case "q":
			if len(saved) < maxSavedStates { // deeper saves are not real pages: 56 B each, 2 B of stream
				saved = append(saved, g)
			}
		case "Q":
			if n := len(saved); n > 0 {
				g, saved = saved[n-1], saved[:n-1]
			}
		case "cm":
			g.ctm = mul([6]float64{num(0), num(1), num(2), num(3), num(4), num(5)}, g.ctm)
		case "BI":
			t.pictures++
			t.images = min(t.images+1, maxPaint)
		case "Do":
			t.pictures++
			if len(args) == 1 {
				t.drew(xobjects, args[0].Name())
			}
		case "BT":
			t.objects.WriteString("\n")
			tm, tlm, moved = identity, identity, true
		case "Tr":
			g.mode = int64(num(0))
		case "TL":
			leading = num(0)
		case "Tf":
			if len(args) != 2 {
				panic("bad Tf")
			}
			name := args[0].Name()
			e, ok := encoders[name]
			if !ok {
				if fv := fonts.Key(name); fv.Kind() != pdf.Null {
					e = fontEncoder(fv, fontEncoders)
				}
				encoders[name] = e
			}
			enc, size = e, num(1)
			w, ok := widthsOf[name]
			if !ok {
				w = simpleFontWidths(fonts.Key(name))
				widthsOf[name] = w
			}
			metrics = w
		case "Td", "TD":
			if op == "TD" {
				leading = -num(1)
			}
			moveTo(num(0), num(1))
		case "Tm":
			tlm = [6]float64{num(0), num(1), num(2), num(3), num(4), num(5)}
			tm, moved = tlm, true
		case "T*":
			// The library passes the line break through the font's
			// decoder, which drops it or, for a two-byte encoding,
			// panics and loses the page.
			t.objects.WriteString("\n")
			moveTo(0, -leading)
			nextLine = true
		case "'", "\"":
			moveTo(0, -leading)
			nextLine = true
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) != 1 {
				panic("bad Tj operator")
			}
			show(args[0].RawString())
		case "TJ":
			if len(args) != 1 {
				panic("bad TJ operator")
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				if x := v.Index(i); x.Kind() == pdf.String {
					show(x.RawString())
				}
			}
		}
	})
	return t
}

// maxSavedStates bounds the graphics states a page's q operators save:
// real pages nest a few; a crafted stream of q's would otherwise hold 56
// bytes for each 2 bytes of (compressible) content.
const maxSavedStates = 256

// gapAfter is the gap, in ems, past the end of the last string that
// separates words or cells. With the font's own widths a word space (a
// quarter em) passes it; a guessed width is less sure, the more so for a
// single glyph, which is how a producer that places glyph by glyph shows
// its text.
func gapAfter(known, oneGlyph bool) float64 {
	if oneGlyph && !known {
		return 0.5
	}
	return 0.15
}

// fontWidths are a simple (one byte a code) font's glyph widths, in
// thousandths of an em, from FirstChar.
type fontWidths struct {
	first  int
	widths []float64
}

// simpleFontWidths reads a font's Widths; nil for a composite (Type0)
// font, whose codes take more than a byte, or one without them (the
// standard 14).
func simpleFontWidths(fv pdf.Value) *fontWidths {
	if fv.Key("Subtype").Name() == "Type0" {
		return nil
	}
	w := fv.Key("Widths")
	n := w.Len()
	if n == 0 || n > 256 {
		return nil
	}
	fw := &fontWidths{first: int(fv.Key("FirstChar").Int64()), widths: make([]float64, n)}
	for i := range n {
		fw.widths[i] = w.Index(i).Float64()
	}
	return fw
}

// of is how many ems the codes of raw take, and whether raw is one glyph.
func (fw *fontWidths) of(raw string) (float64, bool) {
	if fw == nil {
		return 0, false
	}
	w := 0.0
	for i := 0; i < len(raw); i++ {
		if k := int(raw[i]) - fw.first; k >= 0 && k < len(fw.widths) {
			w += fw.widths[k]
		}
	}
	return w / 1000, len(raw) == 1
}

// estimatedWidth is how many ems s takes, without the font's metrics, and
// whether it is one glyph: a wide (Han, full-width) character one, a
// Latin letter, digit or mark about what it takes in common fonts. It
// only has to tell the next glyph of a word from a word or cell further
// on.
func estimatedWidth(s string) (float64, bool) {
	w, n := 0.0, 0
	for _, r := range s {
		n++
		switch {
		case r >= 0x1100 && (unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x30FF || r >= 0xFF00 && r <= 0xFF60 || r >= 0xAC00 && r <= 0xD7A3):
			w++
		case strings.ContainsRune("iljtfrI.,:;!|' ", r):
			w += 0.3
		case strings.ContainsRune("mwMW", r):
			w += 0.85
		case r >= 'A' && r <= 'Z':
			w += 0.68
		case r >= '0' && r <= '9':
			w += 0.556
		default:
			w += 0.52
		}
	}
	return w, n == 1
}

// lineBreaks writes the line breaks of a string shown as spaces.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")
