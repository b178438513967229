package fields

import (
	"strings"
	"unicode/utf8"
)

// Where a field was read.
const (
	SourceEmbedded  = "embedded"   // the file's own title property (HTML <title>, DOCX/ODT/OFD/PDF properties)
	SourceTitleLine = "title_line" // the title line under the masthead
	SourceHead      = "head"       // the head of the document: the 文号 line, or the first line of a report
	SourceMasthead  = "masthead"   // the red header "XX文件"
	SourceTitle     = "title"      // the issuing body named at the start of the title ("XX关于…")
	SourceSignature = "signature"  // the signature block at the foot, above or before the date
	// SourceGuess is a 文号 inferred from what OCR read rather than read
	// as written: three digits ending in 5, 6 or 8 taken for two and a
	// 号 (〔2023〕125 → 〔2023〕12号), which a true 125 whose 号 OCR lost
	// reads as too. Field.Read keeps what OCR read, so that a person can
	// be asked to check it.
	SourceGuess = "ocr_guess"
)

// Field is one value read from a document and where it was read; Value is
// "" when the document does not have it.
type Field struct {
	Value  string
	Source string
	// Read is what the text has where Value was inferred from it
	// (Source SourceGuess: 教发〔2023〕125 for 教发〔2023〕12号); "" when
	// Value is read as written.
	Read string
	// Written is a 文号 as the text writes it where Value, its year in
	// 〔〕 for matching, differs (杭教成[2017]15号, 杭教成(2017)15号 for
	// 杭教成〔2017〕15号), widths folded as the text is stored
	// (UnfoldDocNumber gives back the （） the document wrote), so that a
	// coordinator holding the paper sees the 文号 it has. "" when the text
	// writes Value, and for a 文号 inferred from a misreading (Read).
	Written string
	// Misread is, for a guessed 文号 of three digits ending in 4 whose 号
	// the text lacks (上政发〔2022〕184), the 文号 with the 4 taken for the
	// 号 OCR misread (上政发〔2022〕18号), where Value keeps the digits
	// (上政发〔2022〕184号, a true 184 whose 号 OCR lost): the text cannot
	// tell them apart, another document can. The pipeline takes Misread
	// when the notice the scan is of has that 文号: a document of the
	// city with the same title or a near duplicate, its 文号 read from a
	// text layer or set by a person, and no document stating Value
	// (ingest settleMisreadNumber). "" for any other 文号.
	Misread string
}

// Fields are the metadata read from an official document.
type Fields struct {
	Title     Field
	DocNumber Field // 文号, brackets normalised to 〔〕, no spaces: 杭政办发〔2018〕12号 (as written: Field.Written)
	Issuer    Field // 发文机关
	IssuedOn  Field // 成文日期 as YYYY-MM-DD
}

