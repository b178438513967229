package extract

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // page images: JPEG, PNG and TIFF frames
	_ "image/png"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp" // Android and WeChat save photos as WebP

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/exif"
)

// ocrLanguages are the tesseract models OCR needs: chi_sim and eng
// (latinLanguages), chi_sim alone for a Chinese page a line of which they
// read as Latin letters (pageLanguages).
var ocrLanguages = []string{"chi_sim", "eng"}

// pageLanguages reads again a Chinese page on which latinLanguages read a
// line as Latin letters (runTesseract): chi_sim alone. With eng beside it
// (chi_sim+eng), tesseract reads each line with both models and keeps what
// scores better, and on a short line of large Chinese type the Latin
// reading won: the 落款 of a clean 300 dpi scan (萧山区人民政府 /
// 2022年6月1日) came out as "i LUDA ER BOTT / 20224F6 A148", a 抄送 line as
// "PIS: HAPAIT, WAKKRBADAT", a 文号's 12号 as "DE", 二〇一八年 dates as
// "2019 £12 A 208". chi_sim knows Latin letters and digits itself: on the
// fixtures' pages it read every such line as Chinese, and Latin words in
// a Chinese page (MOOC, Wi-Fi, www.…gov.cn, ISBN 978-7-…) as well as
// chi_sim+eng did.
const pageLanguages = "chi_sim"

// latinLanguages reads a page first: chi_sim+eng. On an English page
// chi_sim alone misreads a word in ten or so (Beljing, 58.69%).
const latinLanguages = "chi_sim+eng"

// tesseractPSM is tesseract's page segmentation mode: 6, one uniform block
// of text, which is what an official document's page is. Measured on the
// stamped scan at 300 dpi (Han accuracy page 1 / sealed page 2): psm 3
// (automatic layout) 0.970 / 0.886, psm 4 0.970 / 0.871, psm 6 0.988 /
// 0.914; psm 3 split the first character of every line ("三、", "四、")
// into a column of junk. Pages laid out in columns or tables may read
// worse. TestOCRAccuracy with EVIDENCE_OCR_SWEEP=1 reprints the table.
var tesseractPSM = "6"

// MaxImagePixels refuses a page image before it is decoded: 100 million
// pixels is an A4 page at about 1,200 dpi, far beyond any scan, and already
// 200 MB in our two one-byte planes. A 30,000×30,000 image (900 million
// pixels, a few KB as a PNG) is a decompression bomb.
const MaxImagePixels = 100_000_000

// maxOCROutput bounds what we read of tesseract's TSV for one page.
const maxOCROutput = 16 << 20

// ocrPage reads one page image by OCR: the default of the ocrImage hook.
//
// It checks the image's size from its header before decoding it (ETOOLARGE
// past MaxImagePixels), finds and whitens red seals (seal.go), skips pages
// without ink, turns a JPEG as its EXIF tag says, evens out uneven light
// (light.go), levels a tilted page (deskew.go), and runs tesseract on the
// grey image under lim.OCRPageTimeout; a page read with low confidence that
// tesseract finds turned, or that it cannot judge, is read again upright (orient.go). A missing tesseract or language model is
// errReaderMissing (EUNSUPPORTED); a page that takes too long is EINVALID.
func ocrPage(ctx context.Context, data []byte, lim Limits) (PageOCR, error) {
	lim = lim.withDefaults()
	tess, err := findTesseract(ctx)
	if err != nil {
		return PageOCR{}, err
	}
	img, err := decodePageImage(data)
	if err != nil {
		return PageOCR{}, err
	}
	in := prepareForOCR(img, true)
	img = nil // the original can go before tesseract runs
	out := PageOCR{Seal: len(in.seals) > 0}
	if in.blank {
		return out, nil
	}
	page := level(flattenLight(orientGray(in.gray, exif.Orientation(data))))
	out.Text, out.Confidence, err = runTesseract(ctx, tess, page, lim)
	if err != nil || out.Confidence >= reorientBelow {
		return out, err
	}
	return readTurned(ctx, tess, page, lim, out)
}

