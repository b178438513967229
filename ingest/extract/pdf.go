package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/ledongthuc/pdf"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/photopdf"
)

// maxPDFPages guards against a corrupt page count that would keep the page
// loop busy until the deadline.
const maxPDFPages = 100000

// extractPDF reads a PDF with ledongthuc/pdf (its plain text per page, read by pdfplain.go) and
// falls back to poppler's pdftotext, where installed, when the library
// fails, panics or runs out of its share of the time, or when a page looks
// implausible: empty where pdftotext finds text, garbled (text that is not
// text, see isGarbled: a font without a usable map, a wrong or damaged
// one, a broken content stream), or with far fewer Han characters than
// pdftotext finds (CJK fonts without a ToUnicode map). The choice is made
// page by page, and garbled text is never taken from either reader;
// Result.Extractor is "pdftotext" if any page came from it. A page's
// number in its footer or header is no part of its text (pagenumbers.go).
// Last, a page whose text is still weak (none, or fewer than minTextLayerChars visible
// characters on a page that draws an image) is rendered and read by OCR (ocrWeakPages in
// pdfocr.go); its PageSources entry is then SourceOCR. A PDF in which no
// reader found anything but garbage fails with errPDFGarbled.
//
// The library cannot be interrupted: when it overruns, its goroutine is
// abandoned and finishes (or hangs) on its own.
func extractPDF(ctx context.Context, path string, lim Limits) (*Result, error) {
	tool := lookPdftotext()
	var lib pdfText
	if err := checkXrefChain(path); err != nil {
		lib = pdfText{err: fmt.Errorf("pdf library not run: %w", err), looped: true}
	} else {
		lib = readPDFWithLibrary(ctx, path, lim, tool != "")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if lib.err == nil && lib.plausible() {
		return withoutPageNumbers(ocrWeakPages(ctx, path, &Result{Extractor: "pdf", Pages: lib.pages, Title: lib.title}, lim, false, nil, lib))
	}
	if isTooLarge(lib.err) || isPageBound(lib.err) {
		// The file's fault, whatever pdftotext would make of it at the
		// same cost (pdfbounds.go).
		return nil, lib.err
	}

	var toolPages []string
	toolErr := fmt.Errorf("pdftotext is not installed")
	if tool != "" {
		toolPages, toolErr = runPdftotext(ctx, tool, path, lim)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// Out of its memory, pdftotext says the file is too complex
		// whatever the library made of it: the same reason every time,
		// not "damaged" or "blank" as the library's timing decides.
		if isTooLarge(toolErr) || errors.Is(toolErr, errHelperMemory) {
			return nil, toolErr
		}
	}
	if lib.err != nil && toolErr != nil {
		if isEncrypted(lib.err, toolErr) {
			return nil, fmt.Errorf("%v; %v: %w", lib.err, toolErr, errPDFEncrypted())
		}
		if lib.looped {
			return nil, fmt.Errorf("%v; %v: %w", lib.err, toolErr, errPDFLooped())
		}
		return nil, fmt.Errorf("%v; %v: %w", lib.err, toolErr, errPDFCorrupt())
	}
	pages, fromTool, garbled, unreadable, scrambledLayers := choosePages(lib, toolPages)
	if allEmpty(pages) && errReaderMissingForPDF(ctx) != nil {
		// OCR could have read these pages; without it, say what is wrong
		// with the file rather than what to install.
		switch {
		case lib.looped:
			return nil, errPDFLooped()
		case garbled:
			return nil, errPDFGarbled()
		case lib.anyFailed() && toolErr != nil:
			return nil, fmt.Errorf("%v: %w", toolErr, errPDFCorrupt())
		}
	}
	res := &Result{Extractor: "pdf", Pages: pages, Title: lib.title}
	if fromTool {
		res.Extractor = "pdftotext"
	}
	markPages(res, unreadable, SourceUnreadable)
	return withoutPageNumbers(ocrWeakPages(ctx, path, res, lim, garbled, scrambledLayers, lib))
}

// withoutPageNumbers drops the page numbers from the pages of a reading
// (dropPageNumbers), when it read them, after OCR read what it would:
// whether a page's text layer is too weak to trust is judged on all it
// shows.
func withoutPageNumbers(res *Result, err error) (*Result, error) {
	if err == nil && res != nil {
		dropPageNumbers(res.Pages, res.PageSources)
	}
	return res, err
}

// pdfText is what the library made of a file.
type pdfText struct {
	pages     []string
	failed    []bool // the page panicked or returned an error
	invisible []bool // the page is a picture under an invisible text layer (pageText.sandwich)
	images    []bool // the page draws an image or text as outlines, itself or in its forms, or could not be read (pageText.drawsForOCR)
	title     string
	photos    bool  // made of photos by photopdf: rendered at their size for OCR
	err       error // the whole document failed
	looped    bool  // not read: its cross-reference sections loop (errXrefLoop)
	treeBad   bool  // not read: its page tree contains itself or is too big (checkPageTree)

	listedImages bool // pdfimages lists an image in the file: asked only when the library timed out and nothing was read
}

// plausible reports whether every page has text that looks like text.
func (t pdfText) plausible() bool {
	if len(t.pages) == 0 {
		return false
	}
	for i, p := range t.pages {
		if t.failed[i] || implausible(p) || strings.TrimSpace(p) == "" {
			return false
		}
	}
	return true
}

func (t pdfText) anyFailed() bool {
	for _, f := range t.failed {
		if f {
			return true
		}
	}
	return false
}

// timedOut reports whether the library ran out of its share of the time
// before it got through the file: its share of a busy machine's time, not
// evidence of what the file holds.
func (t pdfText) timedOut() bool {
	return errors.Is(t.err, context.DeadlineExceeded)
}

// pdfLibraryShare is the time the library is given of what is left of an
// extraction when pdftotext can take over: half, so that pdftotext still
// has time to run. Tests shorten it to make the library time out.
var pdfLibraryShare = func(left time.Duration) time.Duration { return left / 2 }

// readPDFWithLibrary runs the library in a goroutine under recover. When a
// fallback exists, the library gets its share of the remaining time
// (pdfLibraryShare) so that pdftotext still has time to run.
func readPDFWithLibrary(ctx context.Context, path string, lim Limits, haveFallback bool) pdfText {
	lctx := ctx
	if deadline, ok := ctx.Deadline(); ok && haveFallback {
		var cancel context.CancelFunc
		lctx, cancel = context.WithTimeout(ctx, pdfLibraryShare(time.Until(deadline)))
		defer cancel()
	}
	done := make(chan pdfText, 1) // buffered: an abandoned goroutine must not block
	pdfLibraryRuns.Add(1)
	go func() {
		defer pdfLibraryRuns.Add(-1)
		defer func() {
			if r := recover(); r != nil {
				done <- pdfText{err: fmt.Errorf("pdf library panic: %v", r)}
			}
		}()
		done <- readPDFPages(lctx, path, lim)
	}()
	select {
	case t := <-done:
		return t
	case <-lctx.Done():
		return pdfText{err: fmt.Errorf("pdf library: %w", lctx.Err())}
	}
}

// readPDFPages extracts every page; a page that errors or panics is marked
// failed and the others are still read.
func readPDFPages(ctx context.Context, path string, lim Limits) pdfText {
	f, r, err := pdf.Open(path)
	if err != nil {
		return pdfText{err: fmt.Errorf("pdf library: %w", err)}
	}
	defer f.Close()
	n := r.NumPage()
	if n <= 0 || n > maxPDFPages {
		return pdfText{err: fmt.Errorf("pdf library: implausible page count %d", n)}
	}
	if err := checkPageTree(r); err != nil {
		return pdfText{err: fmt.Errorf("pdf library: %w", err), treeBad: true}
	}
	t := pdfText{title: pdfTitle(r), photos: pdfInfo(r, "Creator") == photopdf.Creator}
	budget := textBudget{max: lim.MaxTextBytes}
	fontEncoders := map[string]pdf.TextEncoding{}
	forms := newFormWalker(ctx)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return pdfText{err: fmt.Errorf("pdf library: page %d: %w", i, err)}
		}
		text, sandwich, images, err := pdfPageText(r, i, fontEncoders, forms)
		if isPageBound(err) {
			return pdfText{err: err}
		}
		t.pages = append(t.pages, text)
		t.failed = append(t.failed, err != nil)
		t.invisible = append(t.invisible, sandwich)
		t.images = append(t.images, images || err != nil)
		if err := budget.add(len(text)); err != nil {
			return pdfText{err: err}
		}
	}
	return t
}

