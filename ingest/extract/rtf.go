package extract

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/lcmonitor/evidence/catalog"
)

func init() { registerExtractor(FormatRTF, extractRTF) }

// No maintained Go RTF library exists, and the text of an RTF file is a
// small part of the format: this reader follows groups and control words,
// keeps the text of the body, and skips the destinations that are not body
// text (font, colour and style tables, document info, pictures, objects,
// field instructions, headers and footers, and every \* destination).
// Chinese RTF from Word and WPS writes \ansicpg936 and \'xx bytes in GBK,
// often under fonts with \fcharset134; LibreOffice writes \uN escapes with a
// fallback that \ucN says how long it is. Both are read. \page, \pagebb
// (page break before a paragraph) and \sect with a page break start a new
// page; paragraphs and table rows are lines, table cells are separated.

// maxRTFDepth bounds group nesting; real files stay far below it.
const maxRTFDepth = 512

// extractRTF streams the file through rtfReader.
func extractRTF(ctx context.Context, path string, lim Limits) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &rtfReader{
		in:     bufio.NewReaderSize(f, 64<<10),
		ctx:    ctx,
		budget: textBudget{max: lim.MaxTextBytes},
		fonts:  map[int]encoding.Encoding{},
		ansi:   charmap.Windows1252,
	}
	r.stack = []rtfState{{uc: 1, font: -1}}
	if err := r.read(); err != nil {
		return nil, err
	}
	return &Result{Extractor: "rtf", Pages: append(r.done, r.page.String()), Title: strings.TrimSpace(r.title.String())}, nil
}

// rtfState is what a group changes and restores on its closing brace.
type rtfState struct {
	skip     bool // inside a destination whose text is not shown
	title    bool // inside \info's \title
	fonttbl  bool // inside the font table
	uc       int  // bytes to skip after \uN
	font     int  // current \fN, -1 for none
	fontDecl int  // the font being declared in the font table
}

type rtfReader struct {
	in     *bufio.Reader
	ctx    context.Context
	stack  []rtfState
	done   []string
	page   strings.Builder
	budget textBudget
	fonts  map[int]encoding.Encoding // \fN → its \fcharset
	ansi   encoding.Encoding         // \ansicpgN
	cpSet  bool                      // \ansicpgN was given
	bytes  []byte                    // pending \'xx bytes, decoded together
	skipN  int                       // fallback characters still to skip after \uN
	cells  int                       // \cell marks in the current table row
	title  strings.Builder           // \info's \title
	n      int
}

func (r *rtfReader) state() *rtfState { return &r.stack[len(r.stack)-1] }

func (r *rtfReader) read() error {
	for {
		c, err := r.in.ReadByte()
		if errors.Is(err, io.EOF) {
			return r.flush()
		}
		if err != nil {
			return err
		}
		if r.n++; r.n%65536 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		switch c {
		case '{':
			if err := r.flush(); err != nil {
				return err
			}
			if len(r.stack) >= maxRTFDepth {
				return errRTFCorrupt("groups nested deeper than the limit")
			}
			r.stack = append(r.stack, *r.state())
		case '}':
			if err := r.flush(); err != nil {
				return err
			}
			if len(r.stack) > 1 {
				r.stack = r.stack[:len(r.stack)-1]
			}
			r.skipN = 0
		case '\\':
			if err := r.control(); err != nil {
				return err
			}
		case '\r', '\n':
		default:
			if r.skipN > 0 {
				r.skipN--
				continue
			}
			if c >= 0x80 { // raw 8-bit text, as some writers leave it
				r.bytes = append(r.bytes, c)
				continue
			}
			if err := r.flush(); err != nil {
				return err
			}
			if err := r.text(string(rune(c))); err != nil {
				return err
			}
		}
	}
}

