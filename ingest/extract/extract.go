package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// Format is a file format the archive can extract text from.
type Format string

// The formats Sniff can return and Extract can read.
const (
	FormatPDF  Format = "pdf"
	FormatDOCX Format = "docx"
	FormatTXT  Format = "txt"
	FormatHTML Format = "html"

	// Formats of the second wave (issue 11). Each extractor registers itself
	// in its own file with registerExtractor, so that formats land without
	// touching each other.
	FormatDOC   Format = "doc"   // Word 97–2003 and WPS files in the OLE format
	FormatODT   Format = "odt"   // OpenDocument text
	FormatRTF   Format = "rtf"   // Rich Text Format
	FormatOFD   Format = "ofd"   // GB/T 33190 electronic documents
	FormatXLSX  Format = "xlsx"  // Office Open XML spreadsheets
	FormatXLS   Format = "xls"   // Excel 97–2003 spreadsheets (OLE)
	FormatCSV   Format = "csv"   // comma-separated tables
	FormatPPTX  Format = "pptx"  // Office Open XML slides
	FormatImage Format = "image" // JPEG, PNG or TIFF (every frame a page), read by OCR
)

// Page sources, one per page in Result.PageSources.
const (
	SourceText       = catalog.SourceText
	SourceOCR        = catalog.SourceOCR
	SourceUnreadable = catalog.SourceUnreadable
	SourceOCRLow     = catalog.SourceOCRLow
	SourceGarbled    = catalog.SourceGarbled
	SourceOCRSkipped = catalog.SourceOCRSkipped
)

// ocrSource is the source of a page OCR read as text with mean confidence
// conf: SourceOCRLow under catalog.LowOCRConfidence, else SourceOCR (a
// blank page too: it has no confidence to judge).
func ocrSource(text string, conf float64) string {
	if conf < catalog.LowOCRConfidence && strings.TrimSpace(text) != "" {
		return SourceOCRLow
	}
	return SourceOCR
}

// Version is the version of the extraction rules (extractors plus
// Normalize). Stored text carries it; a document whose bytes were read by
// an older version is read again when it goes through the pipeline (an
// upload of the same bytes for another city or after a delete, a retry)
// instead of taking the old text. Raise it when a reader now reads what it
// read wrongly before. 2: photos turned upright (EXIF, OSD), Word web pages
// (MHT) read as HTML, labels merged down repeated in XLSX rows, DOCX and
// HTML tables as rows of cells. 3: PDF tables as rows of cells, labels
// merged down repeated in XLS rows, tilted scans levelled before OCR,
// pages OCR read with low confidence marked ocr-low.
const Version = 3