// pdfLibraryRuns counts the library's goroutines still running, abandoned
// ones included; the fuzz targets check that none is left behind.
var pdfLibraryRuns atomic.Int64

// maxPageTreeDepth bounds the nesting of the page tree. Real trees are a
// few levels deep; one that contains itself is infinitely deep, and the
// library's page lookup would loop in it for ever.
const maxPageTreeDepth = 64

// checkPageTree walks the page tree as the library's page lookup does
// and refuses one too deep (containing itself) or too large, so that such
// a file goes to pdftotext instead of keeping the library busy.
func checkPageTree(r *pdf.Reader) error {
	nodes := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		if depth > maxPageTreeDepth {
			return fmt.Errorf("page tree deeper than %d levels (it contains itself?)", maxPageTreeDepth)
		}
		if nodes++; nodes > 2*maxPDFPages {
			return fmt.Errorf("page tree of more than %d nodes", 2*maxPDFPages)
		}
		if v.Key("Type").Name() != "Pages" {
			return nil
		}
		kids := v.Key("Kids")
		for i := range kids.Len() {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(r.Trailer().Key("Root").Key("Pages"), 0)
}

// pdfPageText reads page i (1-based) and reports whether it is a picture
// under an invisible text layer (pageText.sandwich) and whether it draws
// anything OCR could read, an image or text as outlines
// (pageText.drawsForOCR). The text is laid out by position
// where the page may hold a table (pdftable.go), else it is the page's
// lines (pageText).
//
// The forms the page draws are looked into (forms) only when its text is
// short (fewer than minTextLayerChars visible characters) or implausible:
// elsewhere what they draw decides nothing (weakTextLayer), and reading
// them would spend the document's budget for forms.
func pdfPageText(r *pdf.Reader, i int, fontEncoders map[string]pdf.TextEncoding, forms *formWalker) (text string, sandwich, images bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			text, sandwich, images, err = "", false, true, fmt.Errorf("page %d: panic: %v", i, p)
			switch p {
			case errPageTextCap:
				err = errPageTextTooLarge(i)
			case errStreamTooDeep:
				err = errContentTooDeep(i)
			case errStreamTooLarge:
				err = errPageContentTooLarge(i)
			}
		}
	}()
	p := r.Page(i)
	if p.V.IsNull() {
		return "", false, true, fmt.Errorf("page %d not found", i)
	}
	switch checkPageContent(p.V.Key("Contents")) {
	case contentTooDeep:
		return "", false, true, errContentTooDeep(i)
	case contentTooLarge:
		return "", false, true, errPageContentTooLarge(i)
	case contentStringTooLong:
		return "", false, true, errPageTextTooLarge(i)
	}
	t := readPageText(p, fontEncoders)
	text, shown := pageLayout(p, t)
	if len(t.forms) > 0 && (visibleChars(text) < minTextLayerChars || implausible(text)) {
		forms.lookIntoForms(p, t)
		switch {
		case forms.tooDeep:
			return "", false, true, errContentTooDeep(i)
		case forms.tooLong:
			return "", false, true, errPageTextTooLarge(i)
		}
	}
	return text, shown && t.sandwich(), t.drawsForOCR(), nil
}