// Revision is the revision of the rules Read follows. A document records
// the revision that read its fields (catalog FieldFill.Revision), and
// `evidence repair --outdated` reads again, from the stored text, the
// fields of documents an older one read, so that a document archived
// before the reader was mended does not keep what it read wrongly. Raise
// it when Read now reads what it read wrongly before. 1: a 文号 the text
// only cites is not its own (cite.go), a sentence of the body is not its
// title, a signature after a sentence keeps whole characters, a title OCR
// read inside a frame loses the border glyphs (|, 丨) around it
// (documents read before this revision have 0). 2: a web page's
// breadcrumb (杭州新闻网 首页 > 教育), printed from a browser above its
// headline, is not the title. 3: a title naming a 首页 inside it
// (网站首页改版, “首页通”) is a title again, not a breadcrumb, as 2 read it.
// 4: a stray Latin fragment OCR read above the title of a photo ("Fx sy")
// is not joined to it, and a news headline credited to its paper
// (杭州日报:我市…开幕) is the title without the paper's name. 5: a title
// read from the text keeps the full-width marks the document wrote,
// 管理办法（试行）, not 管理办法(试行) (Unfold, from the head of the text
// as written; a text stored before heads were kept is given its head
// when the fields are read again and its original reads the same, else
// keeps its folded title until it is extracted again). 6: a
// spreadsheet's fields are read as a spreadsheet's (ReadSheet): its title
// a title row or a meaningful sheet name, never a header or data row
// (序号 | 单位 | 完成情况); its date a 落款 or 填报日期 row outside the
// table, never a cell's due date (完成时限); its 文号 never one a cell
// lists; and a 文号 whose
// 号 OCR read as a digit or a mark, often under a seal (湖政办发【2023]
// 12%, 甬教办(2019) 458, 教发〔2023〕125), or whose opening bracket it
// lost, is read as the document's own (湖政办发〔2023〕12号; three
// digits ending in 5, 6 or 8 are two and the 号, digits ending their line
// lost it, other misreads give no 文号), and its line, however misread, is never part of the title, nor
// is a masthead whose 文件 OCR misread (…办公室区件) or a seal's junk
// before 关于 (misread.go). 7: such a 文号 whose 号 was taken from its
// last digit (three digits ending in 5, 6 or 8) is marked a guess
// (SourceGuess, with what OCR read), which the catalog keeps and the
// document's page and the API show for a person to check; its value is
// unchanged, but documents 6 read keep no mark until read again. 8: a
// round inferred from a document's names reads a year in Chinese
// numerals (二〇一八年度工作报告 → 2018; catalog.ChineseYearRevision): a
// document an older reader filed under another round for want of it
// moves to that year's once when read again, unless a person set its
// round. 9: a title keeps the issue of its series, (第17期), (第3号),
// (编号B001) (kindSuffix), and a clause of the body ending in a kind word
// before a comma (…建立健全了工作推进制度，…) is no title.
// Also 9: a title whose 关于 OCR misread as a few Latin letters right
// after the name of the body that wrote it (杭州市人力资源和社会保障局RF
// 2018年度…的统计报告, the body's line run into the title's) is read with
// 关于 and without the body, which is the issuer (garbledAbout).
// Also 9: a line opening with an item's number (一、 (一) 1.) is never
// the title (itemline.go): a scan whose first page OCR read as garbage
// had item 3 of its body as its title. 10: a 文号 the text writes with
// other brackets than 〔〕 (杭教成[2017]15号, 杭教成（2017）15号) is
// also kept as written (Field.Written), which pages and exports show; its
// value, the year in 〔〕, is unchanged, but documents 9 read show the
// 〔〕 until read again. 11: a 号 OCR read as 4 is a guess as one read
// as 5, 6 or 8 is (上政发 [2022] 184 → 上政发〔2022〕18号, marked): 10
// appended a 号 the text lacks and called 上政发〔2022〕184号 read. 12: a
// 号 lost after three digits ending in 4 is no longer taken for a 4
// (杭政办发〔2021〕114, a true 114号, read 11号 under 11): the 文号 keeps
// its three digits, a guess (上政发〔2022〕184号, marked), and takes the
// 4 for the 号 only when the notice the scan is of has the 文号 so read
// (Field.Misread: its text layer, or a person; ingest settleMisreadNumber).
// 13: a title line OCR began with stray marks (、、二种不一可关于推进…的实施
// 意见, a scan's speckles) loses them and, unless a body's name stands
// there, what stands before its 关于 (trimStrayMarks, noiseBeforeAbout).
// 14: a quote that opens a quoted term ("学分银行"建设…的通知, as OCR
// and Normalize write “”) is no stray mark (quotedTerm): 13 cut it, and
// the title lost it or all before its 关于. 15: on a text whose head page
// OCR read (ReadOCR), a 文号 whose opening bracket OCR read as a point or
// a comma or lost, and its closing one as 」, | or J, with its 号 (甬教终
// .2024] 7号), is read as the document's own on a line of its own in the
// head (甬教终〔2024〕7号; noisyDocNumber), where it gave no 文号. 16: a
// row of a table OCR read with its ruling as | (张三 2024 | 3号) gives no
// 文号 unless its prefix reads as an issuing organ's (organAbbreviation),
// where 15 read 张三〔2024〕3号; and a title whose （ OCR read as 〈
// (实施意见〈征求意见稿)) keeps its tail, (征求意见稿), which 15 cut off
// (mendMisreadParens).
// TestFieldRulesRaiseTheirRevision pins it.
const Revision = 16