// readerRevisions raise Version for the text of one reader (by
// Result.Extractor) whose rules changed alone, so that `repair --outdated`
// reads again only what that reader gave rather than every document
// (scans by OCR again); a rise of Version raises every reader's. 1:
// spreadsheets and CSV with a run of more than maxEmptyRun empty cells in
// a row write it as one (a stray value in column XFD made each row 50 KB
// of separators). 2 (xls): numbers in General format (formula results)
// rounded to 15 significant digits as Excel shows them (0.3, not
// 0.30000000000000004), and dates in the Chinese built-in formats
// (2018年3月31日, format 31 with no FORMAT record) read as dates, not as
// serial numbers. 2 (xlsx): the same dates in an XLSX read as the date
// its Chinese format shows (2024年3月1日), not as the serial number 45352.
// 2 (csv): the separator chosen on the first lines, not the first alone,
// so that tab-separated text under a title row (an .xls a government
// system exported) reads as cells. 1 (pdf, pdftotext, ofd): simple fonts read through
// their ToUnicode maps (web pages printed to PDF by browsers, whose Type
// 3 fonts the library read as garbage and pdftotext out of order), and
// CJK radicals (⼈⺠) made the ideographs they stand for (人民) by
// Normalize: these readers' texts are where radicals come from. In the
// same rise (pdf, pdftotext): a page with a short text layer whose words
// are outlines (文字转曲) drawn inside forms, or merged into fills of many
// contours, is OCR'd, where its words were lost since short pages without
// pictures were trusted; fills of rectangles only (table shading) and
// forms using their page's resources that draw nothing OCR could read no
// longer send a page to OCR. 2 (pdf, pdftotext, ofd): the Kangxi radical
// ⼾ read as 户, not 戶 (catalog.RadicalIdeograph: a simplified font
// shares 户's glyph with it); in the same rise (pdf, ofd), a line set in a
// type size other than the line before it (a title over its 文号 and
// addressees) begins a paragraph of its own, where Normalize had glued
// the title to both (…12号杭州市…的实施意见各区、县…) in snippets, phrases
// and fields, a line break inside a string shown (pdf) written as a space
// so that each line keeps its type size. 3 (csv): Excel 2003's XML Spreadsheet named .xls, which it
// read as lines of markup, goes to its own reader (xmlss.go), and a
// tab-separated cell Excel quoted for its line breaks is one cell, not
// rows of its own (spreadsheet.TabRecords). 1 (html): each page of an MHT
// read, not its first alone, which in Excel's single-file web page is a
// frameset without text. 2 (html): an MHT's parts that are no page
// (WPS's script js.js and the tab strip of sheet names, sent as
// text/html) no longer read as pages, and WPS's UTF-8 pages labelled
// charset="us-ascii" read as UTF-8, not as windows-1252 mojibake. 3
// (pdftotext) and 1 (ocr): a 公文's masthead, 文号, title, addressees and
// signature set apart as paragraphs by their lines' layout, where these
// readers, which give no type sizes, had them glued (layoutbreaks.go);
// 3 (pdf, ofd) for the same in the pages of a scan they read by OCR.
// 4 (pdftotext, pdf, ofd) and 2 (ocr): those rules no longer cut phrases
// wrapped at a line's end: each page measured against its own body
// width, a short line ending its paragraph only after a sentence's end
// (the lines of a table's cell are all short). 5 (pdftotext) and 3
// (ocr): a signature block (杭州市教育局 / 2023年5月6日) set apart from
// the last paragraph and each of its lines a paragraph, where Normalize
// glued them (…名单杭州市教育局2023年5月6日), and a heading line (一、,
// （一）) from the line before it after a sentence's end or a heading.
// pdf and ofd stay at 4: these rules run only on pdftotext's and OCR's
// lines (breakLayoutLines), and the text these readers take from a born-
// digital page's text layer is unchanged, so raising them would read
// every PDF and OFD again for nothing (as 4 did). The text of a scan
// whose pages they OCR'd is versioned with ocr's revision added
// (ReaderOf's pdf+ocr, VersionOf): it is offered for reading again when
// ocr's rules rise, one read from the text layer alone is not. 4 (ocr):
// the spaces tesseract sets inside a number taken out (87 . 6%, 1. 5%,
// 95 %: joinOCRNumbers; never an item's number or a year, 1. 50%以上,
// 3. 2016 年底), where a value cited from the scan and a search
// for 87.6% found nothing; a scan's pages read by OCR (pdf+ocr, ofd+ocr)
// rise with it. 5 (ocr): a page read with low confidence that tesseract's
// orientation detection cannot judge (most Chinese pages) is read turned
// each way and the best reading kept (readTurned), where a page lying
// sideways was indexed as garbage. 1 (txt, xmlss), 3 (xls, xlsx) and 4
// (csv): Chinese text stored as mojibake (UTF-8 read as Windows-1252 and
// saved so, 2018å¹´ç¤¾åŒº…) turned back into it (mojibake.go), and a page
// whose mojibake cannot be undone marked SourceGarbled, where both were
// indexed as the document's text. 6 (ocr): a number OCR spaced after a
// word stating a quantity, with % or a unit after it, joined too (同比增长：
// 3. 5%, 达到 3. 5%: numread.SpacedPoint), where it stayed split as read;
// a scan's pages read by OCR rise with it. 7 (ocr): a Chinese page with a
// line chi_sim+eng read as Latin letters alone read again with chi_sim
// (pageLanguages), where such short Chinese lines stayed Latin letters (a 落款 萧山区人民政府 / 2022年6月1日 as "i LUDA
// ER BOTT / 20224F6 A148", 抄送 as "PIS"), and one or two Han characters
// of low confidence at a page's edge left out as noise; a scan's pages
// read by OCR rise with it. 8 (ocr): a 附件1, 特急 or 机密 at a page's
// top read with low confidence kept (documentMark), where it was left out as edge noise; and a Chinese
// line in which chi_sim+eng read a run of Latin capitals (8.6 FAK. for
// 8.6万人次, latinRun) read with chi_sim too, whose line is taken where it
// reads Han characters there, where such a line kept its Latin letters and
// a search for 8.6万 missed the scan. 5 (pdf): a line's type height
// taken from its Han characters where it has any (pageText.lineHeight),
// where a PDF from LibreOffice or WPS, digits in 12 pt beside Han
// characters in 10.5, had a paragraph break wherever a line with a
// figure met one without, and a word wrapped there was not found. 1
// (docx): footnotes, endnotes, headers and footers read with the body
// (docxparts.go), where they were left out of the text. 6 (pdf,
// pdftotext), 5 (ofd) and 2 (docx): a page's number in its footer or
// header (— 1 —, 第1页共3页; a bare 2 or 2/3 where the pages' run shows it
// one) no longer read as the page's first or last line (pagenumbers.go),
// nor a header's or footer's field a DOCX keeps (第3页共3页 on its first
// page), where a hit's passage and a cited quote ended in "— 2 —" and a
// phrase the page break cut (教学点四十五 / 个) had the number between its
// halves and was not found; a scan's pages read by OCR (pdf+ocr,
// ofd+ocr) rise with them. 3 (docx): a year alone on a header's or
// footer's line (2024 over 年度工作报告) kept (marginYear), where it was
// dropped as a page field. 7 (pdf, pdftotext) and 6 (ofd): a one-page
// document's 1/1 at its foot dropped as its page number
// (dropOnlyPageOfOne), where no run of pages could prove it one; a
// scan's pages read by OCR rise with them. 9 (ocr): the space tesseract
// reads where a thousands separator stands taken out (1,260个 read as
// 1 260 个 stored as 1260个: joinDigitGroups; never a table's cells, a
// year, a date or a phone number), where a search for 学校1260个 missed
// the scan; a scan's pages read by OCR rise with it. 10 (ocr): the word
// stating a quantity matched through the spaces chi_sim sets between its
// characters (达 到 38 .5 万 人 次), where 6's rule never saw 达到 in OCR's
// own lines and a search for 38.5万人次 missed the scan; a scan's pages
// read by OCR rise with it. 11 (ocr): the space tesseract sets between a
// number's unit sign and the Chinese character after it taken out (60%
// 以上 stored as 60%以上: joinSignToHan; never two spaces, a table's
// columns), where a search for 60%以上 missed the scan; a scan's pages
// read by OCR rise with it. 12 (ocr): the space chi_sim sets beside a
// full-width mark taken out (时间 ：2018年 stored as 时间：2018年:
// joinFullWidthPunct; never two spaces, a table's columns), where the page
// and its snippets showed 时间 ：; a scan's pages read by OCR rise with it.
var readerRevisions = map[string]int{"docx": 3, "xlsx": 3, "xls": 3, "csv": 4, "txt": 1, "xmlss": 1, "html": 2, "pdf": 7, "pdftotext": 7, "ofd": 6, "ocr": 12}

