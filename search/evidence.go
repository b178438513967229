package search

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// EvidenceItem is a document offered as evidence for an indicator: linked
// by a coordinator, cited by a claim or a value of the indicator, or
// suggested by its text.
type EvidenceItem struct {
	Hit
	Suggested bool     `json:"suggested"`
	Link      *LinkRef `json:"link,omitempty"`
	// Cited are the claims and values of the indicator that cite the
	// document, which makes it evidence whether linked or not.
	Cited   []CiteRef `json:"cited,omitempty"`
	Passage *Fragment `json:"passage,omitempty"`
	// Round is the monitoring round the document belongs to
	// (catalog.Document.MonitoringRound), "" when it has none.
	Round string `json:"round,omitempty"`
	// OtherRound is set when the evidence was asked for a round and the
	// document does not count in it: a linked or cited document because
	// no link to the indicator, claim or value of that round makes it
	// evidence there (a link of another round's document), a suggested
	// one because it belongs to another round. Such documents are
	// listed, marked, never left out.
	OtherRound bool `json:"other_round,omitempty"`
	// Status is "failed" for a linked or cited document that could not
	// be read, with Error (and ErrorEN, in English) saying why: it counts
	// nowhere until it is read again or replaced on its document page,
	// but is listed so that it can be. "" otherwise.
	Status  string `json:"status,omitempty"`
	Error   string `json:"error,omitempty"`
	ErrorEN string `json:"error_en,omitempty"`
	// VersionOf, on a linked or cited document, is the listed document
	// it is another version of (near duplicates: the .pdf and .docx of one
	// 文号), listed just before it and standing for their group, which
	// counts as one document (Evidence.Counted); "" for the first of a
	// group. Each of a group has the others in NearDuplicateIDs.
	VersionOf string `json:"version_of,omitempty"`
}

// markFailed sets item's Status and Error when d could not be read.
func markFailed(item *EvidenceItem, d *catalog.Document) {
	if d.Status == catalog.StatusFailed {
		item.Status, item.Error, item.ErrorEN = string(d.Status), d.Error, d.ErrorEnglish
	}
}

// CiteRef is a claim or a value citing a document.
type CiteRef struct {
	Kind  string `json:"kind"` // "claim" or "value"
	ID    string `json:"id"`
	Page  int    `json:"page,omitempty"`
	Quote string `json:"quote,omitempty"`
}

// LinkRef is the link that makes a document evidence: Page and Quote its
// first passage, Quotes every passage it cites (catalog.Link.Passages)
// when it cites more than one.
type LinkRef struct {
	ID     string        `json:"id"`
	Page   int           `json:"page,omitempty"`
	Quote  string        `json:"quote,omitempty"`
	Quotes []LinkPassage `json:"quotes,omitempty"`
	Note   string        `json:"note,omitempty"`
	// QuoteFound and FoundOnPage say whether Quote is on Page of the
	// document's text and where it was found (0: nowhere); left out while
	// it was not looked for (Mark.Checked false).
	QuoteFound  *bool `json:"quote_found,omitempty"`
	FoundOnPage *int  `json:"found_on_page,omitempty"`
	// Mark is where Quote was found, for the pages to mark a quote the
	// text does not have.
	Mark catalog.QuoteMark `json:"-"`
}

// LinkPassage is a passage a link cites, with LinkRef's marks.
type LinkPassage struct {
	Page        int               `json:"page,omitempty"`
	Quote       string            `json:"quote"`
	QuoteFound  *bool             `json:"quote_found,omitempty"`
	FoundOnPage *int              `json:"found_on_page,omitempty"`
	Mark        catalog.QuoteMark `json:"-"`
}

// linkRef is l as an evidence item names it.
func linkRef(l catalog.Link) *LinkRef {
	ref := &LinkRef{ID: l.ID, Page: l.Page, Quote: l.Quote, Note: l.Note}
	passages := l.Passages()
	if len(passages) > 0 {
		ref.Mark = passages[0].QuoteMark
		ref.QuoteFound, ref.FoundOnPage = markRefs(ref.Mark)
	}
	if len(passages) > 1 {
		for _, p := range passages {
			lp := LinkPassage{Page: p.Page, Quote: p.Quote, Mark: p.QuoteMark}
			lp.QuoteFound, lp.FoundOnPage = markRefs(p.QuoteMark)
			ref.Quotes = append(ref.Quotes, lp)
		}
	}
	return ref
}