// decodePageImage decodes a JPEG, PNG, TIFF (first frame) or PPM after
// checking its dimensions.
func decodePageImage(data []byte) (image.Image, error) {
	if bytes.HasPrefix(data, []byte("P6")) {
		return decodePPM(data) // a PDF page rendered by pdftoppm
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("image header: %v: %w", err, errImageCorrupt())
	}
	if err := checkImageSize(cfg.Width, cfg.Height); err != nil {
		if format == "jpeg" && catalog.ErrorCode(err) == catalog.ETOOLARGE {
			err = errPhotoTooLarge(cfg.Width, cfg.Height)
		}
		return nil, fmt.Errorf("%s %d×%d: %w", format, cfg.Width, cfg.Height, err)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %v: %w", format, err, errImageCorrupt())
	}
	return img, nil
}

func checkImageSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return errImageCorrupt()
	}
	if int64(w)*int64(h) > MaxImagePixels {
		return catalog.Errorf(catalog.ETOOLARGE,
			"图片尺寸过大（%d×%d 像素，超过 %s像素上限），可能是异常文件；请以 300 dpi 左右重新扫描或缩小后上传", w, h,
			catalog.Words{Chinese: fmt.Sprintf("%d 万", MaxImagePixels/10000), English: fmt.Sprintf("%d million", MaxImagePixels/1_000_000)})
	}
	return nil
}

// errPhotoTooLarge refuses a JPEG past MaxImagePixels. A JPEG that large is
// a photo from a phone's 108- or 200-megapixel mode (12000×9000 is past
// the limit), not a scan nor a bomb: the advice is the camera's default
// size, which reads as well.
func errPhotoTooLarge(w, h int) error {
	return catalog.Errorf(catalog.ETOOLARGE,
		"照片像素过高（%d×%d 像素，超过 %s像素上限）；请在手机相机中改用默认的照片尺寸（如 1200 万像素）重新拍摄，或压缩后上传", w, h,
		catalog.Words{Chinese: fmt.Sprintf("%d 万", MaxImagePixels/10000), English: fmt.Sprintf("%d million", MaxImagePixels/1_000_000)})
}

// findTesseract returns the tesseract program, checking once per path that
// it has the language models we use.
func findTesseract(ctx context.Context) (string, error) {
	path := lookProgram("tesseract")
	if path == "" {
		return "", errReaderMissing(catalog.Words{Chinese: "文字识别程序 tesseract", English: "the OCR program tesseract"}, pkgTesseract)
	}
	if _, ok := tesseractChecked.Load(path); ok {
		return path, nil
	}
	langs, err := tesseractLanguages(ctx, path)
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("%v: %w", err, errReaderMissing(catalog.Words{Chinese: "可用的文字识别程序 tesseract", English: "a working OCR program tesseract"}, pkgTesseract))
	}
	for _, l := range ocrLanguages {
		if !langs[l] {
			return "", fmt.Errorf("tesseract lacks %s: %w", l, errReaderMissing(catalog.Words{Chinese: "tesseract 的中文识别语言包 chi_sim", English: "the Chinese language data of tesseract (chi_sim)"}, pkgTesseract))
		}
	}
	tesseractChecked.Store(path, true) // only success is remembered: an install is seen at once
	return path, nil
}

var tesseractChecked sync.Map // path → true

// tesseractLanguages runs `tesseract --list-langs`.
func tesseractLanguages(ctx context.Context, path string) (map[string]bool, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := newHelperCmd(ctx, path, "--list-langs")
	cmd.ownGroup()
	out, err := cmd.combinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s --list-langs: %v", path, err)
	}
	langs := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.Contains(l, " ") {
			langs[l] = true
		}
	}
	return langs, nil
}

// runTesseract reads the grey page with latinLanguages and, when that
// reading is of a Chinese page with a line of Latin letters alone
// (latinLine) or a Chinese line with a run of Latin capitals (latinRun),
// again with pageLanguages, whose lines replace those where chi_sim read
// Chinese: the line, or the run, was Chinese that the English model won.
// Only such pages pay the second reading, and only those lines take it
// (chiSimLines): chi_sim alone read other lines no better, and a 文号's 号
// under a seal it reads as 史, which the fields reader does not know as a
// misread, where chi_sim+eng read %; an English title or a web address
// elsewhere on the page keeps its reading.
func runTesseract(ctx context.Context, path string, page *image.Gray, lim Limits) (string, float64, error) {
	text, conf, err := runTesseractWith(ctx, path, page, lim, latinLanguages)
	if err != nil || latinPage(text) || !slices.ContainsFunc(strings.Split(text, "\n"), readAgain) {
		return text, conf, err
	}
	extendDeadline(ctx, lim.OCRPageTimeout)
	han, hanConf, err := runTesseractWith(ctx, path, page, lim, pageLanguages)
	if err != nil {
		// The first reading stands, unless the work is over.
		return text, conf, ctx.Err()
	}
	if merged, ok := chiSimLines(text, han); ok {
		return merged, conf, nil
	}
	return han, hanConf, nil
}