// VersionOf is the version of today's rules for the text of reader (an
// extractor, or ReaderOf's name for one that read pages by OCR): a stored
// text of a lower version was read by older ones. A reader that OCR'd
// pages (pdf+ocr) adds the ocr reader's revision to its own, so that its
// version rises when either does: a scan's pages read by the layout rules
// OCR had then are outdated once OCR's rise, though pdf's stay.
func VersionOf(reader string) int {
	name, ocr := strings.CutSuffix(reader, ocrSuffix)
	v := Version + readerRevisions[name]
	if ocr {
		v += readerRevisions["ocr"]
	}
	return v
}

// ocrSuffix marks, in ReaderOf's names, a reader some of whose pages OCR read.
const ocrSuffix = "+ocr"

// ReaderOf names the rules that gave a text extractor read, its pages'
// sources those (nil: every page from the file's text): the extractor
// itself, with "+ocr" when OCR read some of its pages and the extractor
// is not the OCR reader itself (a scanned PDF's or OFD's pages). The text
// is read by today's rules when its version is VersionOf that name.
func ReaderOf(extractor string, sources []string) string {
	if extractor == "ocr" || strings.HasSuffix(extractor, ocrSuffix) {
		return extractor
	}
	for _, s := range sources {
		if s == SourceOCR || s == SourceOCRLow {
			return extractor + ocrSuffix
		}
	}
	return extractor
}

// Default limits, used where a Limits field is zero or negative.
const (
	DefaultTimeout        = 60 * time.Second
	DefaultMaxTextBytes   = 64 << 20
	DefaultMaxUnzipped    = 100 << 20
	DefaultOCRPageTimeout = 60 * time.Second
	DefaultMaxOCRPages    = 500
)

