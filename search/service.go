package search

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// Paging limits.
const (
	DefaultSize = 10
	MaxSize     = 100
	maxWindow   = 10000 // from + size; deeper paging is refused
	facetSize   = 50
)

// Request is a search as a user asks it. Filters within a field match any
// value; the user decides the scope (a coordinator sees only their city).
type Request struct {
	Query      string
	Cities     []string
	DocTypes   []string
	Indicators []string
	// Years keep documents by year of issue (else round: Document.Year);
	// Rounds by the monitoring round they count for (MonitoringRound), as
	// the coverage and reports count them: a 2024 summary issued in 2025
	// is year 2025 and round 2024.
	Years  []int
	Rounds []int
	// IssuedFrom and IssuedTo bound the date of issue (ParseIssuedRange).
	IssuedFrom, IssuedTo time.Time
	Sort                 index.Sort
	From                 int
	Size                 int
	User                 *catalog.User
	// IncludeReturned keeps the files the coordinator returned that are
	// nobody's evidence since (catalog.Store.ReturnedOnly), which a
	// search leaves out otherwise (Result.ReturnedHidden counts them).
	IncludeReturned bool
	// Substring matches every word wherever the text holds it, also a
	// dictionary word of two or three characters, which is otherwise
	// matched as a word (AsSubstring says why): the results may hold it
	// inside other words (市长 in 南京市长江大桥), and say so
	// (Result.SubstringNotice).
	Substring bool
}

// Result is one page of results.
type Result struct {
	// Total is how many documents the search matched; Groups how many
	// groups of versions they make (near duplicates: the .pdf and .docx
	// of one policy), each listed once, by its best-ranked document, with
	// the others folded into it (each hit's near_duplicates). Results are
	// paged by groups: From and Size count them, and a page holds whole
	// groups.
	Total  uint64 `json:"total"`
	Groups uint64 `json:"groups"`
	// Folded is how many documents the groups of this page fold: the page
	// lists len(hits) groups of len(hits)+folded documents.
	Folded int                `json:"folded"`
	TookMS int64              `json:"took_ms"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets"`
	// FacetsApproximate is set when the hits, total, groups and facets
	// may find and count some documents by values the catalog has
	// changed since their index copy was written: more documents changed
	// than a search corrects its results by (maxCorrectedChanges), on a
	// node whose index is far behind the catalog. Otherwise they find and
	// count the catalog's values, also while the index catches up
	// (pageAsCatalog).
	FacetsApproximate bool `json:"facets_approximate,omitempty"`
	// Relax is set only when nothing was found: each filter without which
	// the search finds something, with that count.
	Relax []Relaxation `json:"relax,omitempty"`
	// Rebuilding is set while the index is being rebuilt (after an
	// upgrade, or of a damaged one): the search found only the documents
	// indexed so far.
	Rebuilding bool `json:"rebuilding,omitempty"`
	// Unindexed is set when documents the search looked in are longer
	// than the index takes and it did not find them: the words it looked
	// for may be past that point in them.
	Unindexed *Unindexed `json:"unindexed,omitempty"`
	// Notice, in Chinese and English, is set when the query wrote a
	// field (title:学分): the archive has no field syntax, searched the
	// words after it in the whole document, and says so; and when it
	// typed a 文号 with letters for digits (杭政办发〔2018〕l2号), which was
	// searched as 杭政办发〔2018〕12号 too.
	Notice   string `json:"notice,omitempty"`
	NoticeEn string `json:"notice_en,omitempty"`
	// AsSubstring is set when the search's words, matched as words,
	// missed documents that hold them as strings (AsSubstring).
	AsSubstring *AsSubstring `json:"as_substring,omitempty"`
	// NumberAlone is set only when nothing was found and the numbers of
	// the query's counts, without their units, find something
	// (NumberAlone).
	NumberAlone *NumberAlone `json:"number_alone,omitempty"`
	// SubstringNotice, in Chinese and English, is set for a search that
	// matched its words as substrings (Request.Substring): its results
	// may hold a word inside other words.
	SubstringNotice   string `json:"substring_notice,omitempty"`
	SubstringNoticeEn string `json:"substring_notice_en,omitempty"`
	// Passage is set when the query was read as a passage pasted to find
	// its source (longer than a query may be, and writing no operator):
	// the clauses searched and how many of them a document holds at
	// least. PassageNotice, in Chinese and English, says so.
	Passage         *Passage `json:"passage,omitempty"`
	PassageNotice   string   `json:"passage_notice,omitempty"`
	PassageNoticeEn string   `json:"passage_notice_en,omitempty"`
	// ReturnedHidden is how many files the coordinator returned the
	// search also matched and left out (Request.IncludeReturned).
	ReturnedHidden int `json:"returned_hidden,omitempty"`
	// Scope is the cities the caller's account holds the search to (a
	// reviewer's list, a coordinator's city); absent for an account that
	// sees every city.
	Scope []ScopeCity `json:"scope,omitempty"`
}