// chiSimLines is first, the page as chi_sim+eng read it, with the lines
// the English model made Latin of taken from second, chi_sim's reading
// (chiSimLine). The page's layout is found before either model reads
// it, so the two readings have the same lines, though not always the same
// empty lines between them: the paragraph breaks follow from what a line
// reads (a 文号 line, a sentence's end), and 8.6 FAK. ends no sentence
// where 8.6万人次。 does. The lines with text are matched in order; ok is
// false when their number differs, and the caller keeps the second
// reading whole. A break between two lines of one reading is that
// reading's; between a line of each, either's.
func chiSimLines(first, second string) (string, bool) {
	a, b := textLines(first), textLines(second)
	if len(a) != len(b) {
		return "", false
	}
	var out strings.Builder
	taken := make([]bool, len(a))
	for i := range a {
		taken[i] = chiSimLine(a[i].text, b[i].text)
		line := a[i]
		if taken[i] {
			line = b[i]
		}
		if i > 0 {
			brk := a[i].breakBefore
			switch {
			case taken[i] && taken[i-1]:
				brk = b[i].breakBefore
			case taken[i] != taken[i-1]:
				brk = brk || b[i].breakBefore
			}
			out.WriteString("\n")
			if brk {
				out.WriteString("\n")
			}
		}
		out.WriteString(line.text)
	}
	return out.String(), true
}

// textLine is a line of a page's text that is not empty, and whether an
// empty line (a paragraph's end) stands before it.
type textLine struct {
	text        string
	breakBefore bool
}

// textLines are the lines of text of a page as parseTesseractTSV writes
// it.
func textLines(text string) []textLine {
	var out []textLine
	gap := false
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" {
			gap = len(out) > 0
			continue
		}
		out = append(out, textLine{text: l, breakBefore: gap})
		gap = false
	}
	return out
}

// chiSimLine tells whether chi_sim's reading of a line (han) replaces
// chi_sim+eng's (line): a line of Latin letters alone or of Latin scraps
// and digits (latinLine, scrapLine) when chi_sim read Han characters; a
// Chinese line with a run of Latin capitals (latinRun: 8.6 FAK. for
// 8.6万人次) when chi_sim read more Han characters and fewer Latin
// letters, Han where the English model saw letters. A Latin word or
// abbreviation the line writes (MOOC, ISBN) chi_sim reads as Latin too,
// so the line keeps its reading.
func chiSimLine(line, han string) bool {
	if !strings.ContainsFunc(han, isHan) {
		return false
	}
	if latinLine(line) || scrapLine(line) {
		return true
	}
	return latinRun(line) && countRunes(han, isHan) > countRunes(line, isHan) &&
		countRunes(han, isLatin) < countRunes(line, isLatin)
}

// readAgain tells whether a line of chi_sim+eng's reading of a Chinese
// page asks for chi_sim's (runTesseract).
func readAgain(line string) bool { return latinLine(line) || latinRun(line) }

// latinRun reports a line with Han characters and a run of two Latin
// capitals or more not in a word of four lower-case letters or more: what
// the English model made of Chinese it read in a Chinese line, 8.6 FAK.
// for 8.6万人次 (a 150 dpi scan, probe s43). An abbreviation the line
// writes (MOOC, GDP) is such a run too: it costs the page a second
// reading, in which chi_sim reads it as written (chiSimLine).
func latinRun(line string) bool {
	if !strings.ContainsFunc(line, isHan) {
		return false
	}
	for _, word := range strings.FieldsFunc(line, func(r rune) bool { return !isLatin(r) }) {
		upper, lower := 0, 0
		for _, r := range word {
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
		}
		if upper >= 2 && lower < 4 {
			return true
		}
	}
	return false
}

// isLatin reports an ASCII letter.
func isLatin(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }

// countRunes counts the runes of s that f reports.
func countRunes(s string, f func(rune) bool) int {
	n := 0
	for _, r := range s {
		if f(r) {
			n++
		}
	}
	return n
}