// Limits bounds the work one extraction may do. Zero fields take the
// defaults above.
//
// OCR is bounded per page, not by Timeout alone: when an extractor is about
// to OCR n pages, the extraction's deadline moves out by n × OCRPageTimeout,
// and each page (rendering plus tesseract) must finish within
// OCRPageTimeout or the document fails. A page read with low confidence is
// shown to orientation detection and may be read again turned (readTurned,
// up to four more runs of tesseract): each of those runs has its own
// OCRPageTimeout and first moves the deadline out by one more, so the extra
// tries never spend the time granted for the document's first readings.
// So a 100-page scan at a few seconds a page finishes under the defaults,
// while a hung page still ends after one minute.
type Limits struct {
	Timeout      time.Duration // per extraction, default 60s, plus OCRPageTimeout per OCR'd page
	MaxTextBytes int64         // max extracted text, default 64 MiB
	MaxUnzipped  int64         // max decompressed bytes of any zip member read (docx), default 100 MiB

	OCRPageTimeout time.Duration // per OCR'd page (rendering and recognition), default 60s
	MaxOCRPages    int           // max pages OCR'd per document, default 500; the further pages of a PDF, TIFF or OFD are SourceOCRSkipped

	// Progress, when set, learns how far OCR has come: it is called with
	// (0, total) when an extractor knows it will OCR total pages of the
	// document, and with (done, total) after every OCR'd page. It is
	// called from the extraction's goroutine, never after Extract has
	// returned, and should return quickly. Documents without OCR never
	// call it.
	Progress func(done, total int) `json:"-"`

	// DeferOCR makes an extractor that would OCR a page stop with
	// ErrNeedsOCR instead, so the pipeline can read born-digital files
	// first and hand scans to its slower OCR workers.
	DeferOCR bool

	// Spent and Extended are what an earlier attempt at the same reading
	// took of its time (a child that ran out of its share of memory,
	// read again alone): the time it ran and the extensions it was
	// granted. This attempt has the rest, Timeout+Extended-Spent, and the
	// extensions it asks for count those granted before: the reading is
	// bounded by one Timeout (with its OCR pages') in all. Zero for a
	// first attempt in process; in a sandbox child it counts too the
	// time the reading took before the child read its request
	// (childclock.go).
	Spent, Extended time.Duration
}

// left is the time this attempt has before its deadline.
func (l Limits) left() time.Duration { return l.Timeout + l.Extended - l.Spent }

// deadline is a reading's own clock (in process or in its child),
// started Spent ago with Timeout plus Extended; the first Extended of the
// extensions it asks for are the ones the earlier attempt was granted,
// so they do not move it again, and only those past them are told
// (extendNotifyKey). So an attempt ends by Timeout plus the extensions
// of the attempt that asked for more, in all.
func (l Limits) deadline(parent context.Context) (*stretchable, context.CancelFunc) {
	return withStretchableSince(parent, time.Now().Add(-l.Spent), l.Timeout+l.Extended, l.Extended)
}

// watch is a parent's clock over its child's reading: the child's clock
// (deadline) plus grace. It takes no credit: the child takes it and tells
// only the extensions past it, and a parent that took it again would
// kill the child up to Extended before the child's own deadline.
func (l Limits) watch(parent context.Context, grace time.Duration) (*stretchable, context.CancelFunc) {
	return withStretchableSince(parent, time.Now().Add(-l.Spent), l.Timeout+l.Extended+grace, 0)
}

// ErrNeedsOCR is returned (wrapped) when Limits.DeferOCR is set and the
// file has pages that only OCR can read.
var ErrNeedsOCR = errors.New("file needs OCR")

func (l Limits) withDefaults() Limits {
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultMaxTextBytes
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = DefaultMaxUnzipped
	}
	if l.OCRPageTimeout <= 0 {
		l.OCRPageTimeout = DefaultOCRPageTimeout
	}
	if l.MaxOCRPages <= 0 {
		l.MaxOCRPages = DefaultMaxOCRPages
	}
	return l
}