// ScopeCity is a city a search was held to.
type ScopeCity struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Relaxation says that dropping one filter of a search that found nothing
// would find Total documents. Filter is the request parameter (city,
// doc_type, indicator, year, or issued for the range of dates of issue,
// whose Value is from..to), Value its values joined by commas.
type Relaxation struct {
	Filter string `json:"filter"`
	Value  string `json:"value"`
	Total  uint64 `json:"total"`
}

// hitOf is d as a hit without passages, in the city named cityName: its
// 文号 marked a guess when it was inferred (catalog.DocNumberGuess), so no
// list that shows hits states a guess as fact.
func hitOf(d *catalog.Document, cityName string) Hit {
	h := Hit{ID: d.ID, Title: d.Title, Filename: d.Filename, MIME: d.MIME, City: d.City, CityName: cityName,
		DocType: string(d.DocType), IssuedOn: d.IssuedOn, DocNumber: catalog.DocNumberAsWritten(d), Fragments: []Fragment{}}
	h.DocNumberRead = catalog.DocNumberGuessRead(d)
	h.DocNumberGuessed = h.DocNumberRead != ""
	return h
}

// Hit is one matching document with its best passages.
type Hit struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Filename string `json:"filename"`
	// MIME is the original's type, so a page can tell which hits have
	// page thumbnails.
	MIME     string `json:"mime"`
	City     string `json:"city"`
	CityName string `json:"city_name"`
	DocType  string `json:"doc_type"`
	IssuedOn string `json:"issued_on,omitempty"`
	// DocNumber is the 文号 as the document writes it
	// (catalog.DocNumberAsWritten: 杭教成[2017]15号 stays so), else its
	// year in 〔〕.
	DocNumber string `json:"doc_number,omitempty"`
	// DocNumberGuessed says that DocNumber was inferred from what OCR
	// read off a scan, DocNumberRead (catalog.DocNumberGuess): a guess
	// that a result line marks as one (推断，请核对).
	DocNumberGuessed bool       `json:"doc_number_guessed,omitempty"`
	DocNumberRead    string     `json:"doc_number_read,omitempty"`
	Score            float64    `json:"score"`
	Fragments        []Fragment `json:"fragments"`
	// NearDuplicates is how many other matching documents are versions
	// of this one (near duplicates) and folded into it, wherever they
	// rank ("另有 N 个相近版本"); NearDuplicateIDs names them.
	NearDuplicates   int      `json:"near_duplicates"`
	NearDuplicateIDs []string `json:"near_duplicate_ids,omitempty"`
	// Returned marks a file the coordinator returned on a task (已退回)
	// with its last return, nil for any other; Returns holds every return,
	// oldest first (on two tasks, or on one task twice), Returned being
	// the last of them.
	Returned *HitReturn  `json:"returned,omitempty"`
	Returns  []HitReturn `json:"returns,omitempty"`
}

// Facet is one value of a facet with its count and a label for people.
type Facet struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// Service answers searches over the index, with metadata from the catalog.
type Service struct {
	idx        index.Index
	cat        *catalog.Store
	terms      termSet
	frags      fragmentCache
	suggested  suggestionCache
	common     commonTermSet
	cities     cityNames
	versions   versionCache
	cited      citedCache
	counted    citedCountCache
	returned   returnedCache
	hitDocs    *catalog.DocumentCache
	rebuilding atomic.Bool
	// follower is this node's index following a shared catalog
	// (UseIndexFollower), nil on a catalog only this node writes;
	// pending keeps the changes its index may lack (pendingChanges).
	follower IndexFollower
	pending  pendingCache
	// maxCorrected is maxCorrectedChanges, lower in tests.
	maxCorrected int
	// turns takes searches a few at a time (Turn).
	turns searchTurns
}