// pageLayout is the page's text, laid out by position where it may hold
// a table (pdftable.go), else its lines; shown is false when the page
// shows no text at all.
func pageLayout(p pdf.Page, t *pageText) (text string, shown bool) {
	plain := t.objects.String()
	if strings.TrimSpace(plain) == "" {
		return "", false
	}
	if mayHoldTable(plain) {
		if table, ok := pdfTableText(p, plain); ok {
			return table, true // its rows end with an empty line, which must stay
		}
	}
	return flattenPDFLines(t.lines.String(), t.heights), true
}

func pdfTitle(r *pdf.Reader) string { return pdfInfo(r, "Title") }

// pdfInfo is an entry of the Info dictionary; "" when there is none.
func pdfInfo(r *pdf.Reader, key string) (value string) {
	defer func() {
		if recover() != nil {
			value = ""
		}
	}()
	return r.Trailer().Key("Info").Key(key).Text()
}

// flattenPDFLines turns every white-space run that holds line breaks into a
// single line break. The library starts a line for every text object, and
// an empty or blank object would otherwise look like a paragraph break
// (which Normalize keeps) in the middle of a phrase. Where the type size
// changes from one line to the next (heights, a line's type height,
// sizeChanges) the break is an empty line instead: a title set larger
// than the 文号 above it and the addressees below it ends there, and
// Normalize, which joins the lines of a wrapped phrase, would glue the
// title to both ("…12号杭州市…的实施意见各区、县…"). The lines of one
// paragraph share a size, so a phrase wrapped at a line's end is still
// joined.
func flattenPDFLines(s string, heights []float64) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	last := -1.0 // the height of the last line kept, -1 before the first
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		h := 0.0
		if i < len(heights) {
			h = heights[i]
		}
		switch {
		case last < 0:
		case sizeChanges(last, h):
			b.WriteString("\n\n")
		default:
			b.WriteByte('\n')
		}
		b.WriteString(l)
		last = h
	}
	return b.String()
}