// Result is the text extracted from one file.
type Result struct {
	Extractor string   // "pdf", "pdftotext", "docx", "txt", "html"
	Version   int      // VersionOf(ReaderOf(Extractor, PageSources))
	Pages     []string // normalised text of each page, page 1 first; never contains '\f'
	Title     string   // a title found in the file (HTML <title>, DOCX dc:title, PDF Info Title), "" if none
	Encoding  string   // for txt/html: the detected encoding, e.g. "utf-8", "gb18030"
	// Head is the start of the document as written, before Normalize
	// folded its full-width marks: the file's own title (if any) on a
	// line, then the first lines of its first page with text (headOf). A
	// title read from the folded pages takes back the marks the document
	// wrote from it (fields.Unfold): 管理办法（试行）, not 管理办法(试行).
	Head string

	// PageSources says for each page where its text came from (SourceText,
	// SourceOCR, or SourceOCRLow when OCR read it with low confidence), or
	// that its text was garbage no reader could mend
	// (SourceUnreadable, the page empty), or that it was left out of OCR
	// by Limits.MaxOCRPages (SourceOCRSkipped, its text layer kept); nil
	// means every page is SourceText.
	PageSources []string
	// OCRConfidence is the mean recognition confidence (0–1) over the OCR'd
	// pages, or nil when no page was OCR'd.
	OCRConfidence *float64
	// SealPages lists the 1-based pages on which a red official seal (公章)
	// was found: a round or oval red stamp on a scan or photo, or an OFD
	// electronic seal.
	SealPages []int
}

// extractor reads the file at path and returns raw (not yet normalised)
// pages. It should stop early when ctx is done; Extract returns at the
// deadline whether it does or not.
type extractor func(ctx context.Context, path string, lim Limits) (*Result, error)

var extractors = map[Format]extractor{
	FormatPDF:  extractPDF,
	FormatDOCX: extractDOCX,
	FormatTXT:  extractTXT,
	FormatHTML: extractHTML,
}

// registerExtractor adds the reader of one format; called from the init of
// the format's own file.
func registerExtractor(f Format, run extractor) {
	if _, dup := extractors[f]; dup {
		panic("extract: two extractors for " + string(f))
	}
	extractors[f] = run
}

// Extract reads the file at path as format and returns its normalised text,
// page by page.
//
// It never panics: every extractor runs under recover. It gives up after
// lim.Timeout (moved out by lim.OCRPageTimeout for every page an extractor
// OCRs, see Limits) and returns then even if an extractor is still busy; the PDF
// library cannot be interrupted, so a goroutine stuck inside it keeps running
// (and holding the open file) until the library returns by itself, and its
// result is discarded. Cooperative extractors (DOCX, TXT, HTML, pdftotext)
// stop at the deadline.
//
// Errors a user should see are *catalog.Error values with a Chinese message
// (EINVALID for unreadable, corrupt or empty content and for timeouts,
// ETOOLARGE for decompression bombs and text over lim.MaxTextBytes,
// EUNSUPPORTED for an unknown format), wrapped with the format and file name
// for logs. If ctx itself is cancelled, the error wraps ctx.Err() and carries
// no application code, so that the job can be retried.
func Extract(ctx context.Context, format Format, path string, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	run, ok := extractors[format]
	if !ok {
		return nil, fmt.Errorf("extract %q %s: %w", format, filepath.Base(path), errUnsupportedFormat())
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("extract %s %s: %w", format, filepath.Base(path), err)
	}
	res, err := runGuarded(ctx, format, run, path, lim)
	if err != nil {
		return nil, fmt.Errorf("extract %s %s: %w", format, filepath.Base(path), err)
	}
	return res, nil
}

// ExtractOpen is Extract of a file the caller has open at its start and
// closes; a plain-text file is read from it rather than opened again (a
// file's open was a fifth of a plain-text reading's CPU, bench/README.md,
// ingest step 31), any other format by its name.
func ExtractOpen(ctx context.Context, format Format, f *os.File, lim Limits) (*Result, error) {
	if format != FormatTXT {
		return Extract(ctx, format, f.Name(), lim)
	}
	lim = lim.withDefaults()
	read := func(ctx context.Context, _ string, lim Limits) (*Result, error) { return readTXT(ctx, f, lim) }
	res, err := runGuarded(ctx, format, read, f.Name(), lim)
	if err != nil {
		return nil, fmt.Errorf("extract %s %s: %w", format, filepath.Base(f.Name()), err)
	}
	return res, nil
}

// runGuarded runs one extractor and the normalisation of its pages in a
// goroutine of their own under recover, and waits for them or for the
// deadline, whichever comes first.
func runGuarded(parent context.Context, format Format, run extractor, path string, lim Limits) (*Result, error) {
	ctx, cancel := lim.deadline(parent)
	defer cancel()

	type outcome struct {
		res *Result
		err error
	}
	// Buffered, so an extractor that finishes after we gave up does not
	// block forever on the send.
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{err: fmt.Errorf("panic: %v: %w", r, errCorrupt())}
			}
		}()
		res, err := run(ctx, path, lim)
		if err == nil && res != nil {
			err = finish(res, format, lim)
		}
		done <- outcome{res, err}
	}()

	select {
	case o := <-done:
		if o.err != nil && ctx.Err() != nil && isContextError(o.err) {
			return nil, deadlineError(parent, ctx.budget())
		}
		if o.err == nil && o.res == nil {
			return nil, fmt.Errorf("extractor returned no result: %w", errCorrupt())
		}
		return o.res, o.err
	case <-ctx.Done():
		return nil, deadlineError(parent, ctx.budget())
	}
}

