package claims

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/search"
)

// Limits on what a claim may hold.
const (
	maxStatementRunes = 2000
	maxQuoteRunes     = 1000
	maxCitations      = 50
)

// Service is the claim and review workflow.
type Service struct {
	cat    *catalog.Store
	blobs  blob.Store
	search *search.Service
	budget TextBudget
	// numbers finds the statement's numbers no quote writes: 属实 over
	// such a number needs the reviewer's reason (Review). nil checks none.
	numbers catalog.ClaimNumberCheck
}

// UseClaimNumbers has a verdict of 属实 on a claim whose statement has a
// number check finds in none of its quotes (the claim page's warning
// 定性描述中有 1 个数字未在引文中找到) refused without a comment saying on
// what grounds: the report then carries that reason beside 【属实】.
func (s *Service) UseClaimNumbers(check catalog.ClaimNumberCheck) { s.numbers = check }

// SetTextBudget makes the pages of text held to check quotes borrow
// memory from the server's budget for big texts (ReadCitedText).
func (s *Service) SetTextBudget(b TextBudget) { s.budget = b }

// NewService returns the workflow over the catalog and stored text, with
// search to propose candidate passages.
func NewService(cat *catalog.Store, blobs blob.Store, srch *search.Service) *Service {
	// Texts are read as the catalog recorded them, or as damaged
	// (ingest.VerifiedTexts).
	return &Service{cat: cat, blobs: ingest.NewVerifiedTexts(blobs, cat), search: srch}
}

// CitationInput is a cited passage as a coordinator gives it.
type CitationInput struct {
	DocumentID string `json:"document_id"`
	Page       int    `json:"page"`
	Quote      string `json:"quote"`
}

// Input is a new or changed claim.
type Input struct {
	City      string          `json:"city"`
	Round     int             `json:"round"`
	Indicator string          `json:"indicator"`
	Statement string          `json:"statement"`
	Citations []CitationInput `json:"citations"`
}

// canWrite: admins, and coordinators for their own city.
func canWrite(u *catalog.User, city string) error {
	if u.Role == catalog.RoleAdmin || (u.Role == catalog.RoleCoordinator && u.City == city) {
		return nil
	}
	if u.Role == catalog.RoleCoordinator {
		return catalog.Errorf(catalog.EFORBIDDEN, "协调员只能为本市（%s）撰写定性描述", u.City)
	}
	return catalog.Errorf(catalog.EFORBIDDEN, "只有本市协调员或管理员可以撰写和修改定性描述")
}

