package catalog

import (
	"cmp"
	"time"
)

// Kind says whether a key indicator is proven by documents (qualitative) or
// by figures (quantitative).
type Kind string

// Indicator kinds.
const (
	Qualitative  Kind = "qualitative"
	Quantitative Kind = "quantitative"
)

// KeyLevel is the level of key indicators, the only ones that take links.
const KeyLevel = 3

// Framework is one version of an indicator system.
type Framework struct {
	ID         string
	Name       string
	NameEN     string
	Version    string
	ImportedAt time.Time
	ImportedBy string
}

// Indicator is one node of a framework: a first-level area (1), a
// second-level element (2.1) or a key indicator (2.1.1).
type Indicator struct {
	Code       string
	ParentCode string
	Level      int
	Name       string
	NameEN     string
	Kind       Kind   // key indicators only
	Info       string // 信息性质说明: what kind of information substantiates it
	// InfoEN is Info in English, shown on English pages (Info when
	// empty): a framework file's info_en, kept by the catalog.
	InfoEN   string
	Unit     string
	Keywords []string
}

// NameWords is the indicator's name in each language for a message: its
// English name, or the Chinese one when the framework gives none.
func (i *Indicator) NameWords() Words {
	return Words{Chinese: i.Name, English: cmp.Or(i.NameEN, i.Name)}
}

// Round is a monitoring round, e.g. 2017.
type Round struct {
	Year    int
	Label   string
	Current bool
	// NamesKept is true when the round keeps the indicator names it was
	// monitored under (RoundFramework); false when it follows the
	// current framework.
	NamesKept bool
}

// Link records that a document substantiates a key indicator, optionally
// at a page and passage.
type Link struct {
	ID            string
	DocumentID    string
	IndicatorCode string
	Page          int
	Quote         string
	// added are the passages added after Page and Quote, from
	// link_quote, when the document was linked to the indicator again
	// with another quote (AddLinkQuote); Passages lists them all.
	added []LinkPassage
	// QuoteChecked, QuoteFound and FoundOnPage are where Quote was found
	// in the document's text (QuoteMark's, as Passages gives them).
	QuoteChecked bool
	QuoteFound   bool
	FoundOnPage  int
	QuoteRead    string // QuoteMark.Read
	Note         string
	CreatedBy    string
	CreatedAt    time.Time
	// Quoted says, after CreateLinks or LinkInRound found the link made
	// already and AddLinkQuote gave it the quote asked for, what that
	// did; LinkMade for a link made anew. Not stored.
	Quoted LinkQuoted
}

// ImportReport says what a framework import changed.
type ImportReport struct {
	Framework Framework
	Added     []string // codes new in this version
	Removed   []string // codes of the previous version that are gone
	// OrphanLinks are links to removed codes; they are kept, not deleted,
	// so that nothing is lost, and listed so someone can relink them.
	OrphanLinks []Link
	// KeptRound is the round whose names were kept before the import
	// (ImportFrameworkForNextRound), 0 when none was.
	KeptRound int
}