// markRefs is m as quote_found and found_on_page: nil while the quote was
// not looked for.
func markRefs(m catalog.QuoteMark) (*bool, *int) {
	if !m.Checked {
		return nil, nil
	}
	return &m.QuoteFound, &m.FoundOnPage
}

// Evidence lists an indicator's evidence: linked documents first, then
// those only cited by its claims or values, then suggested ones.
type Evidence struct {
	Indicator catalog.Indicator `json:"-"`
	Items     []EvidenceItem    `json:"documents"`
	// Counted is how many documents the linked and cited ones are, a
	// group of versions counted once (VersionOf): one policy's .pdf and
	// .docx are one document of evidence.
	Counted int `json:"counted"`
}

// RoundParam reads the monitoring round a request asks for (?round=, on
// the indicator page and the evidence API) by catalog.ParseListRound's
// rule, as every listing request naming a round does: 0, every round,
// when q is blank, else a year a round may be. Whether the round is
// known is IndicatorEvidence's to say.
func RoundParam(q string) (int, error) {
	return catalog.ParseListRound("round", q)
}

// IndicatorEvidence returns the evidence documents of a key indicator (of
// one city when city is set; coordinators see only theirs) as
// catalog.EvidenceUses defines them — linked, or cited by a claim or a
// value of it, as the tree, the heat map, the comparison and the report
// count them — each with its best passage, followed by up to limit other
// documents whose text matches the indicator's terms, marked Suggested.
// Documents of every round are listed, each with its Round; when round
// is not 0, those that do not count in it are marked OtherRound; a round
// that is not a known monitoring round is EINVALID, rather than every
// document marked.
func (s *Service) IndicatorEvidence(ctx context.Context, code, city string, round int, u *catalog.User, limit int) (*Evidence, error) {
	ind, err := s.cat.Indicator(ctx, code)
	if err != nil {
		return nil, err
	}
	// Found as typed (2．3．1, 指标2.3.1: catalog.CodeAsTyped), the
	// indicator's links, uses and terms are read by the framework's code.
	code = ind.Code
	if round < 0 {
		return nil, catalog.NotARound("round", strconv.Itoa(round))
	}
	if round > 0 {
		if ok, err := s.cat.RoundExists(ctx, round); err != nil {
			return nil, err
		} else if !ok {
			return nil, catalog.FieldErrorf("round", catalog.EINVALID, "监测轮次 %d 不存在", round)
		}
	}
	cities, visible := u.ScopeCity(city)
	out := &Evidence{Indicator: *ind, Items: []EvidenceItem{}}
	if !visible {
		return out, nil
	}
	links, err := s.cat.IndicatorLinks(ctx, code, cities...)
	if err != nil {
		return nil, err
	}
	terms := []index.Term{{Text: ind.Name}}
	if ind.Level == catalog.KeyLevel {
		if terms, err = s.termsOf(ctx, code); err != nil {
			return nil, err
		}
	}
	// The links are read above; only citations are asked for here.
	// Documents that could not be read are listed too, marked failed.
	uses, err := s.cat.EvidenceUses(ctx, catalog.EvidenceFilter{Cities: cities, Indicator: code,
		Kinds: []string{catalog.EvidenceClaim, catalog.EvidenceValue}, Failed: true})
	if err != nil {
		return nil, err
	}
	linked, err := s.linkedEvidence(ctx, links, terms)
	if err != nil {
		return nil, err
	}
	cited, err := s.citedEvidence(ctx, uses, linked)
	if err != nil {
		return nil, err
	}
	out.Items = append(append(out.Items, linked...), cited...)
	if out.Items, err = s.groupListed(ctx, out.Items); err != nil {
		return nil, err
	}
	for _, it := range out.Items {
		if it.VersionOf == "" {
			out.Counted++
		}
	}
	if err := s.markRounds(ctx, out.Items, code, cities, round); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return out, nil
	}
	ids := make([]string, len(out.Items))
	for i, it := range out.Items {
		ids[i] = it.ID
	}
	q := index.Query{Clauses: []index.Clause{{Any: terms}},
		Filter: index.Filter{Cities: cities, ExcludeIDs: ids}, Size: limit, WithText: true}
	res, textQuery, err := s.suggestAsCatalog(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("suggest evidence for %s: %w", code, err)
	}
	docs, err := s.hitDocuments(ctx, hitIDs(res), q.Filter.Cities)
	if err != nil {
		return nil, fmt.Errorf("load suggested evidence for %s: %w", code, err)
	}
	page, err := s.assemble(ctx, res, docs, uncachedFragments(textQuery))
	if err != nil {
		return nil, err
	}
	listed := len(out.Items)
	for _, h := range page.Hits {
		item := EvidenceItem{Hit: h, Suggested: true}
		if d, ok := docs[h.ID]; ok {
			item.Round = d.MonitoringRound()
			item.OtherRound = round != 0 && item.Round != strconv.Itoa(round)
		}
		if len(h.Fragments) > 0 {
			best := bestFragment(h.Fragments)
			item.Passage = &best
		}
		out.Items = append(out.Items, item)
	}
	if out.Items, err = s.foldVersions(ctx, out.Items, listed); err != nil {
		return nil, err
	}
	return out, nil
}