// Create checks and stores a new claim; nothing is saved when any part is
// wrong. Every mistake in the input is reported at once, each about its
// field (catalog.Join): the city, round, indicator, statement and each
// citation's document, page and quote.
func (s *Service) Create(ctx context.Context, u *catalog.User, in Input) (*catalog.Claim, error) {
	if in.City == "" && u.Role == catalog.RoleCoordinator {
		in.City = u.City
	}
	var mistakes []error
	city, err := s.checkCity(ctx, u, in.City)
	if mistakes, err = mistake(mistakes, err); err != nil {
		return nil, err
	}
	if mistakes, err = s.checkRound(ctx, mistakes, &in.Round); err != nil {
		return nil, err
	}
	ind, err := s.keyIndicator(ctx, in.Indicator)
	if mistakes, err = mistake(mistakes, err); err != nil {
		return nil, err
	}
	// An unknown city leaves the citations' documents unchecked against it.
	c := &catalog.Claim{City: city, Round: in.Round, CreatedBy: u.Username}
	if ind != nil {
		c.Indicator = ind.Code
	}
	if mistakes, err = mistake(mistakes, s.fill(ctx, u, c, in.Statement, nil, in.Citations, 1)); err != nil {
		return nil, err
	}
	if len(mistakes) > 0 {
		return nil, catalog.Join(mistakes...)
	}
	if err := s.cat.CreateClaim(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// checkRound sets *round, 0 for the current one, to the round a claim
// is for, with the mistakes about it added to mistakes: none set up yet
// for a blank, a number that is no round's year, a round that does not
// exist.
func (s *Service) checkRound(ctx context.Context, mistakes []error, round *int) ([]error, error) {
	if *round == 0 {
		r, err := s.cat.BlankRound(ctx, "round")
		if err != nil {
			return mistake(mistakes, err)
		}
		*round = r
	}
	if !catalog.RoundYear(*round) {
		// -1 or 99999 never was a round: what to type, not 不存在, as
		// a value's round (values.Service) and ?round= say.
		return append(mistakes, catalog.NotARound("round", strconv.Itoa(*round))), nil
	}
	ok, err := s.cat.RoundExists(ctx, *round)
	if err != nil || ok {
		return mistakes, err
	}
	return append(mistakes, catalog.NoSuchRound("round", *round)), nil
}

// mistake adds err to mistakes when it is a mistake in the input
// (EINVALID); any other error is returned, to end the request.
func mistake(mistakes []error, err error) ([]error, error) {
	if err == nil {
		return mistakes, nil
	}
	if catalog.ErrorCode(err) != catalog.EINVALID {
		return mistakes, err
	}
	return append(mistakes, err), nil
}

// checkCity returns the city a claim is for, when it exists and u may
// write for it; "" with an EINVALID error about the field city when none
// is given or it does not exist.
func (s *Service) checkCity(ctx context.Context, u *catalog.User, city string) (string, error) {
	if city == "" {
		return "", catalog.FieldErrorf("city", catalog.EINVALID, "请选择城市")
	}
	if _, err := s.cat.City(ctx, city); err != nil {
		return "", catalog.OnInvalidField("city", catalog.NotFoundAsInvalid(err))
	}
	if err := canWrite(u, city); err != nil {
		return "", err
	}
	return city, nil
}

// keyIndicator returns the key indicator code names, or an EINVALID error
// about the field indicator.
func (s *Service) keyIndicator(ctx context.Context, code string) (*catalog.Indicator, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, catalog.FieldErrorf("indicator", catalog.EINVALID, "请选择关键指标")
	}
	ind, err := s.cat.Indicator(ctx, code)
	if err != nil {
		return nil, catalog.OnInvalidField("indicator", catalog.NotFoundAsInvalid(err))
	}
	if ind.Level != catalog.KeyLevel {
		return nil, catalog.FieldErrorf("indicator", catalog.EINVALID, "定性描述只能针对关键指标（三级指标）；%s %s 是%d级指标", ind.Code, ind.NameWords(), ind.Level)
	}
	return ind, nil
}

// fill validates the statement and the new citations (checking each
// quote) and appends them to the citations kept, which are not checked
// again: a kept citation may point at a document deleted since, or into a
// text damaged since, and the claim must stay editable. Every mistake is
// reported at once (catalog.Join), a citation's prefixed with its number.
//
// first is the number the first citation added is named by in a
// mistake: the one it would take (Citation.Number), or its place in the
// list when the list replaces the claim's citations.
func (s *Service) fill(ctx context.Context, u *catalog.User, c *catalog.Claim, statement string, kept []catalog.Citation, added []CitationInput, first int) error {
	return s.fillRepeating(ctx, u, c, statement, kept, added, first, nil)
}

// fillRepeating is fill where an added citation that repeats one of
// stored (the same document, page and quote: a list sent back with the
// claim's citations in it) is that citation, kept as it is, its text not
// read again; each of stored is repeated at most once. Sent back, it is
// cited again, so its document must still be one u may cite for the
// claim's city (citeable): a document deleted since, or one u may not
// see, is refused as a new citation of it would be.
func (s *Service) fillRepeating(ctx context.Context, u *catalog.User, c *catalog.Claim, statement string, kept []catalog.Citation, added []CitationInput, first int, stored []catalog.Citation) error {
	var mistakes []error
	before := c.Statement
	c.Statement = strings.TrimSpace(statement)
	if c.Statement == "" {
		mistakes = append(mistakes, catalog.FieldErrorf("statement", catalog.EINVALID, "定性描述不能为空"))
	} else if utf8.RuneCountInString(c.Statement) > maxStatementRunes {
		mistakes = append(mistakes, catalog.FieldErrorf("statement", catalog.EINVALID, "定性描述过长（超过 %d 字）", maxStatementRunes))
	} else if r, ok := catalog.HiddenRune(c.Statement, true); ok && c.Statement != before {
		// The report writes the verdict right after the statement: a
		// U+202E left in it would show 【属实】 backwards. Only a
		// statement written now: one saved before the rule (a \v pasted
		// from Word) must not stop its citations being edited, under an
		// error about a statement the user did not touch (review s48 #6).
		mistakes = append(mistakes, catalog.FieldErrorf("statement", catalog.EINVALID, "定性描述含有看不见的字符 %q；请删去后再保存", string(r)))
	}
	if len(kept)+len(added) > maxCitations {
		return catalog.Join(append(mistakes, catalog.Errorf(catalog.EINVALID, "引用过多（超过 %d 条）", maxCitations))...)
	}
	if len(kept)+len(added) == 0 {
		// A statement without evidence would colour its heat-map cell
		// with nothing behind it.
		mistakes = append(mistakes, catalog.FieldErrorf("citations", catalog.EINVALID, "定性描述至少需要一条佐证引用：请选择佐证材料、页码并填写引文"))
	}
	cits := append([]catalog.Citation(nil), kept...)
	repeated := make([]bool, len(stored))
	for i, in := range added {
		var cit *catalog.Citation
		var err error
		if j := repeats(in, stored, repeated); j >= 0 {
			repeated[j] = true
			cit = &stored[j]
			_, err = s.citeable(ctx, u, c.City, cit.DocumentID)
		} else {
			cit, err = s.citation(ctx, u, c.City, in)
		}
		if err != nil {
			each := catalog.Each(err)
			if each == nil {
				return err
			}
			n := first + i
			for _, e := range each {
				mistakes = append(mistakes, e.Prefixed(fmt.Sprintf("第 %d 条引用\uFF1A", n), fmt.Sprintf("Citation %d: ", n)))
			}
			continue
		}
		cits = append(cits, *cit)
	}
	if len(mistakes) > 0 {
		return catalog.Join(mistakes...)
	}
	c.Citations = cits
	return nil
}

// repeats is the index of the citation of stored, not repeated yet, that
// in cites as it is (document, page and quote, as saved: trimmed); -1 for
// none.
func repeats(in CitationInput, stored []catalog.Citation, repeated []bool) int {
	id, quote := strings.TrimSpace(in.DocumentID), strings.TrimSpace(in.Quote)
	for j, o := range stored {
		if !repeated[j] && o.DocumentID == id && o.Page == in.Page && o.Quote == quote {
			return j
		}
	}
	return -1
}

// citation checks a cited passage against its document, which must belong
// to city (unchecked when city is "") and be one u may see, and finds its
// quote in the text. Every mistake in the citation is reported at once.
func (s *Service) citation(ctx context.Context, u *catalog.User, city string, in CitationInput) (*catalog.Citation, error) {
	d, docErr := s.citedDocument(ctx, u, city, in.DocumentID)
	mistakes, err := mistake(nil, docErr)
	if err != nil {
		return nil, err
	}
	quote := strings.TrimSpace(in.Quote)
	if quote == "" {
		mistakes = append(mistakes, catalog.FieldErrorf("quote", catalog.EINVALID, "请填写引用的原文"))
	} else if utf8.RuneCountInString(quote) > maxQuoteRunes {
		mistakes = append(mistakes, catalog.FieldErrorf("quote", catalog.EINVALID, "引文过长（超过 %d 字）", maxQuoteRunes))
	}
	var ct *CitedText
	if in.Page == 0 && d != nil && quote != "" && len(mistakes) == 0 {
		// Left out, the page is the one the quote starts on; one found
		// nowhere still asks for the page. The text read to find it is
		// the one the quote is checked in.
		var err error
		ct, err = ReadCitedTextWherever(ctx, s.blobs, s.budget, d.SHA256, quote)
		if err != nil && !errors.Is(err, ingest.ErrBadText) {
			return nil, fmt.Errorf("find the quote's page in %s: %w", d.ID, err)
		}
		if ct != nil {
			if in.Page = ct.Match.FoundOnPage; in.Page == 0 {
				ct.Close()
				ct = nil
			}
		}
	}
	switch {
	case in.Page == 0:
		mistakes = append(mistakes, catalog.FieldErrorf("page", catalog.EINVALID, "请填写引文所在的页码"))
	case d != nil && (in.Page < 1 || in.Page > d.Pages):
		mistakes = append(mistakes, catalog.FieldErrorf("page", catalog.EINVALID, "页码 %d 不存在：《%s》共 %d 页", in.Page, d.Title, d.Pages))
	}
	if len(mistakes) > 0 || d == nil {
		if ct != nil {
			ct.Close()
		}
		return nil, catalog.Join(mistakes...)
	}
	if ct == nil {
		var err error
		ct, err = ReadCitedText(ctx, s.blobs, s.budget, d.SHA256, in.Page, quote)
		if err != nil {
			return nil, citedTextError(d, err)
		}
	}
	ct.Close()
	m := ct.Match
	return &catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: in.Page, Quote: quote,
		QuoteFound: m.Found, FoundOnPage: m.FoundOnPage, QuoteRead: m.Read}, nil
}

