package extract

import (
	"cmp"
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The content of one OFD page (or template page): its text runs with their
// positions, its images, and the templates and resources it refers to.
// Elements are matched by local name, so any namespace prefix works.

// ofdRun is the text of one TextCode at its position on the page, in
// millimetres from the top left, y at the baseline.
type ofdRun struct {
	x, y, size float64
	text       string
}

// ofdImage is an ImageObject: a MultiMedia resource shown in a box.
type ofdImage struct {
	resource string
	area     float64
}

type ofdPageContent struct {
	runs      []ofdRun
	images    []ofdImage
	templates []string // TemplateID of each Template element
	resFiles  []string // PageRes locations, relative to the content file
}

// ofdContentWalker collects an ofdPageContent from tokens.
type ofdContentWalker struct {
	out     ofdPageContent
	budget  *textBudget
	inObj   bool // inside a TextObject
	obj     ofdTextObject
	inCode  bool // inside a TextCode
	code    strings.Builder
	codeX   float64
	codeY   float64
	inRes   bool // inside PageRes
	resText strings.Builder
}

// ofdTextObject is the placement of a TextObject: its box and transform.
type ofdTextObject struct {
	box       [4]float64
	ctm       [6]float64 // a b c d e f; identity when absent
	size      float64
	lastX     float64
	lastY     float64
	lastWidth float64
}

func (w *ofdContentWalker) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		w.start(t)
	case xml.EndElement:
		switch t.Name.Local {
		case "TextCode":
			if w.inCode {
				w.inCode = false
				return w.endCode()
			}
		case "TextObject":
			w.inObj = false
		case "PageRes":
			w.inRes = false
			if loc := strings.TrimSpace(w.resText.String()); loc != "" {
				w.out.resFiles = append(w.out.resFiles, loc)
			}
			w.resText.Reset()
		}
	case xml.CharData:
		switch {
		case w.inCode:
			if w.code.Len() < 1<<20 {
				w.code.Write(t)
			}
		case w.inRes:
			w.resText.Write(t)
		}
	}
	return nil
}

func (w *ofdContentWalker) start(t xml.StartElement) {
	switch t.Name.Local {
	case "Template":
		if id := attr(t, "TemplateID"); id != "" {
			w.out.templates = append(w.out.templates, id)
		}
	case "PageRes":
		w.inRes = true
	case "TextObject":
		w.inObj = true
		w.obj = ofdTextObject{
			box:  parseBox(attr(t, "Boundary")),
			ctm:  parseCTM(attr(t, "CTM")),
			size: parseFloat(attr(t, "Size"), 3.5),
		}
	case "TextCode":
		if !w.inObj {
			return
		}
		w.inCode = true
		w.code.Reset()
		// A TextCode without X or Y continues where the previous one ended.
		w.codeX = parseFloat(attr(t, "X"), w.obj.lastX+w.obj.lastWidth)
		w.codeY = parseFloat(attr(t, "Y"), w.obj.lastY)
	case "ImageObject":
		b := parseBox(attr(t, "Boundary"))
		w.out.images = append(w.out.images, ofdImage{resource: attr(t, "ResourceID"), area: b[2] * b[3]})
	}
}

// endCode places the text of a TextCode on the page.
func (w *ofdContentWalker) endCode() error {
	text := w.code.String()
	o := &w.obj
	o.lastX, o.lastY = w.codeX, w.codeY
	o.lastWidth = float64(utf8.RuneCountInString(text)) * o.size
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if err := w.budget.add(len(text)); err != nil {
		return err
	}
	a, b, c, d, e, f := o.ctm[0], o.ctm[1], o.ctm[2], o.ctm[3], o.ctm[4], o.ctm[5]
	x := o.box[0] + a*w.codeX + c*w.codeY + e
	y := o.box[1] + b*w.codeX + d*w.codeY + f
	size := o.size * math.Max(math.Abs(d), math.Abs(b))
	if size == 0 {
		size = o.size
	}
	w.out.runs = append(w.out.runs, ofdRun{x: x, y: y, size: size, text: text})
	return nil
}

// layoutRuns puts text runs in reading order: sorted by baseline, runs whose
// baselines lie within half a character height of a line's first run join
// that line, and a line's runs are sorted left to right. A gap wider than a
// character between two runs becomes a space. Lines are separated by a line
// break, which Normalize joins as it does for PDF lines; a vertical gap of
// more than two character heights (a heading, a new paragraph) becomes an
// empty line, which Normalize keeps, and so does a change of type size
// from one line to the next (sizeChanges: a title over its 文号 and its
// addressees).
func layoutRuns(runs []ofdRun) string {
	slices.SortStableFunc(runs, func(a, b ofdRun) int {
		return cmp.Or(cmp.Compare(a.y, b.y), cmp.Compare(a.x, b.x))
	})
	var b strings.Builder
	prevY, prevSize := math.Inf(-1), 0.0
	for i := 0; i < len(runs); {
		tol := math.Max(runs[i].size/2, 0.5)
		j := i + 1
		for j < len(runs) && runs[j].y-runs[i].y <= tol {
			j++
		}
		line := runs[i:j]
		size := lineSize(line)
		if b.Len() > 0 && (runs[i].y-prevY > 2*runs[i].size || sizeChanges(prevSize, size)) {
			b.WriteByte('\n') // a gap of more than a line, or a title's type size: a new paragraph
		}
		prevY, prevSize = runs[i].y, size
		slices.SortStableFunc(line, func(a, b ofdRun) int { return cmp.Compare(a.x, b.x) })
		end := math.Inf(-1)
		for k, r := range line {
			if k > 0 && r.x-end > r.size {
				b.WriteByte(' ')
			}
			b.WriteString(r.text)
			end = r.x + float64(utf8.RuneCountInString(r.text))*r.size
		}
		b.WriteByte('\n')
		i = j
	}
	return b.String()
}

// lineSize is the largest type size of a line's runs that show something.
func lineSize(line []ofdRun) float64 {
	size := 0.0
	for _, r := range line {
		if strings.TrimSpace(r.text) != "" {
			size = max(size, r.size)
		}
	}
	return size
}

func parseFloat(s string, def float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}

// parseBox reads "x y w h"; missing numbers are 0.
func parseBox(s string) [4]float64 {
	var box [4]float64
	for i, f := range strings.Fields(s) {
		if i == 4 {
			break
		}
		box[i] = parseFloat(f, 0)
	}
	return box
}

// parseCTM reads "a b c d e f", the identity when absent or short.
func parseCTM(s string) [6]float64 {
	f := strings.Fields(s)
	if len(f) != 6 {
		return [6]float64{1, 0, 0, 1, 0, 0}
	}
	var m [6]float64
	for i := range m {
		m[i] = parseFloat(f[i], 0)
	}
	return m
}