// deadlineError tells a cancellation by the caller (retryable, no code)
// from our own time limit (EINVALID, the file is too slow to read).
func deadlineError(parent context.Context, budget time.Duration) error {
	if err := parent.Err(); err != nil {
		return fmt.Errorf("cancelled: %w", err)
	}
	return fmt.Errorf("gave up after %s: %w", budget, errTimeout(budget))
}

func isContextError(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// finish normalises every page, enforces the text limit and rejects files
// without any text.
func finish(res *Result, format Format, lim Limits) error {
	if mojibakeReaders[res.Extractor] {
		mendMojibake(res)
	}
	res.Version = VersionOf(ReaderOf(res.Extractor, res.PageSources))
	res.Head = headOf(res.Title, res.Pages, res.PageSources)
	res.Title = strings.TrimSpace(Normalize(res.Title))
	if len(res.Pages) == 0 {
		res.Pages = []string{""}
	}
	var total int64
	empty := true
	for i, p := range res.Pages {
		res.Pages[i] = Normalize(p)
		total += int64(len(res.Pages[i]))
		if res.Pages[i] != "" {
			empty = false
		}
	}
	if total > lim.MaxTextBytes {
		return errTextTooLarge(lim.MaxTextBytes)
	}
	if empty {
		if format == FormatPDF {
			return errNoTextPDF()
		}
		return catalog.Errorf(catalog.EINVALID, "文件中没有可提取的文字（可能只包含图片或是空白文档）；请上传含文字的文件")
	}
	return nil
}

// textBudget counts extracted bytes against Limits.MaxTextBytes so that an
// extractor can stop as soon as the limit is passed instead of building a
// huge string first.
type textBudget struct {
	max, used int64
}

func (b *textBudget) add(n int) error {
	b.used += int64(n)
	if b.used > b.max {
		return errTextTooLarge(b.max)
	}
	return nil
}

// readCapped reads a whole file, refusing files larger than max bytes.
func readCapped(path string, max int64, tooLarge func() error) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCappedFile(f, max, tooLarge)
}

// readCappedFile is readCapped of a file open at its start.
func readCappedFile(f *os.File, max int64, tooLarge func() error) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() > max {
		return nil, tooLarge()
	}
	data := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(f.Name()), err)
	}
	return data, nil
}

// formatBytes renders a limit for a user: "100 MiB", "64 KiB", "512 字节".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// The application errors a user may see. Messages say what is wrong and what
// to do about it.

func errUnsupportedFormat() error {
	return ourMessage(catalog.EUNSUPPORTED, "暂不支持该文件格式；%s，请另存为其中一种格式后重新上传", supportedFormats(false))
}

// ourMessage is catalog.Errorf for messages whose values are our own words
// (format names, advice), so that their punctuation is made full-width too.
func ourMessage(code, format string, args ...any) error {
	e := catalog.Errorf(code, "%s", catalog.Fullwidth(fmt.Sprintf(format, args...)))
	// Our words put into the message are Chinese (format names, advice):
	// an English message only when none of them is, or each has its
	// English (catalog.Words).
	if !slices.ContainsFunc(catalog.EnglishValues(args), func(a any) bool {
		return strings.IndexFunc(fmt.Sprint(a), func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	}) {
		e.English = catalog.EnglishOf(format, args...)
	}
	return e
}

func errCorrupt() error {
	return catalog.Errorf(catalog.EINVALID, "文件内容已损坏或格式不正确，无法提取文字；请用原软件打开检查，重新导出后上传")
}

func errTimeout(d time.Duration) error {
	return catalog.Errorf(catalog.EINVALID, "提取文字超时：读取超过了时间上限 %s（文件过大或结构异常，服务器繁忙时也会如此）；服务器繁忙时重试可能成功，仍失败时请拆分文件或重新导出后上传", formatSeconds(d))
}

func errTextTooLarge(max int64) error {
	return catalog.Errorf(catalog.ETOOLARGE, "提取出的文字超过 %s 上限，已停止处理；请将文件拆分后分别上传", formatBytes(max))
}