// scrapLine reports a line of digits and Latin capitals, no Han character
// nor English word: the English model's reading of a Chinese date
// (20224F6 A148 for 2022年6月1日). It alone does not start a second
// reading (latinLine does): on a page read again, it takes chi_sim's line
// when that has Han characters.
func scrapLine(line string) bool {
	if strings.ContainsFunc(line, isHan) || !strings.ContainsFunc(line, unicode.IsDigit) {
		return false
	}
	letters, lower := 0, 0
	for _, r := range line {
		switch {
		case 'a' <= r && r <= 'z':
			letters++
			if lower++; lower >= 4 {
				return false
			}
			continue
		case 'A' <= r && r <= 'Z':
			letters++
		}
		lower = 0
	}
	return letters >= 2
}

// latinLine reports a line of at least three Latin letters and no Han
// character nor digit: "i LUDA ER BOTT" for 萧山区人民政府. A line with
// digits may be a date the fields reader reads as it is (2023 #3 ALA
// on sealed-photo.jpg, whose 文号's 号 chi_sim alone reads as 史).
//
// A line with a word of four lower-case letters or more is English as
// written (an English title, www.hangzhou.gov.cn): what the English model
// makes of Chinese is capitals and scraps (LUDA ER BOTT, ot LUI DC).
func latinLine(line string) bool {
	latin, lower := 0, 0
	for _, r := range line {
		switch {
		case unicode.Is(unicode.Han, r), '0' <= r && r <= '9':
			return false
		case 'a' <= r && r <= 'z':
			latin++
			if lower++; lower >= 4 {
				return false
			}
			continue
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			latin++
		}
		lower = 0
	}
	return latin >= 3
}

// latinPage reports whether text has more Latin letters than Han
// characters.
func latinPage(text string) bool {
	latin, han := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			latin++
		}
	}
	return latin > han
}

// runTesseractWith feeds the grey page to tesseract as a PGM on stdin,
// with the models langs, and reads TSV from stdout: words with their
// confidences. Its process group is killed when the page's time is up, so
// that nothing it started outlives the call.
func runTesseractWith(ctx context.Context, path string, page *image.Gray, lim Limits, langs string) (string, float64, error) {
	pctx, cancel := context.WithTimeout(ctx, lim.OCRPageTimeout)
	defer cancel()
	cmd := newHelperCmd(pctx, path, "stdin", "stdout", "-l", langs, "--psm", tesseractPSM, "tsv")
	// One thread per page: pages of different documents run in parallel
	// (EVIDENCE_OCR_WORKERS), and OpenMP threads fighting over two cores
	// were slower.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = bytes.NewReader(encodePGM(page))
	stdout := &cappedBuffer{max: maxOCROutput}
	stderr := &cappedBuffer{max: 4096, discard: true}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.ownGroup()
	err := cmd.run()
	switch {
	case ctx.Err() != nil:
		return "", 0, fmt.Errorf("tesseract: %w", ctx.Err())
	case pctx.Err() != nil:
		return "", 0, fmt.Errorf("tesseract killed after %s: %w", lim.OCRPageTimeout, errOCRTimeout(lim.OCRPageTimeout))
	case stdout.overflow:
		return "", 0, errTextTooLarge(maxOCROutput)
	case cmd.outOfMemory(stderr, err):
		return "", 0, errHelperTooComplex("tesseract", err)
	case err != nil:
		msg := strings.ReplaceAll(strings.TrimSpace(stderr.buf.String()), "\n", " | ")
		return "", 0, fmt.Errorf("tesseract: %v: %s: %w", err, msg, errImageCorrupt())
	}
	text, conf := parseTesseractTSV(stdout.buf.Bytes())
	return text, conf, nil
}

// encodePGM writes a binary PGM, which leptonica reads from a pipe without
// the cost of PNG compression.
func encodePGM(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	head := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	buf := make([]byte, 0, len(head)+w*h)
	buf = append(buf, head...)
	for y := range h {
		off := g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y)
		buf = append(buf, g.Pix[off:off+w]...)
	}
	return buf
}