// SetRebuilding says whether the index is being rebuilt; while it is,
// every Result says so (Rebuilding), so that a search that finds less than
// it will says why.
func (s *Service) SetRebuilding(on bool) { s.rebuilding.Store(on) }

// NewService returns a search service.
func NewService(idx index.Index, cat *catalog.Store) *Service {
	s := &Service{idx: idx, cat: cat, hitDocs: catalog.NewDocumentCache(keptHitDocuments), maxCorrected: maxCorrectedChanges}
	s.common.recountEvery = commonRecountEvery
	s.SetTurns(0)
	return s
}

// CacheStats counts searches answered from the index's kept results; zero
// for an index that keeps none.
func (s *Service) CacheStats() index.CacheStats {
	if c, ok := s.idx.(interface{ CacheStats() index.CacheStats }); ok {
		return c.CacheStats()
	}
	return index.CacheStats{}
}

// indexGeneration is the index's count of finished writes, when it keeps one.
func (s *Service) indexGeneration() (uint64, bool) {
	g, ok := s.idx.(interface{ Generation() uint64 })
	if !ok {
		return 0, false
	}
	return g.Generation(), true
}

// ErrPaging is the error of a page of results out of range.
func ErrPaging() *catalog.Error {
	return catalog.Errorf(catalog.EINVALID, "分页参数超出范围：1 ≤ size ≤ %d，from ≥ 0，from+size ≤ %d", MaxSize, maxWindow)
}