// markRounds marks, when round is not 0, the linked and cited items that
// do not count in it, as the heat map counts the round's evidence
// (catalog.EvidenceFilter.Round).
func (s *Service) markRounds(ctx context.Context, items []EvidenceItem, code string, cities []string, round int) error {
	if len(items) == 0 || round == 0 {
		return nil
	}
	// Failed documents are asked for too: whether one is of the round
	// is its links' and citations' to say, not its failure's (that is
	// Status); so are returned ones (退回), of the round though no
	// evidence there.
	in, err := s.cat.EvidenceDocumentIDs(ctx, catalog.EvidenceFilter{Round: round, Cities: cities, Indicator: code, Failed: true,
		Returned: true})
	if err != nil {
		return fmt.Errorf("evidence of %s in round %d: %w", code, round, err)
	}
	counted := map[string]bool{}
	for _, ids := range in {
		for _, id := range ids {
			counted[id] = true
		}
	}
	for i := range items {
		items[i].OtherRound = !counted[items[i].ID]
	}
	return nil
}

func (s *Service) termsOf(ctx context.Context, code string) ([]index.Term, error) {
	sets, err := s.keyIndicatorTerms(ctx)
	if err != nil {
		return nil, err
	}
	for _, it := range sets {
		if it.ind.Code == code {
			terms := make([]index.Term, len(it.terms))
			for i, t := range it.terms {
				terms[i] = index.Term{Text: t}
			}
			return terms, nil
		}
	}
	return nil, catalog.Errorf(catalog.ENOTFOUND, "指标 %q 不在当前指标体系中", code)
}