// control reads what follows a backslash.
func (r *rtfReader) control() error {
	c, err := r.in.ReadByte()
	if err != nil {
		return r.flush()
	}
	if !isASCIILetter(c) {
		return r.symbol(c)
	}
	word := []byte{c}
	for len(word) < 32 {
		c, err = r.in.ReadByte()
		if err != nil || !isASCIILetter(c) {
			break
		}
		word = append(word, c)
	}
	param, hasParam := 0, false
	neg := false
	if err == nil && c == '-' {
		neg = true
		c, err = r.in.ReadByte()
	}
	for digits := 0; err == nil && c >= '0' && c <= '9' && digits < 10; digits++ {
		param, hasParam = param*10+int(c-'0'), true
		c, err = r.in.ReadByte()
	}
	if neg {
		param = -param
	}
	if err == nil && c != ' ' {
		r.in.UnreadByte() // the delimiter belongs to what follows
	}
	return r.word(string(word), param, hasParam)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// symbol handles a control symbol: \'xx, \\, \{, \}, \~, \*, …
func (r *rtfReader) symbol(c byte) error {
	switch c {
	case '\'':
		var hex [2]byte
		if _, err := io.ReadFull(r.in, hex[:]); err != nil {
			return r.flush()
		}
		b, ok := unhex(hex[0], hex[1])
		if !ok {
			return nil
		}
		if r.skipN > 0 {
			r.skipN--
			return nil
		}
		r.bytes = append(r.bytes, b)
		return nil
	case '*':
		r.state().skip = true
		return nil
	case '\r', '\n':
		return r.emit("\n")
	}
	if r.skipN > 0 {
		r.skipN--
		return nil
	}
	switch c {
	case '\\', '{', '}':
		return r.emit(string(rune(c)))
	case '~':
		return r.emit(" ")
	case '_':
		return r.emit("-")
	}
	return nil // \- optional hyphen, \: index subentry, …
}

func unhex(a, b byte) (byte, bool) {
	v := func(c byte) (byte, bool) {
		switch {
		case c >= '0' && c <= '9':
			return c - '0', true
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10, true
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10, true
		}
		return 0, false
	}
	hi, ok1 := v(a)
	lo, ok2 := v(b)
	return hi<<4 | lo, ok1 && ok2
}

// word handles a control word with its parameter.
func (r *rtfReader) word(w string, param int, hasParam bool) error {
	st := r.state()
	switch {
	case w == "bin": // binary data follows: skip it whatever the group
		if hasParam && param > 0 {
			_, err := r.in.Discard(param)
			if errors.Is(err, io.EOF) {
				// Found by FuzzRTF: it was a bare EOF, no reason for the user.
				return errRTFCorrupt("\\bin data runs past the end of the file")
			}
			return err
		}
		return nil
	case w == "title" && st.skip:
		st.title = true
		return nil
	case w == "ud": // {\upr{ANSI text}{\*\ud{Unicode text}}}: the Unicode one wins
		r.title.Reset()
		return nil
	case w == "fonttbl":
		st.fonttbl, st.skip = true, true
		return nil
	case rtfSkipped[w]:
		st.skip = true
		return nil
	case w == "ansicpg" && hasParam:
		r.ansi, r.cpSet = codePage(param), true
		return nil
	case w == "uc" && hasParam:
		st.uc = max(param, 0)
		return nil
	case w == "u" && hasParam:
		if param < 0 {
			param += 65536
		}
		err := r.emit(string(rune(param)))
		r.skipN = st.uc
		return err
	}
	if st.fonttbl {
		switch w {
		case "f":
			st.fontDecl = param
		case "fcharset":
			if e := charsetEncoding(param); e != nil {
				r.fonts[st.fontDecl] = e
			}
		}
		return nil
	}
	if r.skipN > 0 {
		r.skipN--
		return nil
	}
	if st.skip {
		return nil
	}
	switch w {
	case "f":
		if err := r.flush(); err != nil {
			return err
		}
		st.font = param
	case "page", "pagebb":
		if err := r.flush(); err != nil {
			return err
		}
		r.breakPage()
	case "sect":
		return r.emit(paraBreak)
	case "cell":
		if err := r.flush(); err != nil {
			return err
		}
		r.cells++
	case "row":
		r.cells = 0
		return r.emit(rowBreak)
	case "trowd":
		r.cells = 0
	default:
		if s, ok := rtfSymbols[w]; ok {
			return r.emit(s)
		}
	}
	return nil
}

// emit writes text after decoding any pending bytes.
func (r *rtfReader) emit(s string) error {
	if err := r.flush(); err != nil {
		return err
	}
	return r.text(s)
}

// flush decodes the pending \'xx bytes with the current font's charset, or
// the document's code page.
func (r *rtfReader) flush() error {
	if len(r.bytes) == 0 {
		return nil
	}
	enc := r.ansi
	if e, ok := r.fonts[r.state().font]; ok {
		enc = e
	} else if !r.cpSet && utf8.Valid(r.bytes) {
		// Some programs write UTF-8 bytes and no code page at all.
		enc = encoding.Nop
	}
	out, err := enc.NewDecoder().Bytes(r.bytes)
	r.bytes = r.bytes[:0]
	if err != nil {
		return nil // undecodable bytes are dropped, not fatal
	}
	return r.text(string(out))
}

func (r *rtfReader) text(s string) error {
	if st := r.state(); st.skip {
		if st.title && r.title.Len() < 4096 {
			r.title.WriteString(s)
		}
		return nil
	}
	if r.cells > 0 && s != rowBreak {
		// The separator goes before the next cell's text, so a row does not
		// end with one.
		for ; r.cells > 0; r.cells-- {
			s = cellSeparator + s
		}
	}
	if err := r.budget.add(len(s)); err != nil {
		return err
	}
	r.page.WriteString(s)
	return nil
}

// breakPage starts a new page unless the current one is still empty.
func (r *rtfReader) breakPage() {
	if strings.TrimSpace(r.page.String()) == "" {
		return
	}
	r.done = append(r.done, r.page.String())
	r.page.Reset()
}

func errRTFCorrupt(why string) error {
	return fmt.Errorf("rtf: %s: %w", why, catalog.Errorf(catalog.EINVALID, "RTF 文档格式有误，无法读取；请用 Word 或 WPS 打开后另存为 DOCX 再上传"))
}