// Search runs req. A query it cannot read is EINVALID with the reason.
func (s *Service) Search(ctx context.Context, req Request) (*Result, error) {
	defer lowprio.Foreground()()
	start := time.Now() // the answer's time counts the wait for a turn
	ctx, done, err := s.Turn(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	ctx = withSearchStamps(ctx, s.hitDocs)
	p, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if req.Substring {
		p.asSubstrings()
	}
	if req.Size <= 0 {
		req.Size = DefaultSize
	}
	if req.Size > MaxSize || req.From < 0 || req.From > maxWindow-req.Size {
		return nil, ErrPaging()
	}
	// As the links, claims and tables read a code an input method typed
	// (2．3．1, 指标2.3.1), not refused as an unknown indicator.
	req.Indicators = catalog.CodesAsTyped(req.Indicators)
	if err := s.knownCities(ctx, req.Cities); err != nil {
		return nil, err
	}
	cities, visible := req.User.ScopeCities(req.Cities)
	if !visible {
		out := emptyResult()
		if out.Scope, err = s.scope(ctx, req.User); err != nil {
			return nil, err
		}
		return out, nil
	}
	f, err := s.filter(ctx, req, cities)
	if err != nil {
		return nil, err
	}
	q := index.Query{
		Clauses: p.clauses, Exclude: p.exclude,
		Filter: f,
		From:   req.From, Size: req.Size, FacetSize: allFacetValues, WithText: true, Sort: req.Sort,
		// People read these hits: a document named after a word first;
		// a passage's source by how much of the passage its text holds.
		TitleFirst: p.passage == nil,
	}
	// The documents the index has not caught up with are found, counted
	// and faceted by the catalog's values (probe s54).
	page, approximate, err := s.pageAsCatalog(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	res := page.res
	fragments := uncachedFragments(page.textQuery)
	if p.passage != nil {
		// The passage is marked whole where a hit holds it, by clauses
		// that the query does not name: its passages are not kept.
		build := fragments
		fragments = func(id string, pages []string, spans []index.Span) []Fragment {
			return build(id, pages, p.passage.markPassage(pages, spans))
		}
	} else {
		// A hit's passages are those of any other search of the same
		// words whose hit of that document had the same pages and spans.
		fragments = s.frags.builder(page.textQuery)
	}
	out, err := s.assemble(ctx, res, page.docs, fragments)
	if err != nil {
		return nil, err
	}
	out.Groups = page.groups
	out.FacetsApproximate = approximate
	foldGroups(out, page.folded)
	if err := s.markReturned(ctx, req.User, out.Hits); err != nil {
		return nil, err
	}
	if out.ReturnedHidden, err = s.countReturned(ctx, q, f.ExcludeIDs); err != nil {
		return nil, err
	}
	// The cited documents whose index copy may lag are counted by the
	// catalog's values, as the hits are (pageAsCatalog).
	counted := q
	counted.Filter.ExcludeIDs = slices.Concat(q.Filter.ExcludeIDs, page.pending)
	if err := s.countIndicators(ctx, counted, cities, page.added, out); err != nil {
		return nil, err
	}
	cutFacets(out)
	if res.Total == 0 {
		// Only a search that found nothing asks whether its indicators
		// exist: a mistyped code finds nothing, and is then refused as
		// an unknown city is, not shown as an indicator without evidence.
		if err := s.knownIndicators(ctx, req.Indicators); err != nil {
			return nil, err
		}
		if out.Relax, err = s.relax(ctx, q, req); err != nil {
			return nil, err
		}
		if out.NumberAlone, err = s.numberAlone(ctx, q, req); err != nil {
			return nil, err
		}
	}
	if out.Unindexed, err = s.unindexed(ctx, q); err != nil {
		return nil, err
	}
	if out.AsSubstring, err = s.asSubstring(ctx, q); err != nil {
		return nil, err
	}
	if req.Substring && p.hasTerms() {
		n := catalog.Errorf(catalog.EINVALID, "已按字串检索：结果中的词可能是其他词的一部分（如“市长”在“南京市长江大桥”中）")
		out.SubstringNotice, out.SubstringNoticeEn = n.Message, n.English
	}
	if p.passage != nil {
		out.Passage = p.passage
		n := catalog.Errorf(catalog.EINVALID, "检索式超过 %d 字，已按段落查找出处：取其中 %d 个分句，列出至少含有其中 %d 个的材料，相符的文字已标出",
			maxQueryRunes, len(p.passage.Clauses), p.passage.AtLeast)
		out.PassageNotice, out.PassageNoticeEn = n.Message, n.English
	}
	if len(p.fields) > 0 {
		n := catalog.Errorf(catalog.EINVALID, "检索不支持字段写法（%s）；已在标题和正文中检索其余的词：%s",
			strings.Join(p.fields, "、"), p.words(req.Query))
		out.Notice, out.NoticeEn = n.Message, n.English
	}
	if len(p.readDigits) > 0 {
		n := catalog.Errorf(catalog.EINVALID, "文号中形似数字的字母（l、I、O、o）已按数字读，同时检索了 %s",
			strings.Join(p.readDigits, "、"))
		out.Notice, out.NoticeEn = joinNotice(out.Notice, n.Message, "；"), joinNotice(out.NoticeEn, n.English, "; ")
	}
	out.TookMS = time.Since(start).Milliseconds()
	out.Rebuilding = s.rebuilding.Load()
	if out.Scope, err = s.scope(ctx, req.User); err != nil {
		return nil, err
	}
	return out, nil
}

// knownIndicators refuses a filter naming an indicator code that no
// round's framework holds and no document was ever linked to.
func (s *Service) knownIndicators(ctx context.Context, codes []string) error {
	unknown, err := s.cat.UnknownIndicatorCodes(ctx, codes)
	if err != nil {
		return fmt.Errorf("look up the indicators searched: %w", err)
	}
	if len(unknown) > 0 {
		return catalog.FieldErrorf("indicator", catalog.EINVALID, "没有编码为 %s 的指标；请检查指标编码（如 1.1.1），或从指标列表中选择", strings.Join(unknown, "、"))
	}
	return nil
}

// knownCities refuses a filter naming a city the catalog does not have:
// searched, it would find nothing and read as a city without evidence.
func (s *Service) knownCities(ctx context.Context, codes []string) error {
	if len(codes) == 0 {
		return nil
	}
	names, err := s.cities.lookup(ctx, s.cat, codes)
	if err != nil {
		return fmt.Errorf("look up the cities searched: %w", err)
	}
	var unknown []string
	for _, c := range codes {
		if _, ok := names[c]; !ok {
			unknown = append(unknown, c)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	if len(unknown) == 1 {
		// A city's name (杭州, 杭州市) where its code belongs: the
		// contract takes codes only, so it is refused, naming the code.
		switch named := citiesNamed(names, unknown[0]); len(named) {
		case 0:
		case 1:
			return catalog.FieldErrorf("city", catalog.EINVALID, "“%s”是城市名称，不是城市代码：%s的城市代码为 %s；请用城市代码检索，如 city=%s",
				unknown[0], names[named[0]], named[0], named[0])
		default:
			return catalog.FieldErrorf("city", catalog.EINVALID, "“%s”是城市名称，不是城市代码；这个名称的城市有：%s；请用其中一个城市代码检索",
				unknown[0], strings.Join(named, "、"))
		}
		return catalog.FieldErrorf("city", catalog.EINVALID, "没有城市代码为 %s 的城市；请检查城市代码（GB/T 2260 行政区划代码，如 330100 杭州）", unknown[0])
	}
	return unknownCities(names, unknown)
}

// unknownCities is the refusal of several unknown values of the city
// filter (names are the catalog's, code to name): each that names a city
// is explained with its code, so that city=杭州&city=宁波 tells both
// codes rather than refusing them bare; the others are listed as codes no
// city has.
func unknownCities(names map[string]string, unknown []string) error {
	var parts []*catalog.Error
	var nothing []string
	example := ""
	for _, u := range unknown {
		switch named := citiesNamed(names, u); len(named) {
		case 0:
			nothing = append(nothing, u)
		case 1:
			parts = append(parts, catalog.Errorf(catalog.EINVALID, "“%s”是城市名称，%s的城市代码为 %s", u, names[named[0]], named[0]))
			example = cmp.Or(example, named[0])
		default:
			parts = append(parts, catalog.Errorf(catalog.EINVALID, "“%s”是城市名称，这个名称的城市有：%s", u, strings.Join(named, "、")))
			example = cmp.Or(example, named[0])
		}
	}
	if example == "" {
		return catalog.FieldErrorf("city", catalog.EINVALID, "没有城市代码为 %s 的城市；请检查城市代码（GB/T 2260 行政区划代码，如 330100 杭州）", strings.Join(unknown, "、"))
	}
	if len(nothing) > 0 {
		parts = append(parts, catalog.Errorf(catalog.EINVALID, "没有城市代码为 %s 的城市", strings.Join(nothing, "、")))
	}
	parts = append(parts, catalog.Errorf(catalog.EINVALID, "请用城市代码检索，如 city=%s", example))
	chinese, english := make([]string, len(parts)), make([]string, len(parts))
	for i, p := range parts {
		chinese[i], english[i] = p.Message, p.English
	}
	return &catalog.Error{Code: catalog.EINVALID, Field: "city", Message: strings.Join(chinese, "；"), English: strings.Join(english, "; ")}
}

// citiesNamed returns the codes, in order, of the cities in names (code
// to name) named typed, with or without 市 (杭州市 is 杭州).
func citiesNamed(names map[string]string, typed string) []string {
	want := strings.TrimSuffix(strings.TrimSpace(typed), "市")
	if want == "" {
		return nil
	}
	var codes []string
	for code, name := range names {
		if strings.TrimSuffix(name, "市") == want {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return codes
}

// emptyResult has the shape of every result: empty lists, never null.
func emptyResult() *Result {
	r := &Result{Hits: []Hit{}, Facets: map[string][]Facet{}}
	for _, f := range index.FacetFields {
		r.Facets[f] = []Facet{}
	}
	return r
}

// assemble makes the result of a page of hits from the catalog's live
// documents among them (docs, by ID).
func (s *Service) assemble(ctx context.Context, res *index.Result, docs map[string]*catalog.Document,
	fragments func(id string, pages []string, spans []index.Span) []Fragment) (*Result, error) {
	codes := make([]string, 0, len(docs)+len(res.Facets["city"]))
	for _, d := range docs {
		codes = append(codes, d.City)
	}
	for _, v := range res.Facets["city"] {
		codes = append(codes, v.Value)
	}
	labels, err := s.labelsFor(ctx, codes)
	if err != nil {
		return nil, err
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]Facet{}}
	for _, h := range res.Hits {
		d, ok := docs[h.ID]
		if !ok {
			// Deleted, or moved out of the cities searched, since it was
			// indexed (hitDocuments); the index catches up shortly.
			continue
		}
		hit := hitOf(d, labels["city"][d.City])
		hit.Score, hit.Fragments = h.Score, showDocNumber(fragments(h.ID, h.Pages, h.Spans), d)
		out.Hits = append(out.Hits, hit)
	}
	for _, field := range index.FacetFields {
		facets := []Facet{}
		for _, v := range res.Facets[field] {
			facets = append(facets, Facet{Value: v.Value, Label: labels[field][v.Value], Count: v.Count})
		}
		out.Facets[field] = facets
	}
	return out, nil
}

// labels are the names people know facet values by, the cities' read
// from the catalog.
func (s *Service) labels(ctx context.Context) (map[string]map[string]string, error) {
	names, err := s.cities.load(ctx, s.cat)
	if err != nil {
		return nil, err
	}
	return labelsOf(names), nil
}

// labelsFor is labels for a result that shows the cities codes: the city
// names are those kept since a result last showed a city they lacked.
func (s *Service) labelsFor(ctx context.Context, codes []string) (map[string]map[string]string, error) {
	names, err := s.cities.lookup(ctx, s.cat, codes)
	if err != nil {
		return nil, err
	}
	return labelsOf(names), nil
}

func labelsOf(cities map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{"city": cities, "doc_type": {}}
	for t, l := range catalog.DocTypeLabels {
		out["doc_type"][string(t)] = l
	}
	return out
}

// scope names the cities u is held to; nil for every city.
func (s *Service) scope(ctx context.Context, u *catalog.User) ([]ScopeCity, error) {
	codes := u.HeldTo()
	if len(codes) == 0 {
		return nil, nil
	}
	names, err := s.cities.lookup(ctx, s.cat, codes)
	if err != nil {
		return nil, fmt.Errorf("name the cities searched: %w", err)
	}
	out := make([]ScopeCity, len(codes))
	for i, c := range codes {
		out[i] = ScopeCity{Code: c, Name: names[c]}
	}
	return out, nil
}

// cityNames keeps the catalog's city names for the labels of results,
// which every search needs. Cities are only ever added (catalog.AddCity),
// never renamed or removed, so a kept name is never wrong. A code that is
// not kept sends it back to the catalog only when a city can have been
// added since the names were read: by this process (the catalog's
// CitiesAdded moved) or, for another process's, once cityReloadAfter has
// passed. A search naming a city that does not exist (city=杭州, anyone
// can repeat it) thus reads the list of cities at most that often.
type cityNames struct {
	mu     sync.Mutex
	names  map[string]string // read-only once kept
	added  int64             // the catalog's CitiesAdded when names were read
	readAt time.Time         // when names were read
	now    func() time.Time  // time.Now; set by tests
}

// cityReloadAfter bounds how long a city another process added (the
// evidence city add command beside a running server) may be unknown to
// this one's searches.
const cityReloadAfter = 10 * time.Second

// lookup returns names that hold every one of codes the catalog has.
func (c *cityNames) lookup(ctx context.Context, cat *catalog.Store, codes []string) (map[string]string, error) {
	c.mu.Lock()
	names, added, readAt := c.names, c.added, c.readAt
	c.mu.Unlock()
	if names != nil {
		missing := slices.ContainsFunc(codes, func(code string) bool { _, ok := names[code]; return !ok })
		if !missing || (cat.CitiesAdded() == added && c.clock().Sub(readAt) < cityReloadAfter) {
			return names, nil
		}
	}
	return c.load(ctx, cat)
}

func (c *cityNames) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// load reads the names from the catalog and keeps them.
func (c *cityNames) load(ctx context.Context, cat *catalog.Store) (map[string]string, error) {
	// Read before the list: a city added meanwhile moves it again.
	added, readAt := cat.CitiesAdded(), c.clock()
	cities, err := cat.Cities(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(cities))
	for _, city := range cities {
		names[city.Code] = city.Name
	}
	c.mu.Lock()
	c.names, c.added, c.readAt = names, added, readAt
	c.mu.Unlock()
	return names, nil
}

// filter is the index filter of req's choices within cities. Its
// indicators keep their evidence documents as the indicator page and the
// evidence API list them (catalog.EvidenceUses): those linked to one,
// which the index keeps, and those the indicators' claims and values of
// cities cite, which only the catalog knows and is read again whenever
// its CitationsStamp moved (citedFor), so that a citation counts in search
// as soon as it is made.
func (s *Service) filter(ctx context.Context, req Request, cities []string) (index.Filter, error) {
	types, err := docTypeCodes(req.DocTypes)
	if err != nil {
		return index.Filter{}, err
	}
	f := index.Filter{Cities: cities, DocTypes: types, Indicators: req.Indicators, Years: req.Years,
		Rounds: req.Rounds, IssuedFrom: req.IssuedFrom, IssuedTo: req.IssuedTo}
	if !req.IncludeReturned {
		if err := s.withoutReturned(ctx, &f, cities); err != nil {
			return f, err
		}
	}
	if len(req.Indicators) == 0 {
		return f, nil
	}
	cited, err := s.citedFor(ctx, req.Indicators, cities)
	if err != nil {
		return f, err
	}
	for _, ids := range cited {
		f.IndicatorIDs = append(f.IndicatorIDs, ids...)
	}
	slices.Sort(f.IndicatorIDs)
	f.IndicatorIDs = slices.Compact(f.IndicatorIDs)
	return f, nil
}

// docTypeCodes reads the document types of a filter as an upload reads
// one (catalog.ParseDocType): a code or its Chinese name (工作总结), which
// the index knows by its code; a type that does not exist is refused on
// doc_type, since filtered by it the search would find nothing and read
// as "no such documents".
func docTypeCodes(types []string) ([]string, error) {
	if len(types) == 0 {
		return types, nil
	}
	out := make([]string, len(types))
	for i, t := range types {
		dt, err := catalog.ParseDocType(strings.TrimSpace(t))
		if err != nil {
			return nil, err
		}
		out[i] = string(dt)
	}
	return out, nil
}

// citedFor returns, per indicator of codes (every indicator when codes is
// empty), the documents its claims and values of cities (every city when
// none) cite, by the one rule of an indicator's evidence
// (catalog.EvidenceDocumentIDs), including those that could not be read,
// as the evidence list shows them, from the catalog's citations as kept
// at their CitationsStamp (citedCache): the slices are shared and must not
// be changed. With the documents linked to it, which
// the index keeps, they are the documents an indicator's filter keeps
// (filter) and its facet counts (countIndicators): one definition for
// both.
func (s *Service) citedFor(ctx context.Context, codes, cities []string) (map[string][]string, error) {
	sc, err := s.cited.cited(ctx, s.cat, cities)
	if err != nil {
		return nil, err
	}
	if len(codes) == 0 {
		return sc.byCode, nil
	}
	out := map[string][]string{}
	for _, code := range codes {
		out[code] = sc.byCode[code]
		if out[code] == nil {
			out[code] = []string{}
		}
	}
	return out, nil
}

// citedByIndicator merges the documents of each indicator across cities,
// each once, in ID order.
func citedByIndicator(in map[[2]string][]string) map[string][]string {
	out := map[string][]string{}
	for key, ids := range in {
		out[key[1]] = append(out[key[1]], ids...)
	}
	for code, ids := range out {
		slices.Sort(ids)
		out[code] = slices.Compact(ids)
	}
	return out
}

// indicatorFacet is the facet of the indicators documents are evidence of.
const indicatorFacet = "indicators"

// allFacetValues asks the index for every value of each facet: the
// indicators facet gains the cited documents' counts (countIndicators),
// which may lift a value the index counted below the first facetSize, so
// the facets are cut to facetSize only after (cutFacets).
const allFacetValues = math.MaxInt32

// countIndicators makes the indicators facet of out count, for each
// indicator, the documents of the search that the indicator's filter
// keeps: those linked to it, which the index's facet counts, and those
// its claims and values cite (citedFor), which only the catalog knows.
// So, with no indicator filter set, a facet value finds as many as it
// says: filtering by it, the total is its count. With one set, a value
// counts the documents found that are also its evidence; choosing it
// replaces the filter and may find more. The documents whose index copy
// may lag the catalog are left out of q (pageAsCatalog) and those found
// by the catalog's values, added (with their linked indicators), counted
// by the catalog's citations too (citedAmongAdded).
//
// The counts of the cited documents (citedCounts) are kept for q until
// the index or the catalog's citations change (citedCountCache): a page
// turn, the export and the same search again add them without a second
// search or a read of the links.
func (s *Service) countIndicators(ctx context.Context, q index.Query, cities []string, added map[string][]string, out *Result) error {
	if out.Total == 0 {
		return nil
	}
	sc, err := s.cited.cited(ctx, s.cat, cities)
	if err != nil {
		return err
	}
	gen, known := s.indexGeneration()
	key := citedCountKey(q)
	add, ok := s.counted.get(key, gen, sc.stamp)
	if !known || !ok {
		if add, err = s.citedCounts(ctx, q, sc); err != nil {
			return err
		}
		if after, _ := s.indexGeneration(); known && after == gen {
			s.counted.put(key, gen, sc.stamp, add, func() (catalog.CitationsStamp, error) { return s.cat.CitationsStamp(ctx) })
		}
	}
	if len(added) > 0 {
		// add may be kept for other searches: counted into a copy.
		add = maps.Clone(add)
		for code, n := range citedAmongAdded(sc, added) {
			add[code] += n
		}
	}
	facets := out.Facets[indicatorFacet]
	for code, n := range add {
		i := slices.IndexFunc(facets, func(f Facet) bool { return f.Value == code })
		if i < 0 {
			facets, i = append(facets, Facet{Value: code}), len(facets)
		}
		facets[i].Count += n
	}
	slices.SortStableFunc(facets, func(a, b Facet) int { return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value)) })
	out.Facets[indicatorFacet] = facets
	return nil
}

// citedCounts counts, for each indicator, the documents of sc its claims
// and values cite that q finds and that are not linked to it (the index's
// facet counts those): it asks the index once which of the cited
// documents q matches, and the catalog which of those are linked to which
// indicators (as the index has them: catalog.Store.DocumentIndicators
// fills the index's field), so that a document linked and cited is
// counted once. Indicators counting none are left out.
func (s *Service) citedCounts(ctx context.Context, q index.Query, sc *citedScope) (map[string]int, error) {
	all := sc.all
	if len(q.Filter.IDs) > 0 {
		// all is shared (citedCache): keep the documents of q's IDs in a copy.
		all = slices.DeleteFunc(slices.Clone(all), func(id string) bool { return !slices.Contains(q.Filter.IDs, id) })
	}
	add := map[string]int{}
	if len(all) == 0 {
		return add, nil
	}
	q.Filter.IDs = all
	q.From, q.Size, q.FacetSize, q.WithText, q.TitleFirst, q.Sort = 0, len(all), 0, false, false, index.SortRelevance
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("count the cited evidence found: %w", err)
	}
	found := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		found[i] = h.ID
	}
	linked, err := s.cat.DocumentIndicators(ctx, found)
	if err != nil {
		return nil, fmt.Errorf("count the cited evidence found: %w", err)
	}
	for code, ids := range sc.byCode {
		n := 0
		for _, id := range found {
			if _, ok := slices.BinarySearch(ids, id); ok && !slices.Contains(linked[id], code) {
				n++
			}
		}
		if n > 0 {
			add[code] = n
		}
	}
	return add, nil
}

// cutFacets keeps the first facetSize values of each facet of out.
func cutFacets(out *Result) {
	for field, facets := range out.Facets {
		out.Facets[field] = facets[:min(len(facets), facetSize)]
	}
}

// joinNotice adds notice to the one the result has already, if any.
func joinNotice(had, notice, sep string) string {
	if had == "" {
		return notice
	}
	return had + sep + notice
}