// linkedEvidence shows each linked document with the passage its link
// quotes or, without a quote, the passage that best matches the terms.
func (s *Service) linkedEvidence(ctx context.Context, links []catalog.Link, terms []index.Term) ([]EvidenceItem, error) {
	if len(links) == 0 {
		return nil, nil
	}
	ids := make([]string, len(links))
	for i, l := range links {
		ids[i] = l.DocumentID
	}
	res, err := s.idx.Search(ctx, index.Query{Clauses: []index.Clause{{Any: terms}},
		Filter: index.Filter{IDs: ids}, Size: len(ids), WithText: true})
	if err != nil {
		return nil, fmt.Errorf("passages of linked documents: %w", err)
	}
	passages := map[string]*Fragment{}
	want := termNumbers([]index.Clause{{Any: terms}})
	for _, h := range res.Hits {
		if frags := buildFragmentsFor(h.Pages, h.Spans, want); len(frags) > 0 {
			best := bestFragment(frags)
			passages[h.ID] = &best
		}
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	labels, err := s.labels(ctx)
	if err != nil {
		return nil, err
	}
	var out []EvidenceItem
	for _, l := range links {
		d, ok := docs[l.DocumentID]
		if !ok {
			continue
		}
		item := EvidenceItem{
			Hit:   hitOf(d, labels["city"][d.City]),
			Link:  linkRef(l),
			Round: d.MonitoringRound(),
		}
		markFailed(&item, d)
		switch {
		case l.Quote != "":
			item.Passage = &Fragment{Page: l.Page, HTML: "<mark>" + html.EscapeString(l.Quote) + "</mark>"}
		case passages[d.ID] != nil:
			item.Passage = passages[d.ID]
		}
		out = append(out, item)
	}
	return out, nil
}

// citedEvidence marks, among linked, the documents that claims or values
// of the indicator cite (uses), and returns the cited ones not linked,
// each with its first citation's passage.
func (s *Service) citedEvidence(ctx context.Context, uses []catalog.EvidenceUse, linked []EvidenceItem) ([]EvidenceItem, error) {
	at := map[string]int{}
	for i, it := range linked {
		at[it.ID] = i
	}
	var ids []string
	refs := map[string][]CiteRef{}
	for _, u := range uses {
		if u.Kind == catalog.EvidenceLink {
			continue
		}
		if _, ok := at[u.DocumentID]; !ok && refs[u.DocumentID] == nil {
			ids = append(ids, u.DocumentID)
		}
		refs[u.DocumentID] = append(refs[u.DocumentID], CiteRef{Kind: u.Kind, ID: u.SourceID, Page: u.Page, Quote: u.Quote})
	}
	for id, i := range at {
		linked[i].Cited = refs[id]
	}
	if len(ids) == 0 {
		return nil, nil
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load cited evidence: %w", err)
	}
	labels, err := s.labels(ctx)
	if err != nil {
		return nil, err
	}
	var out []EvidenceItem
	for _, id := range ids {
		d, ok := docs[id]
		if !ok {
			continue
		}
		first := refs[id][0]
		item := EvidenceItem{
			Hit:   hitOf(d, labels["city"][d.City]),
			Cited: refs[id],
			Round: d.MonitoringRound(),
		}
		markFailed(&item, d)
		if first.Quote != "" {
			item.Passage = &Fragment{Page: first.Page, HTML: "<mark>" + html.EscapeString(first.Quote) + "</mark>"}
		}
		out = append(out, item)
	}
	return out, nil
}

// suggestAsCatalog is the index's hits of q (a relevance search held to
// cities, with text) with the documents whose index copy may lag the
// catalog found by the catalog's values, as a search's are
// (pageAsCatalog): a document moved into q's cities is suggested there,
// ranked among the index's hits by its words, and one moved out is not,
// before the index applies the move (review s55). It returns the query
// whose words the hits' passages are of. With nothing pending it is one
// index search.
func (s *Service) suggestAsCatalog(ctx context.Context, q index.Query) (*index.Result, index.Query, error) {
	p, err := s.pendingChanges(ctx)
	if err != nil {
		return nil, q, err
	}
	ids := pendingAmong(p, q.Filter.IDs)
	if len(ids) == 0 {
		res, err := s.idx.Search(ctx, q)
		return res, q, err
	}
	added, err := s.pendingMatches(ctx, q, p, ids)
	if err != nil {
		return nil, q, err
	}
	indexed := q
	indexed.Filter.ExcludeIDs = slices.Concat(q.Filter.ExcludeIDs, ids)
	indexed.WithText = false
	res, err := s.idx.Search(ctx, indexed)
	if err != nil {
		return nil, q, err
	}
	hits := mergeRanked(index.SortRelevance, res.Hits, added, nil, 0, 0, q.Size)
	// The passages by q's words alone: a document the catalog moved into
	// q's cities is not there in the index yet.
	text := q
	text.Filter = index.Filter{ExcludeIDs: q.Filter.ExcludeIDs, Cut: q.Filter.Cut}
	textQuery, err := s.readPageText(ctx, text, hits)
	if err != nil {
		return nil, q, err
	}
	return &index.Result{Total: res.Total + uint64(len(added)), Took: res.Took, Hits: hits}, textQuery, nil
}
