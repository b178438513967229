package index

import (
	"context"
	"time"
)

// PageSeparator joins the pages of a document's text in the stored field.
// Extracted text never contains it, so every offset maps to one page.
const PageSeparator = "\f"

// Document is what the index knows of one catalog document.
type Document struct {
	ID         string
	Title      string
	Pages      []string
	City       string
	DocType    string
	Department string
	Indicators []string
	Year       int // of issue, else the round's; 0 when unknown
	// Round is the monitoring round the document counts for
	// (catalog.Document.MonitoringRound), "" when unknown: a year's
	// summary issued early the next year counts for the year it sums up.
	Round    string
	IssuedOn time.Time
	// DocNumber is the 文号 given with the document: searched with its
	// title, so a 文号 finds its document even where the text has none.
	DocNumber string
	// DocNumberRead is the 文号 as OCR read it where DocNumber was
	// inferred from it (catalog.Document.DocNumberRead: 杭教发(2018]125
	// for 杭教发〔2018〕12号), "" otherwise. It is searched with the title
	// too, so that the 文号 the paper shows finds the document when the
	// guess is wrong, as the guess does when it is right.
	DocNumberRead string
}

// Index is the full-text index of the archive. It is derived data: the
// catalog and stored text can always rebuild it.
type Index interface {
	// Index adds or replaces docs; after it returns they are searchable.
	// It may write them in several batches (Bleve's: MaxBatchText), so an
	// error can leave the earlier ones written.
	Index(ctx context.Context, docs []Document) error
	// Delete removes the documents with these IDs; unknown IDs are ignored.
	Delete(ctx context.Context, ids ...string) error
	// Search runs q.
	Search(ctx context.Context, q Query) (*Result, error)
	// Count returns the number of indexed documents.
	Count() (uint64, error)
	// IDs returns the IDs of every indexed document, sorted.
	IDs(ctx context.Context) ([]string, error)
	// Close releases the index; it must be called once.
	Close() error
}

// Query is a parsed search in plain terms; the search package builds it.
type Query struct {
	// Clauses must all match. An empty list matches every document.
	Clauses []Clause
	// Exclude drops documents matching any of these terms.
	Exclude []Term
	Filter  Filter
	From    int
	Size    int
	// FacetSize is the number of values counted per facet field; 0 means no facets.
	FacetSize int
	// WithText asks for the pages and match spans of each hit, for highlights.
	WithText bool
	// Sort orders the hits; the zero value is by relevance.
	Sort Sort
	// TitleFirst ranks, by relevance, every document whose title holds a
	// word of a clause above every one that only mentions its words in its
	// text (titleTier). A search people read sets it (the search page,
	// the API's search, its export); one that weighs passages by their
	// text (a claim's candidates, an indicator's suggested evidence) or
	// only counts or lists matches keeps Bleve's score.
	TitleFirst bool `json:",omitempty"`
	// Unless drops the documents that it matches too (its Clauses,
	// Exclude and Filter; its paging, facets and order are not read): a
	// search counts with it what its words find as substrings that they
	// do not find as words.
	Unless *Query `json:",omitempty"`
}

// Sort is an order of hits.
type Sort string

// The orders of hits. By date of issue, documents without one come last;
// by upload, the newest first (document ids are ULIDs, which sort by
// their creation time).
const (
	SortRelevance Sort = ""
	SortIssued    Sort = "issued"
	SortIssuedAsc Sort = "issued_asc"
	SortUploaded  Sort = "uploaded"
	// SortRelevanceByID is SortRelevance with ties broken by ID, the
	// latest first, not by Bleve's internal document numbers: for a
	// caller that ranks other hits among these by score and ID (search's
	// pageAsCatalog). Not an order people choose (Sorts).
	SortRelevanceByID Sort = "relevance_id"
)

// Sorts are the orders a search may ask for.
var Sorts = []Sort{SortRelevance, SortIssued, SortIssuedAsc, SortUploaded}

// Clause matches when any of its terms matches (terms joined by OR), or,
// with AtLeast above 1, when at least that many of them match: a pasted
// passage is searched as its clauses, most of which its source holds
// (search's passage reading), where any one of them alone would find
// every document that shares a common phrase with it.
type Clause struct {
	Any     []Term
	AtLeast int `json:",omitempty"`
}

// Term is one word or phrase. Both are analysed in exact mode and matched
// as a phrase of their words, in the title or the text.
type Term struct {
	Text string
	// Substring matches the word wherever the text holds it, as the
	// phrase of its character pairs in the n-gram fields, also a
	// dictionary word of two or three characters, which is otherwise
	// matched as a word (IsCrossableWord): 健全 then finds 建立|健|全市民,
	// and 市长 南京市|长江大桥.
	Substring bool `json:",omitempty"`
}

// Filter restricts a search to documents with field values in these sets.
// Within a field any value matches; every non-empty field must match.
type Filter struct {
	Cities     []string
	DocTypes   []string
	Indicators []string
	// IndicatorIDs, with Indicators, are the documents the Indicators
	// filter keeps besides those linked to one of them: those their
	// claims and values cite, which the catalog knows and the index does
	// not keep (catalog.EvidenceUses). Without Indicators it keeps
	// nothing more.
	IndicatorIDs []string
	Years        []int
	Rounds       []int
	Departments  []string
	// IssuedFrom and IssuedTo keep documents issued on those days or
	// between them (either may be zero: open). Documents whose date of
	// issue is unknown or only a year are left out by a range.
	IssuedFrom, IssuedTo time.Time
	// IDs, when set, keeps only these documents; ExcludeIDs drops these.
	IDs        []string
	ExcludeIDs []string
	// Cut keeps only the documents whose text is longer than the index
	// takes (MaxIndexedChars): their words past that are not found.
	Cut bool
}

// Result is one page of hits with the total and the facets.
type Result struct {
	Total  uint64
	Took   time.Duration
	Hits   []Hit
	Facets map[string][]FacetValue
}

// Hit is one matching document.
type Hit struct {
	ID    string
	Score float64
	// Pages and Spans are set when the query asked WithText.
	Pages []string
	Spans []Span
}

// Span is a matched word: page (1-based) and byte offsets within that page.
type Span struct {
	Page       int
	Start, End int
}

// FacetValue is one value of a facet field and the number of hits with it.
type FacetValue struct {
	Value string
	Count int
}