// maxHeadRunes bounds the part of the first page searched for the
// masthead, the 文号 and the title.
const maxHeadRunes = 1500

// Read reads the fields of a document from the text of its pages and the
// title the file itself carries (embeddedTitle, "" if none). The embedded
// title wins over the title line when it is meaningful (not a file name,
// not "Microsoft Word - …", not a bare masthead or a generic word).
func Read(pages []string, embeddedTitle string) Fields {
	return read(pages, embeddedTitle, false)
}

// read is Read, and ReadOCR when byOCR.
func read(pages []string, embeddedTitle string, byOCR bool) Fields {
	var f Fields
	var prep preparer
	head := firstRunes(headPageWith(pages, &prep), maxHeadRunes)
	num, numStart, numEnd := ownDocNumber(head)
	if numStart < 0 {
		// OCR of a scan or a photo misread it, often under a seal: its
		// line is still the 文号's, never the title's.
		num, numStart, numEnd, _ = misreadDocNumber(head)
	}
	if numStart < 0 && byOCR {
		num, numStart, numEnd = noisyDocNumber(head)
	}
	f.DocNumber = num
	if numStart >= 0 {
		// The 文号 stands on its own line; in joined text it separates the
		// masthead from the title.
		head = head[:numStart] + "\n" + head[numEnd:]
	}
	if byOCR {
		head = mendMisreadParens(head)
	}
	var lineIssuer string
	f.Title, lineIssuer = readTitle(head)
	if t := cleanEmbeddedTitle(embeddedTitle); t != "" {
		f.Title = Field{Value: t, Source: SourceEmbedded}
	}
	f.IssuedOn, f.Issuer, _ = footWith(pages, &prep)
	// The masthead names the body most reliably, then the start of the
	// title; the signature comes last because in joined text an
	// attachment list can run into it.
	if iss := mastheadIssuer(head); iss != "" {
		f.Issuer = Field{Value: iss, Source: SourceMasthead}
		if f.Title.Source != SourceEmbedded {
			f.Title.Value = trimBeforeMasthead(f.Title.Value, iss)
		}
	} else if iss := titleIssuer(f.Title.Value); iss != "" {
		f.Issuer = Field{Value: iss, Source: SourceTitle}
	} else if lineIssuer != "" && f.Title.Source != SourceEmbedded {
		// The body's name before a title whose 关于 OCR misread.
		f.Issuer = Field{Value: lineIssuer, Source: SourceHead}
	}
	if f.IssuedOn.Value == "" {
		f.IssuedOn = headDate(head)
	}
	return f
}

// Read reads every page, but bounds its cost, not the content: the head
// (the masthead, the 文号, the title, a date under them) is read from the
// first maxHeadBytes of the first page with text, and the foot from the
// end back, in windows that double from maxFootBytes until one holds a
// signature's date, up to maxFootBudget. A 通知 whose 落款 is followed by
// a 名单 or a statistics table of hundreds of KiB keeps its 成文日期, and a
// text of tens of MiB on one line does not cost the server seconds.
const (
	// maxHeadBytes is what is read of the first page: far more than
	// maxHeadRunes.
	maxHeadBytes = 64 << 10
	// maxFootBytes is the first window read from the end of the text.
	maxFootBytes = 64 << 10
	// maxFootBudget is the largest window: a signature further from the
	// end than that is not looked for.
	maxFootBudget = 1 << 20
	// footMargin is what a window cut inside a line skips of its start
	// before a date may be taken, so that what stands before a date (the
	// body signing, a clause's word) is what the whole text has there.
	footMargin = 4 << 10
)