// sizeChanges reports whether two lines' type heights differ as a
// title's from its text's do: by more than a tenth. 公文 set the title in
// 2号 (22 pt) over 3号 (16 pt) text; a line of the same size with a
// larger digit or a smaller note in it keeps its largest height.
func sizeChanges(a, b float64) bool {
	if a <= 0 || b <= 0 {
		return false // a height unknown (a form's text) says nothing
	}
	return min(a, b) < 0.9*max(a, b)
}

// implausible reports text that is not what the page says: garbage
// (isGarbled) or common characters in an order no writer would use
// (scrambled).
func implausible(s string) bool { return isGarbled(s) || scrambled(s) }

// choosePages picks each page from the library or from pdftotext; text
// that is implausible is never taken. garbled reports that a reader gave
// garbage for some page, and unreadable the pages left empty for it.
// scrambledLayers holds the text of the pages left empty because it read
// as scrambled: if OCR reads the rendered page the same way, the page says
// what its text layer said (ocrWeakPages).
func choosePages(lib pdfText, tool []string) (pages []string, fromTool, garbled bool, unreadable []int, scrambledLayers map[int]string) {
	n := max(len(lib.pages), len(tool))
	pages = make([]string, n)
	for i := range pages {
		var l, t, layer string
		garbledHere := false
		libOK := lib.err == nil && i < len(lib.pages) && !lib.failed[i]
		if libOK {
			l = lib.pages[i]
		}
		if i < len(tool) {
			t = tool[i]
		}
		if libOK && implausible(l) {
			garbledHere, libOK = true, false
			if !isGarbled(l) {
				layer = l
			}
		}
		toolOK := strings.TrimSpace(t) != ""
		if toolOK && implausible(t) {
			garbledHere, toolOK = true, false
			if layer == "" && !isGarbled(t) {
				layer = t
			}
		}
		garbled = garbled || garbledHere
		switch {
		case !libOK && toolOK:
			pages[i], fromTool = t, true
		case !libOK:
			pages[i] = "" // better no text than garbage in the index
			if garbledHere {
				unreadable = append(unreadable, i)
			}
			if layer != "" {
				if scrambledLayers == nil {
					scrambledLayers = map[int]string{}
				}
				scrambledLayers[i] = layer
			}
		case strings.TrimSpace(l) == "" && toolOK:
			pages[i], fromTool = t, true
		case toolOK && countHan(t) >= 2*countHan(l)+10:
			pages[i], fromTool = t, true
		default:
			pages[i] = l
		}
	}
	return pages, fromTool, garbled, unreadable, scrambledLayers
}

// markPages records source for the pages at indexes: SourceUnreadable for
// pages left empty because their text was garbage, SourceOCRSkipped for
// pages the OCR cap left out (they keep their text layer), so that a
// reader of the document sees which pages search cannot find.
func markPages(res *Result, indexes []int, source string) {
	if len(indexes) == 0 {
		return
	}
	if res.PageSources == nil {
		res.PageSources = make([]string, len(res.Pages))
		for i := range res.PageSources {
			res.PageSources[i] = SourceText
		}
	}
	for _, i := range indexes {
		res.PageSources[i] = source
	}
}

func countHan(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

func allEmpty(pages []string) bool {
	for _, p := range pages {
		if strings.TrimSpace(p) != "" {
			return false
		}
	}
	return true
}

func isTooLarge(err error) bool { return catalog.ErrorCode(err) == catalog.ETOOLARGE }

// isEncrypted recognises the library's and poppler's password errors.
func isEncrypted(errs ...error) bool {
	for _, err := range errs {
		if err == nil {
			continue
		}
		msg := strings.ToLower(err.Error())
		if strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") {
			return true
		}
	}
	return false
}

func errNoTextPDF() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 中没有可提取的文字（可能是扫描件，需要 OCR）；请上传含文字层的 PDF 或 Word 原件")
}

func errPDFGarbled() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 中的文字无法正确解码，读出的是乱码（字体缺少编码映射或映射有误，也可能是文件已损坏）；请从 Word、WPS 等原软件重新导出 PDF，或上传 Word 原件")
}

func errPDFEncrypted() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 文件已加密（设置了打开密码），无法提取文字；请去除密码后重新上传")
}

func errPDFCorrupt() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 文件已损坏或不完整，无法读取；请用 PDF 阅读器打开检查，重新导出或重新上传完整的文件")
}