// citedTextError is the error of reading d's text to check a citation's
// quote.
func citedTextError(d *catalog.Document, err error) error {
	if errors.Is(err, ingest.ErrBadText) {
		// Said of this citation, naming its document, beside the other
		// mistakes: the claim's other citations and statement are not
		// what is wrong, and nothing is saved.
		return catalog.FieldErrorf("document_id", catalog.ECONFLICT, "《%s》的提取文字已损坏，无法核对这条引文；请管理员运行 evidence check 查明，再用 evidence repair 重新提取，或引用其他佐证材料", d.Title)
	}
	return fmt.Errorf("check the quote in %s: %w", d.ID, err)
}

// QuoteOnPage looks for quote on page of a document's text, as a
// citation's quote is checked: for the quotes of indicator links, which
// are saved either way but should say when their words are not there.
// checked is false when there is nothing to check: no quote, or no text
// read yet.
func (s *Service) QuoteOnPage(ctx context.Context, documentID string, page int, quote string) (m Match, checked bool, err error) {
	if strings.TrimSpace(quote) == "" {
		return Match{}, false, nil
	}
	d, err := s.cat.Document(ctx, documentID)
	if err != nil {
		return Match{}, false, err
	}
	if d.Status != catalog.StatusExtracted && d.Status != catalog.StatusIndexed {
		return Match{}, false, nil
	}
	ct, err := ReadCitedText(ctx, s.blobs, s.budget, d.SHA256, page, quote)
	if err != nil {
		return Match{}, false, fmt.Errorf("check the quote in %s: %w", d.ID, err)
	}
	ct.Close()
	return ct.Match, true, nil
}

// citedDocument returns the document a citation names when it may be
// cited: one u may cite for city (citeable), its text read. Otherwise an
// EINVALID error about the field document_id.
func (s *Service) citedDocument(ctx context.Context, u *catalog.User, city, id string) (*catalog.Document, error) {
	d, err := s.citeable(ctx, u, city, id)
	if err != nil {
		return nil, err
	}
	if d.Status != catalog.StatusExtracted && d.Status != catalog.StatusIndexed {
		return nil, catalog.FieldErrorf("document_id", catalog.EINVALID, "《%s》还没有可用的文字（%s），暂不能引用", d.Title, TextNotReady(d.Status))
	}
	return d, nil
}