// parseTesseractTSV rebuilds the text from tesseract's TSV (level 5 rows
// are words): words of a line joined by spaces (Normalize removes those
// between Han characters; joinOCRNumbers those inside a number), lines by "\n", blocks by "\n\n", and lines
// where a 公文's layout ends a paragraph by "\n\n" too (breakLayoutLines,
// told by where each line's words stand). conf is the
// mean word confidence scaled to 0–1, 0 when there are no words. Noise at
// the page's top and bottom edges is left out (edgeNoise).
func parseTesseractTSV(tsv []byte) (text string, conf float64) {
	all := tsvLines(tsv)
	// The confidence is of every word read, noise included: a page that
	// reads badly stays marked so (ocr-low), and a page turned sideways is
	// still read again upright, as before the noise was left out.
	var sum float64
	words := 0
	for _, l := range all {
		for _, w := range l.words {
			sum += w.conf
			words++
		}
	}
	if words == 0 {
		return "", 0
	}
	conf = sum / float64(words) / 100
	lines := trimEdgeNoise(all)
	var placed []layoutLine
	for i, l := range lines {
		if i > 0 && l.block != lines[i-1].block {
			placed = append(placed, layoutLine{}) // an empty line between blocks
		}
		placed = append(placed, layoutLine{text: lineText(l), left: l.left, right: l.right})
	}
	return breakLayoutLines(placed, true), conf
}

// lineText is the words of l parted by one space, their numbers joined
// (joinOCRNumbers). A word ending in a digit and the next starting with
// one that tesseract placed farther apart than a character is high are
// two cells of a table's row (上城区 3 │ 260 个), not the groups of one
// number, whose thousands separator leaves a narrow gap (1 260 个): while
// joinOCRNumbers reads the line they are parted by two spaces, which
// joinDigitGroups never joins across, and then by one as every other
// word. So are a word ending in a number's unit sign and the next
// starting with a Chinese character (合格率 │ 95% │ 达标), which
// joinOCRNumbers joins when they stand a character's gap apart (60% 以上).
// A space beside a full-width mark goes too (joinFullWidthPunct).
func lineText(l ocrLine) string {
	var b strings.Builder
	wide := false
	for j, w := range l.words {
		if j > 0 {
			b.WriteByte(' ')
			if columnGap(l.words[j-1], w) {
				b.WriteByte(' ')
				wide = true
			}
		}
		b.WriteString(w.text)
	}
	text := joinFullWidthPunct(joinOCRNumbers(b.String()))
	if wide {
		text = strings.ReplaceAll(text, "  ", " ")
	}
	return text
}

// columnGap reports whether a, ending in a digit or a unit sign, and b,
// next on its line and starting with a digit (or, after a sign, with a
// Chinese character), are set a column apart: a gap wider than the
// taller of them is high.
func columnGap(a, b ocrWord) bool {
	h := max(a.height, b.height)
	if h <= 0 || b.left-a.right <= h || a.text == "" || b.text == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(a.text)
	first, _ := utf8.DecodeRuneInString(b.text)
	return isASCIIDigit(last) && isASCIIDigit(first) || unitSign(last) && isCJK(first)
}

// ocrWord is one word of tesseract's TSV with its confidence (0–100).
type ocrWord struct {
	text string
	conf float64
	// left, right and height place the word's box on the page, in pixels.
	left, right, height float64
}

// ocrLine is one line of tesseract's TSV: its block, its words, and the
// left and right edges of its words in pixels.
type ocrLine struct {
	block, line string
	words       []ocrWord
	left, right float64
}

// tsvLines groups the words of tesseract's TSV into lines, in order.
func tsvLines(tsv []byte) []ocrLine {
	var lines []ocrLine
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		word := strings.TrimSpace(f[11])
		c, err := strconv.ParseFloat(f[10], 64)
		if word == "" || err != nil || c < 0 {
			continue
		}
		block := f[1] + "." + f[2]
		line := block + "." + f[3] + "." + f[4]
		left, _ := strconv.ParseFloat(f[6], 64)
		width, _ := strconv.ParseFloat(f[8], 64)
		height, _ := strconv.ParseFloat(f[9], 64)
		if n := len(lines); n == 0 || lines[n-1].line != line {
			lines = append(lines, ocrLine{block: block, line: line, left: left, right: left + width})
		}
		l := &lines[len(lines)-1]
		l.words = append(l.words, ocrWord{text: word, conf: c, left: left, right: left + width, height: height})
		l.left, l.right = min(l.left, left), max(l.right, left+width)
	}
	return lines
}

// edgeNoiseBelow is the word confidence under which a line without a Han
// character at the top or bottom of a page is taken for noise. Measured on
// photo.jpg: the shadow at its top edge read "EEE" at 23, the bottom edge
// "ee" at 7; the lines of text between read 56–97 a word.
const edgeNoiseBelow = 40