// preparer is prepare remembering the last text it prepared: the text of
// one page under maxHeadBytes is both the head's page and the foot's first
// window, prepared once (the second preparing was a third of the fields'
// CPU on the pipeline's small documents).
type preparer struct {
	raw, out string
	done     bool
	n        int // texts prepared, for tests
}

// prepare is prepare(raw), from memory when raw is the text before.
func (p *preparer) prepare(raw string) string {
	if p.done && raw == p.raw {
		return p.out
	}
	p.raw, p.out, p.done = raw, prepare(raw), true
	p.n++
	return p.out
}

// headPage is the first page with text, prepared, read up to maxHeadBytes.
func headPage(pages []string) string { return headPageWith(pages, &preparer{}) }

// headPageWith is headPage preparing with p.
func headPageWith(pages []string, p *preparer) string {
	for _, page := range pages {
		if page = p.prepare(cutBytes(page, maxHeadBytes)); page != "" {
			return page
		}
	}
	return ""
}

// cutBytes is the start of s, at most n bytes, cut at a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// tail returns the last n bytes or more of the pages joined by "\n", cut
// at the start of a line when one starts in the first footMargin bytes,
// else at a character, and whether it is the whole text.
func tail(pages []string, n int) (string, bool) {
	var parts []string
	size := 0
	i := len(pages) - 1
	for ; i >= 0 && size < n; i-- {
		if len(parts) > 0 {
			parts = append(parts, "\n")
			size++
		}
		p := pages[i]
		if size+len(p) > n {
			p = p[len(p)-(n-size):]
		}
		parts = append(parts, p)
		size += len(p)
	}
	whole := i < 0 && (len(parts) == 0 || len(parts[len(parts)-1]) == len(pages[0]))
	s := ""
	if len(parts) == 1 {
		s = parts[0] // one page: no copy
	} else {
		var b strings.Builder
		b.Grow(size)
		for k := len(parts) - 1; k >= 0; k-- {
			b.WriteString(parts[k])
		}
		s = b.String()
	}
	if whole {
		return s, true
	}
	if j := strings.IndexByte(s[:min(len(s), footMargin)], '\n'); j >= 0 {
		return s[j+1:], false
	}
	for len(s) > 0 && !utf8.RuneStart(s[0]) {
		s = s[1:]
	}
	return s, false
}

// foot reads the 成文日期 and the body signing above it from the end of
// pages back (readFootFrom over growing windows), and returns the bytes it
// prepared.
func foot(pages []string) (date, issuer Field, read int) { return footWith(pages, &preparer{}) }

// footWith is foot preparing with p.
func footWith(pages []string, p *preparer) (date, issuer Field, read int) {
	for n := maxFootBytes; ; n *= 2 {
		raw, whole := tail(pages, n)
		read += len(raw)
		all := p.prepare(raw)
		from := 0
		if !whole {
			// The window's first line may be cut, or lack the line before
			// it: a date is taken after it, or after footMargin bytes of
			// a long line.
			from = footMargin
			if j := strings.IndexByte(all, '\n'); j >= 0 && j < footMargin {
				from = j + 1
			}
		}
		last := whole || n >= maxFootBudget
		if d, iss, ok := readFootFrom(all, from, last); ok || last {
			return d, iss, read
		}
	}
}

// trimBeforeMasthead cuts from a title what stands before the body its
// masthead names when the title goes on "<body>关于…": a few characters
// OCR read off a seal or the red ink over the title's line ("下一湖州市
// 人民政府办公室关于…"), which no title begins with.
func trimBeforeMasthead(title, issuer string) string {
	i := strings.Index(title, issuer+"关于")
	if i <= 0 || runeLen(title[:i]) > 4 || strings.Contains(title[:i], "关于") || isOrgName(title[:i]) {
		return title
	}
	return title[i:]
}