// citeable returns the document id names when u may cite it for a claim
// of city (any when city is ""): a live document of that city that u may
// see, whatever its text. These are the checks every citation passes, a
// new one and one sent back unchanged alike; only reading its text is
// left to citation. Otherwise an EINVALID error about the field
// document_id: a deleted document of a city u may see says it was
// deleted, naming it (another city's says that it is of another city);
// one u may not see is answered as one that does not exist, its title
// unsaid.
func (s *Service) citeable(ctx context.Context, u *catalog.User, city, id string) (*catalog.Document, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, catalog.FieldErrorf("document_id", catalog.EINVALID, "请选择引用的文档")
	}
	d, err := s.cat.Document(ctx, id)
	if catalog.IsNotFound(err) {
		err = s.deletedCited(ctx, u, city, id, err)
	}
	if err == nil {
		err = u.SeeObject(d.City, catalog.ObjectDocument, d.ID)
	}
	if err != nil {
		return nil, catalog.OnInvalidField("document_id", catalog.NotFoundAsInvalid(err))
	}
	if city != "" && d.City != city {
		return nil, ofOtherCity(d)
	}
	return d, nil
}

// deletedCited is the answer to a citation of id for a claim of city
// (any when ""), id being no live document (notFound): when it is a
// deleted one of a city u may see, an EINVALID error naming it and
// saying what to do; notFound otherwise. One of another city than the
// claim's is answered as such, deleted or not: a newer version of it,
// or it restored, could not be cited either; this city's documents can.
func (s *Service) deletedCited(ctx context.Context, u *catalog.User, city, id string, notFound error) error {
	d, err := s.cat.DocumentAnyState(ctx, id)
	if catalog.IsNotFound(err) || (err == nil && !u.CanSee(d.City)) {
		return notFound
	}
	if err != nil {
		return fmt.Errorf("deleted document %s: %w", id, err)
	}
	if city != "" && d.City != city {
		return ofOtherCity(d)
	}
	return catalog.FieldErrorf("document_id", catalog.EINVALID, "《%s》已删除，不能再作为定性描述的佐证材料；请删去这条引用，或改引其他佐证材料", cmp.Or(d.Title, d.Filename))
}

// ofOtherCity is the answer to a citation of d, a document of another
// city than the claim's.
func ofOtherCity(d *catalog.Document) error {
	return catalog.FieldErrorf("document_id", catalog.EINVALID, "《%s》属于其他城市，不能作为本市定性描述的佐证材料", cmp.Or(d.Title, d.Filename))
}

