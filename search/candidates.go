package search

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// Candidate is a passage proposed as evidence for a claim.
type Candidate struct {
	DocumentID string   `json:"document_id"`
	Title      string   `json:"title"`
	Page       int      `json:"page"`
	HTML       string   `json:"html"`
	Quote      string   `json:"quote"` // the passage as plain text, ready to cite
	Linked     bool     `json:"linked"`
	Numbers    []string `json:"numbers_found"`
	AllNumbers bool     `json:"all_numbers"`
	Score      float64  `json:"score"`
	// NearDuplicates is how many other versions of the document (near
	// duplicates) had passages here and were folded into this one's
	// (另有 N 个版本); NearDuplicateIDs names them.
	NearDuplicates   int      `json:"near_duplicates"`
	NearDuplicateIDs []string `json:"near_duplicate_ids,omitempty"`
}

var numberPattern = regexp.MustCompile(`\d+(\.\d+)?`)

// thousandsPattern is a thousands separator: a comma between a digit and
// exactly three more (2,000 and 1,234,567, not the list 1,2).
var thousandsPattern = regexp.MustCompile(`(\d),(\d{3})(\D|$)`)

// ungroupThousands drops the thousands separators of s's numbers, so that
// 2,000 and 2000 are one number whichever the statement and the passage
// wrote.
func ungroupThousands(s string) string {
	for {
		next := thousandsPattern.ReplaceAllString(s, "$1$2$3")
		if next == s {
			return s
		}
		s = next
	}
}

// statementNumberPattern is a number as a statement writes it, with or
// without thousands separators.
var statementNumberPattern = regexp.MustCompile(`\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?`)

// statementNumbers are the numbers of a claim's statement as it writes
// them (2,000 is one number, not 2 and 000).
func statementNumbers(statement string) []string {
	return statementNumberPattern.FindAllString(statement, -1)
}

// Candidate ranking: a passage with every number of the statement comes
// first, then passages of documents linked to the indicator, then by the
// number of distinct statement words they hold.
const (
	allNumbersBonus = 100.0
	linkedBonus     = 10.0
	candidatePool   = 20 // documents looked at per search
)

// ClaimCandidates proposes passages of the claim's city that best support
// its statement: from documents linked to the claim's indicator (linked),
// then from all the city's documents.
func (s *Service) ClaimCandidates(ctx context.Context, c *catalog.Claim, linked []string, limit int) ([]Candidate, error) {
	statement := width.Fold.String(c.Statement)
	words, err := index.QueryTerms(statement)
	if err != nil {
		return nil, err
	}
	var terms []index.Term
	seen := map[string]bool{}
	for _, w := range words {
		if (utf8.RuneCountInString(w) >= 2 || numberPattern.MatchString(w)) && !seen[w] {
			seen[w] = true
			terms = append(terms, index.Term{Text: w})
		}
	}
	if len(terms) == 0 {
		return []Candidate{}, nil
	}
	numbers := statementNumbers(statement)
	// A mark takes a number of the passage whole when the statement
	// states it, and leaves it out otherwise: never
	// 1,234.<mark>5万人次</mark>.
	want := figuresOf(statement)
	isLinked := map[string]bool{}
	for _, id := range linked {
		isLinked[id] = true
	}
	// The documents whose index copy may lag the catalog (pendingChanges)
	// are looked at by the catalog's city, wherever the index files them,
	// so that one moved into the claim's city is proposed at once, as its
	// search finds it.
	ctx = withSearchStamps(ctx, s.hitDocs)
	p, err := s.pendingChanges(ctx)
	if err != nil {
		return nil, fmt.Errorf("candidates for claim %s: %w", c.ID, err)
	}
	var out []Candidate
	for _, f := range []index.Filter{
		{Cities: []string{c.City}, IDs: linked},
		{Cities: []string{c.City}, ExcludeIDs: linked},
	} {
		if f.IDs != nil && len(f.IDs) == 0 {
			continue
		}
		search := func(f index.Filter) (*index.Result, error) {
			return s.idx.Search(ctx, index.Query{Clauses: []index.Clause{{Any: terms}}, Filter: f, Size: candidatePool, WithText: true})
		}
		pending := slices.DeleteFunc(slices.Clone(pendingAmong(p, f.IDs)), func(id string) bool { return slices.Contains(f.ExcludeIDs, id) })
		indexed := f
		if len(pending) > 0 {
			// Left out of the index's own search, so that the pool
			// holds each once.
			indexed.ExcludeIDs = slices.Concat(f.ExcludeIDs, pending)
		}
		// Of them, those the catalog files in the claim's city alone are
		// searched: one pool for the pending documents of every city (a
		// node catching up has every city's recent changes pending) was
		// filled by other cities', and the claim city's were never
		// looked at, not even those its index search used to find.
		filed := slices.DeleteFunc(slices.Clone(pending), func(id string) bool {
			d := p.docs[id]
			return d == nil || !slices.Contains(f.Cities, d.City)
		})
		res, err := search(indexed)
		if err == nil && len(filed) > 0 {
			var moved *index.Result
			if moved, err = search(index.Filter{IDs: filed}); err == nil {
				both := *res // the index's, maybe kept for other searches
				both.Hits = slices.Concat(res.Hits, moved.Hits)
				res = &both
			}
		}
		if err != nil {
			return nil, fmt.Errorf("candidates for claim %s: %w", c.ID, err)
		}
		docs, err := s.hitDocuments(ctx, hitIDs(res), f.Cities)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			d, ok := docs[h.ID]
			if !ok {
				continue
			}
			for _, fr := range buildFragmentsFor(h.Pages, h.Spans, want) {
				out = append(out, scoreCandidate(d, fr, numbers, isLinked[d.ID]))
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	// Folded before the limit, so that the versions' passages leave room
	// for other documents'.
	if out, err = s.foldCandidateVersions(ctx, out); err != nil {
		return nil, fmt.Errorf("candidates for claim %s: %w", c.ID, err)
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	if out == nil {
		out = []Candidate{}
	}
	return out, nil
}

// hitIDs are the IDs of a page of hits.
func hitIDs(res *index.Result) []string {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

var markPattern = regexp.MustCompile(`<mark>(.*?)</mark>`)

func scoreCandidate(d *catalog.Document, fr Fragment, numbers []string, linked bool) Candidate {
	plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(fr.HTML))
	c := Candidate{DocumentID: d.ID, Title: d.Title, Page: fr.Page, HTML: fr.HTML, Quote: strings.TrimSpace(plain),
		Linked: linked, Numbers: []string{}}
	compact := ungroupThousands(strings.Join(strings.Fields(plain), ""))
	for _, n := range numbers {
		if containsNumber(compact, strings.ReplaceAll(n, ",", "")) {
			c.Numbers = append(c.Numbers, n)
		}
	}
	c.AllNumbers = len(numbers) > 0 && len(c.Numbers) == len(numbers)
	distinct := map[string]bool{}
	for _, m := range markPattern.FindAllStringSubmatch(fr.HTML, -1) {
		distinct[m[1]] = true
	}
	c.Score = float64(len(distinct)) + float64(len(c.Numbers))
	if c.AllNumbers {
		c.Score += allNumbersBonus
	}
	if linked {
		c.Score += linkedBonus
	}
	return c
}

// containsNumber reports whether n occurs in s as a whole number, so 342
// is not found in 1342 or 3420.
func containsNumber(s, n string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], n)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(n)
		before := start == 0 || !isDigit(s[start-1])
		after := end == len(s) || !isDigit(s[end])
		if before && after {
			return true
		}
		i = start + 1
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
