package extract

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// A simple font (Type 1, TrueType, Type 3) with an Encoding dictionary
// names its glyphs in a Differences array; the library decodes those
// names and ignores the font's ToUnicode map. Chrome and Edge (Skia) save
// a web page printed to PDF (打印为PDF, how 新闻报道 are kept) with its
// Chinese in Type 3 fonts whose glyphs are named /g1, /g2 … and whose
// ToUnicode map alone says what they are: the library read such a page as
// garbage, and pdftotext, taking over, moved a run in another font (the
// 2018 of 2018年) to the end of its line. The PDF reference (9.10.2) puts
// ToUnicode first for text extraction, so such a font is read through it.

// simpleToUnicode decodes a simple font's one-byte codes through its
// ToUnicode map, and codes the map leaves out through the library's own
// decoder of the font.
type simpleToUnicode struct {
	text     [256]string
	mapped   [256]bool
	fallback pdf.TextEncoding
}

// Decode implements pdf.TextEncoding.
func (u *simpleToUnicode) Decode(raw string) string {
	out := make([]rune, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		b := raw[i]
		switch {
		case u.mapped[b]:
			out = append(out, []rune(u.text[b])...)
		case u.fallback != nil:
			out = append(out, []rune(u.fallback.Decode(raw[i:i+1]))...)
		default:
			out = append(out, rune(b))
		}
	}
	return string(out)
}

// toUnicodeOfSimpleFont is the decoder of the font dictionary fv through
// its ToUnicode map when fv is a simple font the library decodes by glyph
// names (an Encoding dictionary) or not at all (an encoding it does not
// know), and nil otherwise: composite fonts, fonts without a map, and
// those with a standard encoding keep the library's decoding.
func toUnicodeOfSimpleFont(fv pdf.Value, fallback pdf.TextEncoding) pdf.TextEncoding {
	switch fv.Key("Subtype").Name() {
	case "Type1", "MMType1", "TrueType", "Type3":
	default:
		return nil
	}
	switch enc := fv.Key("Encoding"); enc.Kind() {
	case pdf.Dict:
	case pdf.Name:
		if n := enc.Name(); n == "WinAnsiEncoding" || n == "MacRomanEncoding" || n == "Identity-H" || n == "UniGB-UCS2-H" {
			return nil
		}
	default:
		return nil // no Encoding: the library reads ToUnicode itself
	}
	cmap := fv.Key("ToUnicode")
	if cmap.Kind() != pdf.Stream {
		return nil
	}
	u := &simpleToUnicode{fallback: fallback}
	if !u.read(cmap) {
		return nil
	}
	return u
}

// maxCMapOperators bounds the operators read from one ToUnicode map: a
// simple font's maps 256 codes in a few hundred; a crafted one repeating
// an operator a million times must not keep the page busy.
const maxCMapOperators = 4096

// maxMappedBytes bounds what one code maps to (UTF-16, 16 units: a
// ligature or a few characters), so that a range of 256 codes cannot each
// hold a copy of a megabyte-long destination.
const maxMappedBytes = 32

// errCMapTooLong stops the interpreter on a map past maxCMapOperators.
var errCMapTooLong = errors.New("ToUnicode map too long")

// read fills u from a ToUnicode CMap stream; false when it maps no
// one-byte code. Codes of other lengths are not a simple font's and are
// passed over. A range covers at most the 256 one-byte codes, so a crafted
// map cannot make it hold more.
// A map the library's interpreter cannot run (end without begin, begin of
// something not a dictionary: it panics) or one too long is not read: the
// library's own decoding of the font stands, as before maps were read.
func (u *simpleToUnicode) read(cmap pdf.Value) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			*u = simpleToUnicode{fallback: u.fallback}
			ok = false
		}
	}()
	any := false
	n, ops := 0, 0
	var dict pdf.Value // one for every findresource of this map
	pdf.Interpret(cmap, func(stk *pdf.Stack, op string) {
		if ops++; ops > maxCMapOperators {
			panic(errCMapTooLong)
		}
		switch op {
		case "findresource": // /CIDInit /ProcSet findresource begin
			stk.Pop()
			stk.Pop()
			if dict.IsNull() {
				dict = newDict()
			}
			stk.Push(dict)
		case "beginbfchar", "beginbfrange":
			n = int(stk.Pop().Int64())
		case "endbfchar":
			for range min(n, stk.Len()/2) {
				dst, src := destination(stk.Pop()), stk.Pop().RawString()
				if len(src) == 1 && dst != "" {
					u.set(src[0], utf16Text(dst))
					any = true
				}
			}
			n = 0
		case "endbfrange":
			for range min(n, stk.Len()/3) {
				dst, hi, lo := stk.Pop(), stk.Pop().RawString(), stk.Pop().RawString()
				if len(lo) == 1 && len(hi) == 1 && lo[0] <= hi[0] {
					u.setRange(lo[0], hi[0], dst)
					any = true
				}
			}
			n = 0
		default:
			// begincmap, findresource, defineresource …: the library's
			// interpreter keeps the dictionaries; nothing here reads them.
		}
	})
	return any
}

// setRange maps lo…hi: to consecutive characters from a string (its last
// UTF-16 unit counted up), or one by one from an array of strings.
func (u *simpleToUnicode) setRange(lo, hi byte, dst pdf.Value) {
	for c := int(lo); c <= int(hi); c++ {
		off := c - int(lo)
		switch dst.Kind() {
		case pdf.String:
			units := utf16Units(destination(dst))
			if len(units) == 0 {
				return
			}
			units[len(units)-1] += uint16(off)
			u.set(byte(c), string(utf16.Decode(units)))
		case pdf.Array:
			if d := destination(dst.Index(off)); d != "" {
				u.set(byte(c), utf16Text(d))
			}
		}
	}
}

func (u *simpleToUnicode) set(code byte, text string) {
	u.text[code], u.mapped[code] = text, true
}

// destination is a map's destination string, "" (mapping nothing) when
// longer than maxMappedBytes.
func destination(v pdf.Value) string {
	if v.Kind() != pdf.String {
		return ""
	}
	if s := v.RawString(); len(s) <= maxMappedBytes {
		return s
	}
	return ""
}

// utf16Text decodes a CMap's destination, UTF-16BE.
func utf16Text(s string) string { return string(utf16.Decode(utf16Units(s))) }

func utf16Units(s string) []uint16 {
	units := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		units = append(units, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return units
}

// newDict is a new empty PostScript dictionary for the library's
// interpreter, which begins the one findresource leaves on its stack (the
// library makes its own with a function it does not export). It is read
// from a PDF of one object, an empty dictionary, which each read parses
// anew: nothing a CMap defines in it outlives the map.
func newDict() pdf.Value {
	r, err := pdf.NewReader(bytes.NewReader(emptyDictPDF), int64(len(emptyDictPDF)))
	if err != nil {
		panic(fmt.Sprintf("empty dictionary: %v", err)) // emptyDictPDF is a constant
	}
	return r.Trailer().Key("D")
}

// emptyDictPDF is a PDF whose trailer's /D is an empty dictionary.
var emptyDictPDF = func() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	obj := b.Len()
	b.WriteString("1 0 obj\n<< >>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 2\n0000000000 65535 f \n%010d 00000 n \n", obj)
	fmt.Fprintf(&b, "trailer\n<< /Size 2 /D 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}()