// Get returns a claim the user may see.
func (s *Service) Get(ctx context.Context, u *catalog.User, id string) (*catalog.Claim, error) {
	c, err := s.cat.Claim(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(c.City, catalog.ObjectClaim, id); err != nil {
		return nil, err
	}
	return c, nil
}

// Visible returns those claims of ids that u may see, by ID, without
// their citations, in one query however many: for lists that name them.
func (s *Service) Visible(ctx context.Context, u *catalog.User, ids []string) (map[string]*catalog.Claim, error) {
	cs, err := s.cat.ClaimsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, c := range cs {
		if u.SeeObject(c.City, catalog.ObjectClaim, id) != nil {
			delete(cs, id)
		}
	}
	return cs, nil
}

// Update changes a claim's statement and, when citations is not nil,
// replaces its citations (each checked anew); the claim goes back to the
// review queue. The change is built on the service's own read of the
// claim: one committed since that read is ECONFLICT (catalog.Store
// UpdateClaimAs), one committed before it is not seen.
func (s *Service) Update(ctx context.Context, u *catalog.User, id string, statement *string, cits []CitationInput) (*catalog.Claim, error) {
	return s.UpdateAt(ctx, u, id, nil, statement, cits)
}

// UpdateAt is Update built on the claim as its client read it: ifMatch,
// unless nil, names the catalog.Claim.Version values the client may build
// on (the API's ETag, sent back in If-Match). A claim at another version,
// or one changed by another save while this one is checked, is ESTALE
// (catalog.ClaimStaleError), nothing saved, so that a statement written
// against an older text does not silently replace another's change made
// in between. A nil ifMatch is Update.
func (s *Service) UpdateAt(ctx context.Context, u *catalog.User, id string, ifMatch catalog.IfMatch, statement *string, cits []CitationInput) (*catalog.Claim, error) {
	c, _, err := s.Edit(ctx, u, id, ifMatch, statement, cits)
	return c, err
}

// Edit is UpdateAt, saying whether the claim changed: an edit whose
// statement (as saved: trimmed) and citations (document, page, quote)
// are the claim's already changes nothing, and the claim keeps its
// status, its verdict and its version (catalog.Store.UpdateClaimChanged).
func (s *Service) Edit(ctx context.Context, u *catalog.User, id string, ifMatch catalog.IfMatch, statement *string, cits []CitationInput) (*catalog.Claim, bool, error) {
	c, changed, err := s.edit(ctx, u, id, ifMatch, statement, cits)
	if ifMatch != nil && catalog.IsClaimChanged(err) {
		// The version the client named was current when read, and is
		// no longer: the same failed precondition, found later.
		return nil, false, catalog.ClaimStaleError()
	}
	return c, changed, err
}

func (s *Service) edit(ctx context.Context, u *catalog.User, id string, ifMatch catalog.IfMatch, statement *string, cits []CitationInput) (c *catalog.Claim, changed bool, err error) {
	if c, err = s.editable(ctx, u, id); err != nil {
		return nil, false, err
	}
	if !ifMatch.Allows(c.Version()) {
		return nil, false, catalog.ClaimStaleError()
	}
	st := c.Statement
	if statement != nil {
		st = *statement
	}
	if cits == nil {
		changed, err = s.saveChanged(ctx, u, c, st, c.Citations, nil, catalog.ClaimEdited, 0)
		if err != nil {
			return nil, false, err
		}
		return c, changed, nil
	}
	// The citations sent back as they are stored are kept as they are,
	// their texts not read again: one text damaged since must not stop
	// the coordinator from correcting the statement.
	old := c.Citations
	if err := s.fillRepeating(ctx, u, c, st, nil, cits, 1, old); err != nil {
		return nil, false, err
	}
	keepNumbers(c.Citations, old)
	if changed, err = s.cat.UpdateClaimChanged(ctx, c, u.Username, catalog.ClaimEdited); err != nil {
		return nil, false, err
	}
	return c, changed, nil
}

// keepNumbers gives each citation of cits that cites what one of old
// cited (the same document, page and quote) that one's number, each at
// most once: a list sent to replace the claim's citations that repeats
// one keeps its number, and only the new ones take new numbers.
func keepNumbers(cits, old []catalog.Citation) {
	used := make([]bool, len(old))
	for i := range cits {
		for j, o := range old {
			if !used[j] && o.DocumentID == cits[i].DocumentID && o.Page == cits[i].Page && o.Quote == cits[i].Quote {
				used[j] = true
				cits[i].ID, cits[i].Number = o.ID, o.Number
				break
			}
		}
	}
	// Stored in number order, as the claim lists them; the new ones
	// (0, numbered on saving) after the kept.
	slices.SortStableFunc(cits, func(a, b catalog.Citation) int {
		return cmp.Compare(cmp.Or(a.Number, math.MaxInt), cmp.Or(b.Number, math.MaxInt))
	})
}

// AddCitation appends one citation, keeping the others as they are; the
// claim goes back to the queue.
func (s *Service) AddCitation(ctx context.Context, u *catalog.User, id string, cit CitationInput) (*catalog.Claim, error) {
	c, err := s.editable(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := s.save(ctx, u, c, c.Statement, c.Citations, []CitationInput{cit}, catalog.ClaimCited, c.LastCitation+1); err != nil {
		return nil, err
	}
	return c, nil
}

// RemoveCitation removes the citation numbered n (Citation.Number) of a
// claim, keeping the others with their numbers; a claim keeps at least
// one, and goes back to the queue.
func (s *Service) RemoveCitation(ctx context.Context, u *catalog.User, id string, n int) (*catalog.Claim, error) {
	c, err := s.editable(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := CheckRemoveCitation(c, n); err != nil {
		return nil, err
	}
	kept := slices.DeleteFunc(slices.Clone(c.Citations), func(t catalog.Citation) bool { return t.Number == n })
	if err := s.save(ctx, u, c, c.Statement, kept, nil, catalog.ClaimUncited, 0); err != nil {
		return nil, err
	}
	return c, nil
}

// CheckRemoveCitation says why c's citation numbered n may not be
// removed, or nil: c has none of that number (removed already), or it is
// c's only one.
func CheckRemoveCitation(c *catalog.Claim, n int) error {
	if !slices.ContainsFunc(c.Citations, func(t catalog.Citation) bool { return t.Number == n }) {
		return catalog.Errorf(catalog.ENOTFOUND, "定性描述没有第 %d 条引用", n)
	}
	if len(c.Citations) == 1 {
		return catalog.Errorf(catalog.EINVALID, "这是定性描述唯一的佐证引用，不能删除；请先添加另一条引用")
	}
	return nil
}

func (s *Service) editable(ctx context.Context, u *catalog.User, id string) (*catalog.Claim, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := canWrite(u, c.City); err != nil {
		return nil, err
	}
	if c.Status == catalog.ClaimWithdrawn {
		return nil, catalog.Errorf(catalog.ECONFLICT, "这条定性描述已撤回，不能再修改")
	}
	return c, nil
}

// CheckWithdraw says why u may not withdraw c, or nil: only its city's
// coordinator or an admin, and only while it is neither verified nor
// withdrawn already.
func CheckWithdraw(u *catalog.User, c *catalog.Claim) error {
	switch {
	case u.Role != catalog.RoleAdmin && (u.Role != catalog.RoleCoordinator || u.City != c.City):
		return catalog.Errorf(catalog.EFORBIDDEN, "只有本市协调员或管理员可以撤回定性描述")
	case c.Status == catalog.ClaimWithdrawn:
		return catalog.Errorf(catalog.ECONFLICT, "这条定性描述已经撤回")
	case c.Status == catalog.ClaimVerified:
		return catalog.Errorf(catalog.ECONFLICT, "这条定性描述已审核属实，不能撤回")
	}
	return nil
}

// maxWithdrawReason bounds the reason given for a withdrawal.
const maxWithdrawReason = 500

// Withdraw takes back a claim that has not been verified, on behalf of
// its city's coordinator or an admin: it leaves the review queue and the
// heat map, and stays, with its history (audit action claim.withdraw),
// for the record. reason is optional.
func (s *Service) Withdraw(ctx context.Context, u *catalog.User, id, reason string) (*catalog.Claim, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := CheckWithdraw(u, c); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > maxWithdrawReason {
		return nil, catalog.FieldErrorf("reason", catalog.EINVALID, "撤回原因不超过 %d 字", maxWithdrawReason)
	}
	return s.cat.WithdrawClaim(ctx, id, u.Username, reason)
}

// save checks and stores c with statement and its citations (kept, then
// added, first named by number first in a mistake), recorded as change.
func (s *Service) save(ctx context.Context, u *catalog.User, c *catalog.Claim, statement string, kept []catalog.Citation, added []CitationInput, change catalog.ClaimChange, first int) error {
	_, err := s.saveChanged(ctx, u, c, statement, kept, added, change, first)
	return err
}

// saveChanged is save, saying whether anything changed.
func (s *Service) saveChanged(ctx context.Context, u *catalog.User, c *catalog.Claim, statement string, kept []catalog.Citation, added []CitationInput, change catalog.ClaimChange, first int) (bool, error) {
	if err := s.fill(ctx, u, c, statement, kept, added, first); err != nil {
		return false, err
	}
	return s.cat.UpdateClaimChanged(ctx, c, u.Username, change)
}

// reviewer refuses u a verdict on c, first or revised, unless u reviews
// (a reviewer or an admin) and did not write c.
func reviewer(u *catalog.User, c *catalog.Claim) error {
	if u.Role != catalog.RoleReviewer && u.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有审核专家可以给出审核结论")
	}
	if c.CreatedBy == u.Username {
		return catalog.Errorf(catalog.EFORBIDDEN, "不能审核自己撰写的定性描述")
	}
	return nil
}

// verdictComment reads a verdict and its comment: a comment is needed
// when the verdict sends the claim back, or always when required (a
// revision); missing is the refusal of a comment needed and not given.
func verdictComment(verdict, comment string, required bool, missing error) (catalog.ClaimStatus, string, error) {
	v, err := catalog.ParseVerdict(verdict)
	if err != nil {
		return "", "", catalog.OnInvalidField("verdict", err)
	}
	comment = strings.TrimSpace(comment)
	if (required || v != catalog.ClaimVerified) && comment == "" {
		return "", "", missing
	}
	if utf8.RuneCountInString(comment) > maxStatementRunes {
		return "", "", catalog.FieldErrorf("comment", catalog.EINVALID, "审核意见过长（超过 %d 字）", maxStatementRunes)
	}
	if err := catalog.RefuseHidden("comment", catalog.ReviewComment, comment, true); err != nil {
		return "", "", err
	}
	return v, comment, nil
}

// Verdict is a reviewer's verdict as a page's form or the API gives it.
type Verdict struct {
	Verdict, Comment string
	// Seen are the versions of the claim (catalog.Claim.Version) the
	// reviewer was shown: the page's form, or the API's If-Match. A
	// verdict on a claim changed since is refused (catalog.
	// ReviewStaleError), nothing saved. Nil gives it on the claim as it
	// is, as before versions were sent.
	Seen catalog.IfMatch
	// QuoteChecked answers the question 属实 asks of a claim a quote of
	// which is not in its document's text (QuoteNotInText): the reviewer
	// checked the original's image. It counts only with Seen, which ties
	// the answer to the version asked about.
	QuoteChecked bool
}

// Review records a reviewer's verdict. Only reviewers and admins give
// verdicts, never on their own claims, and only on claims waiting for one;
// a verdict that sends a claim back needs a comment saying why. A claim
// with a verdict is revised (Revise), not reviewed again.
func (s *Service) Review(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
	return s.Give(ctx, u, id, Verdict{Verdict: verdict, Comment: comment})
}

// Give is Review of the verdict in: on the version of the claim its
// reviewer was shown (in.Seen), and, 属实 on a claim a quote of which is
// not in its document's text, only once the reviewer says the original's
// image was checked (in.QuoteChecked; QuoteUncheckedError until then).
func (s *Service) Give(ctx context.Context, u *catalog.User, id string, in Verdict) (*catalog.Review, error) {
	verdict, comment := in.Verdict, in.Comment
	if u.Role != catalog.RoleReviewer && u.Role != catalog.RoleAdmin {
		return nil, catalog.Errorf(catalog.EFORBIDDEN, "只有审核专家可以给出审核结论")
	}
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := reviewer(u, c); err != nil {
		return nil, err
	}
	if c.ReviewStatus() == catalog.ClaimToConfirm {
		return nil, catalog.NotConfirmedError(catalog.Words{Chinese: "定性描述", English: "claim"}, c.Round)
	}
	// The version first: whatever else a verdict on a text the reviewer
	// did not see has wrong, it is to be given again on the new one.
	on := in.Seen.On(c.Version())
	if on != c.Version() && on != "" {
		if c.Status != catalog.ClaimPending {
			return nil, catalog.ReviewedMeanwhileError(c.Status)
		}
		return nil, catalog.ReviewStaleError(catalog.Words{Chinese: "定性描述", English: "claim"})
	}
	v, comment, err := verdictComment(verdict, comment, false,
		catalog.FieldErrorf("comment", catalog.EINVALID, "退回定性描述时请写明理由，以便协调员补充或修改"))
	if err != nil {
		return nil, err
	}
	if c.Status == catalog.ClaimWithdrawn {
		return nil, catalog.Errorf(catalog.ECONFLICT, "这条定性描述已撤回，无需审核")
	}
	if err := s.verifiedAgainstWarning(ctx, c, v, comment); err != nil {
		return nil, err
	}
	if c.Status != catalog.ClaimPending {
		return nil, catalog.Errorf(catalog.ECONFLICT, "定性描述已审核（%s）；如需更正审核结论，请改判并写明理由", catalog.VerdictIn(c.Status))
	}
	if err := CheckQuoteChecked(c, v, in); err != nil {
		return nil, err
	}
	r := &catalog.Review{ClaimID: c.ID, Reviewer: u.Username, Verdict: v, Comment: comment, OnVersion: on}
	if err := s.cat.AddReview(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// CheckQuoteChecked is the question 属实 (v) asks of c when a quote of it
// is on no page of its document's text (QuoteUncheckedError), or nil: the
// reviewer answered it (in.QuoteChecked) on the version shown (in.Seen),
// or v is another verdict. A first verdict and a revision ask it alike.
func CheckQuoteChecked(c *catalog.Claim, v catalog.ClaimStatus, in Verdict) error {
	if v != catalog.ClaimVerified || (in.QuoteChecked && in.Seen != nil) {
		return nil
	}
	if n := QuoteNotInText(c); len(n) > 0 {
		return QuoteUncheckedError(n)
	}
	return nil
}

// CheckRevise says why u may not revise c's verdict (改判) now, or nil:
// only a reviewer who may see c's city or an admin, never on a claim they
// wrote, and only while c has a verdict (not waiting for one, not
// withdrawn).
func CheckRevise(u *catalog.User, c *catalog.Claim) error {
	if err := reviewer(u, c); err != nil {
		return err
	}
	switch c.Status {
	case catalog.ClaimWithdrawn:
		return catalog.Errorf(catalog.ECONFLICT, "这条定性描述已撤回，不能改判")
	case catalog.ClaimVerified, catalog.ClaimInsufficient, catalog.ClaimContradicted:
		return nil
	}
	return catalog.Errorf(catalog.ECONFLICT, "这条定性描述还没有审核结论，无需改判；请直接审核")
}

// CheckRevision checks a revision of c's verdict to verdict with comment
// before it is asked to be confirmed or saved: CheckRevise and a comment
// saying why (required). The verdict may be the one c has: its reviewer
// then corrects the comment only (ReviseFrom refuses one unchanged).
func CheckRevision(u *catalog.User, c *catalog.Claim, verdict, comment string) (catalog.ClaimStatus, string, error) {
	if err := CheckRevise(u, c); err != nil {
		return "", "", err
	}
	v, comment, err := verdictComment(verdict, comment, true,
		catalog.FieldErrorf("comment", catalog.EINVALID, "改判时请写明理由，以便协调员和其他审核专家了解为何更正"))
	if err != nil {
		return "", "", err
	}
	return v, comment, nil
}

// Revise corrects the verdict a claim has (改判): the reviewer who gave
// it, another reviewer of its city or an admin, with a comment saying
// why. The claim takes the new verdict as its status; the revision is a
// review of its own, recorded as claim.revise naming the old verdict and
// the new, or, the same verdict with a new comment, as
// claim.review_comment.
func (s *Service) Revise(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
	return s.ReviseFrom(ctx, u, id, "", Verdict{Verdict: verdict, Comment: comment})
}

// ReviseFrom is Revise of the verdict the reviewer saw (previous, "" for
// any): a claim whose verdict another changed since is ECONFLICT, nothing
// saved, so that no one replaces a verdict they never read. As with Give,
// the revision is made on the version of the claim its reviewer was shown
// (in.Seen; ESTALE once a recheck or an edit moved it), and 属实 on a claim
// a quote of which is not in its document's text waits for the answer
// that the original's image was checked (CheckQuoteChecked).
func (s *Service) ReviseFrom(ctx context.Context, u *catalog.User, id, previous string, in Verdict) (*catalog.Review, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if previous != "" && previous != string(c.Status) {
		return nil, catalog.RevisedMeanwhileError(c.Status)
	}
	v, comment, err := CheckRevision(u, c, in.Verdict, in.Comment)
	if err != nil {
		return nil, err
	}
	on := in.Seen.On(c.Version())
	if on != c.Version() && on != "" {
		return nil, catalog.ReviewStaleError(catalog.Words{Chinese: "定性描述", English: "claim"})
	}
	if err := CheckQuoteChecked(c, v, in); err != nil {
		return nil, err
	}
	if v == c.Status {
		reviews, err := s.cat.Reviews(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if err := catalog.CheckCommentChanged(reviews, comment); err != nil {
			return nil, err
		}
	}
	r := &catalog.Review{ClaimID: c.ID, Reviewer: u.Username, Verdict: v, Comment: comment, Revises: c.Status, OnVersion: on}
	if err := s.cat.AddReview(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// CitedPassage is a citation shown in its page context for review.
type CitedPassage struct {
	catalog.Citation
	Title   string
	Deleted bool // the document was deleted since; its original stays available by SHA-256
	// Newer is, when the document was deleted, the live version of it of
	// the claim's city that the reviewer may check the passage against
	// instead (catalog.Store.NewerVersion, as a value's source names it);
	// nil for none.
	Newer   *catalog.NearDuplicate
	Context string // HTML: the page text around the quote, the quote in <mark>
	// Unavailable says why Context is empty: the page's text cannot be
	// held now (EUNAVAILABLE, with a time to retry after) or ever
	// (ETOOLARGE); nil when it is shown. The other passages are shown.
	Unavailable *catalog.Error
}

// Passages renders each citation of c in the context of its page. A
// citation whose page cannot be held within the server's budget for big
// texts is a passage without context saying why (Unavailable), not a
// view that fails.
func (s *Service) Passages(ctx context.Context, c *catalog.Claim) ([]CitedPassage, error) {
	out := make([]CitedPassage, 0, len(c.Citations))
	for _, cit := range c.Citations {
		p := CitedPassage{Citation: cit}
		d, err := s.cat.DocumentAnyState(ctx, cit.DocumentID)
		if err != nil {
			return nil, err
		}
		p.Title = d.Title
		_, err = s.cat.Document(ctx, cit.DocumentID)
		if err != nil && !catalog.IsNotFound(err) {
			return nil, err
		}
		p.Deleted = catalog.IsNotFound(err)
		if p.Deleted {
			if p.Newer, err = s.cat.NewerVersion(ctx, d, c.City); err != nil {
				return nil, fmt.Errorf("citation %d of claim %s: %w", cit.Number, c.ID, err)
			}
		}
		ct, err := ReadCitedText(ctx, s.blobs, s.budget, cit.SHA256, cit.Page, cit.Quote)
		if code := catalog.ErrorCode(err); code == catalog.ETOOLARGE || code == catalog.EUNAVAILABLE {
			p.Unavailable = catalog.Errorf(code, "无法显示这段引文所在页的文字：%s", catalog.MessageWords(err))
			if d, ok := catalog.RetryAfter(err); ok {
				p.Unavailable.RetryAfter = d
			}
			out = append(out, p)
			continue
		}
		if errors.Is(err, ingest.ErrBadText) {
			// One damaged text leaves the claim's other passages, its
			// history and its verdicts to be read; this passage says
			// which document and what to do.
			p.Unavailable = catalog.Errorf(catalog.ECONFLICT, "《%s》保存的提取文字已损坏或被替换，无法显示这段引文所在页；原件不受影响，可在文档页下载核对；请管理员运行 evidence check 查明，再用 evidence repair 重新提取", d.Title)
			out = append(out, p)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("passage of %s: %w", cit.DocumentID, err)
		}
		p.Context = Context(ct.Pages, cit.Page, ct.Match)
		ct.Close()
		out = append(out, p)
	}
	return out, nil
}

// TextNotReady says in words, in each language, why a document's text
// cannot be cited yet.
func TextNotReady(s catalog.Status) catalog.Words {
	if s == catalog.StatusFailed {
		return catalog.Words{Chinese: catalog.Fullwidth("文字提取失败，请查看文档页面上的原因"),
			English: "its text could not be extracted; see the reason on the document's page"}
	}
	return catalog.Words{Chinese: catalog.Fullwidth("文字还在提取中，请稍后再试"), English: "its text is still being extracted; try again later"}
}

// verifiedAgainstWarning refuses 属实 without a comment on a claim whose
// statement has numbers its quotes do not write (UseClaimNumbers),
// naming them: the reviewer accepts them against the page's warning,
// and says why, as a verdict sending the claim back does.
func (s *Service) verifiedAgainstWarning(ctx context.Context, c *catalog.Claim, v catalog.ClaimStatus, comment string) error {
	if v != catalog.ClaimVerified || comment != "" || s.numbers == nil || len(c.Citations) == 0 {
		return nil
	}
	missing, _ := s.numbers(ctx, c)
	if len(missing) == 0 {
		return nil
	}
	return catalog.FieldErrorf("comment", catalog.EINVALID,
		"定性描述中有 %d 个数字未在引文中找到：%s；判为属实时请在审核意见中写明依据（如已核对的统计台账）", len(missing),
		catalog.Words{Chinese: strings.Join(missing, "、"), English: strings.Join(missing, ", ")})
}

// QuoteNotInText are the numbers of c's citations whose quote is on no
// page of its document's text (所引文档中未找到该引文): OCR may have misread
// a scan, and only its image can show the words are there.
func QuoteNotInText(c *catalog.Claim) []int {
	var out []int
	for _, t := range c.Citations {
		if !t.QuoteFound && t.FoundOnPage == 0 {
			out = append(out, t.Number)
		}
	}
	return out
}

// QuoteUncheckedError is the question 属实 asks of a claim whose
// citations numbered nums quote words not in their documents' text: the
// verdict is saved once the reviewer says the original's image was
// checked (Verdict.QuoteChecked).
func QuoteUncheckedError(nums []int) *catalog.Error {
	zh, en := make([]string, len(nums)), make([]string, len(nums))
	for i, n := range nums {
		zh[i], en[i] = strconv.Itoa(n), strconv.Itoa(n)
	}
	return catalog.FieldErrorf("quote_checked", catalog.ECONFLICT,
		"第 %s 条引文在所引文档的文字中未找到；判为属实前请核对原件图像（扫描件可能识别有误），确认后勾选“引文在文字中未找到，已核对原件图像”再提交（API 中为 quote_checked: true，并以 If-Match 带上这条定性描述的版本）",
		catalog.Words{Chinese: strings.Join(zh, "、"), English: strings.Join(en, ", ")})
}