// trimEdgeNoise drops the first and last lines of a page while they are
// edgeNoise: a phone photo's paper edge, the desk or a shadow that
// tesseract reads as a line of Latin letters. "EEE" before the first line
// became the title of every photo handed in (EEE成都市社区教育工作情况报告).
// A page none of whose lines has a Han character read well (a blurred
// photo, an English page) keeps every line.
func trimEdgeNoise(lines []ocrLine) []ocrLine {
	if !slices.ContainsFunc(lines, readWell) {
		return lines
	}
	for len(lines) > 0 && edgeNoise(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && edgeNoise(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// edgeNoise tells whether a line has fewer than edgeNoiseHan Han
// characters, fewer than two digits and no word read with confidence
// edgeNoiseBelow or more. A line with digits is kept however badly read:
// the last row of a photographed table (the figures a value cites), a page
// number, a date, a 份号. chi_sim alone (pageLanguages) reads the paper's
// edge as a Han character or two where chi_sim+eng read Latin letters:
// photo.jpg's top edge "四ee" (confidence 0 and 29), its bottom "本" (0).
//
// A 公文's mark at the top of its first page is kept however badly read:
// 附件1 on an attachment's first page (how a reviewer tells one), the
// urgency 特急 or the secrecy 机密★1年 (documentMark); a stamp over it or
// a light scan leaves it two Han characters read with low confidence.
func edgeNoise(l ocrLine) bool {
	if hanCount(l) >= edgeNoiseHan || documentMark(l) {
		return false
	}
	digits := 0
	for _, w := range l.words {
		for _, r := range w.text {
			if '0' <= r && r <= '9' {
				digits++
			}
		}
	}
	if digits >= 2 { // one alone is as often a scanner's dark border read as 1
		return false
	}
	for _, w := range l.words {
		if w.conf >= edgeNoiseBelow {
			return false
		}
	}
	return true
}

// documentMarks are the urgency (紧急程度) and secrecy (密级) marks GB/T
// 9704 prints alone at a 公文's top left.
var documentMarks = []string{"特急", "加急", "特提", "平急", "绝密", "机密", "秘密"}

// documentMark tells whether a line is 附件 with its number (附件1,
// 附件：, 附件二) or one of documentMarks, alone or with its term after a
// star (机密★1年): words noise at a page's edge is not read as.
func documentMark(l ocrLine) bool {
	var b strings.Builder
	for _, w := range l.words {
		b.WriteString(w.text)
	}
	text := b.String()
	if strings.HasPrefix(text, "附件") {
		return true
	}
	for _, m := range documentMarks {
		if rest, ok := strings.CutPrefix(text, m); ok {
			return !strings.ContainsFunc(strings.ReplaceAll(rest, "年", ""), isHan)
		}
	}
	return false
}

// readWell tells whether a line has a Han character and a word read with
// confidence edgeNoiseBelow or more.
func readWell(l ocrLine) bool {
	return hasHan(l) && slices.ContainsFunc(l.words, func(w ocrWord) bool { return w.conf >= edgeNoiseBelow })
}

// edgeNoiseHan is the fewest Han characters that keep an edge line read
// badly: three are a word (附件一, 抄送：), one or two the paper's edge.
const edgeNoiseHan = 3

func hasHan(l ocrLine) bool { return hanCount(l) > 0 }

func hanCount(l ocrLine) int {
	n := 0
	for _, w := range l.words {
		for _, r := range w.text {
			if unicode.Is(unicode.Han, r) {
				n++
			}
		}
	}
	return n
}

func errImageCorrupt() error {
	return catalog.Errorf(catalog.EINVALID, "图片文件已损坏或格式不正确，无法识别文字；请重新扫描或导出为 JPEG、PNG 或 TIFF 后上传")
}

func errOCRTimeout(d time.Duration) error {
	return catalog.Errorf(catalog.EINVALID,
		"文字识别（OCR）单页超时（超过 %s），已停止处理；请检查扫描件是否清晰、页面是否异常，或降低分辨率后重新上传", formatSeconds(d))
}

// formatSeconds renders a time limit for a user: "60 秒", "500 毫秒".
func formatSeconds(d time.Duration) catalog.Words {
	if d < time.Second {
		return catalog.Words{Chinese: fmt.Sprintf("%d 毫秒", d.Milliseconds()), English: fmt.Sprintf("%d ms", d.Milliseconds())}
	}
	return catalog.Words{Chinese: fmt.Sprintf("%d 秒", int(d/time.Second)), English: fmt.Sprintf("%d s", int(d/time.Second))}
}
