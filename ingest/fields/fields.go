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
)

// Field is one value read from a document and where it was read; Value is
// "" when the document does not have it.
type Field struct {
	Value  string
	Source string
}

// Fields are the metadata read from an official document.
type Fields struct {
	Title     Field
	DocNumber Field // 文号, brackets normalised to 〔〕, no spaces: 杭政办发〔2018〕12号
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
// (杭州日报:我市…开幕) is the title without the paper's name.
// TestFieldRulesRaiseTheirRevision pins it.
const Revision = 4

// maxHeadRunes bounds the part of the first page searched for the
// masthead, the 文号 and the title.
const maxHeadRunes = 1500

// Read reads the fields of a document from the text of its pages and the
// title the file itself carries (embeddedTitle, "" if none). The embedded
// title wins over the title line when it is meaningful (not a file name,
// not "Microsoft Word - …", not a bare masthead or a generic word).
func Read(pages []string, embeddedTitle string) Fields {
	var f Fields
	doc := newText(bounded(pages))
	head := doc.head()
	num, numStart, numEnd := ownDocNumber(head)
	f.DocNumber = num
	if numStart >= 0 {
		// The 文号 stands on its own line; in joined text it separates the
		// masthead from the title.
		head = head[:numStart] + "\n" + head[numEnd:]
	}
	f.Title = readTitle(head)
	if t := cleanEmbeddedTitle(embeddedTitle); t != "" {
		f.Title = Field{Value: t, Source: SourceEmbedded}
	}
	f.IssuedOn, f.Issuer = readFoot(doc.all)
	// The masthead names the body most reliably, then the start of the
	// title; the signature comes last because in joined text an
	// attachment list can run into it.
	if iss := mastheadIssuer(head); iss != "" {
		f.Issuer = Field{Value: iss, Source: SourceMasthead}
	} else if iss := titleIssuer(f.Title.Value); iss != "" {
		f.Issuer = Field{Value: iss, Source: SourceTitle}
	}
	if f.IssuedOn.Value == "" {
		f.IssuedOn = headDate(head)
	}
	return f
}

// Read looks at a bounded part of a long text: its fields stand at its
// head (the masthead, the 文号, the title, a date under them) and its foot
// (the signature and 成文日期), and a text of tens of MiB on one line
// must not cost the server seconds of reading it whole.
const (
	// maxReadBytes is the longest text (its pages together) read whole.
	maxReadBytes = 256 << 10
	// maxEndBytes is what is read of a longer text's first page from its
	// start, and of the text's end: far more than maxHeadRunes, and than
	// the longest signature block.
	maxEndBytes = 64 << 10
)

// bounded is the part of pages Read looks at: pages as they are up to
// maxReadBytes together; else the first maxEndBytes of the first page with
// text and the last maxEndBytes of the text (the pages they come from,
// cut at characters), at most 2×maxEndBytes.
func bounded(pages []string) []string {
	total := 0
	for _, p := range pages {
		total += len(p)
	}
	if total <= maxReadBytes {
		return pages
	}
	first := 0
	for first < len(pages)-1 && strings.TrimSpace(pages[first]) == "" {
		first++
	}
	p := pages[first]
	n := min(len(p), maxEndBytes)
	for n < len(p) && n > 0 && !utf8.RuneStart(p[n]) {
		n--
	}
	out := []string{p[:n]}
	// The foot, from the end back, not reaching into the head taken.
	var foot []string
	left := maxEndBytes
	for i := len(pages) - 1; i >= first && left > 0; i-- {
		p, from := pages[i], 0
		if i == first {
			from = n
		}
		start := max(from, len(p)-left)
		for start < len(p) && !utf8.RuneStart(p[start]) {
			start++
		}
		foot = append(foot, p[start:])
		left -= len(p) - start
	}
	for i := len(foot) - 1; i >= 0; i-- {
		out = append(out, foot[i])
	}
	return out
}

// text is a document's text prepared for reading: widths folded, stray
// spaces next to Chinese characters removed, lines kept.
type text struct {
	all   string // every page, joined by "\n"
	first string // the first non-empty page
}

func newText(pages []string) *text {
	t := &text{}
	var b strings.Builder
	for _, p := range pages {
		p = prepare(p)
		if p == "" {
			continue
		}
		if t.first == "" {
			t.first = p
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p)
	}
	t.all = b.String()
	return t
}

// head is the start of the first page, where the masthead, the 文号 and
// the title stand.
func (t *text) head() string {
	r := []rune(t.first)
	if len(r) > maxHeadRunes {
		r = r[:maxHeadRunes]
	}
	return string(r)
}
