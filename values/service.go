package values

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

const (
	maxQuoteRunes   = 1000
	maxCommentRunes = 2000
)

// Service records, lists and reviews values, and carries a city's work
// from one round to the next.
type Service struct {
	cat    *catalog.Store
	blobs  blob.Store
	budget claims.TextBudget
	xls    spreadsheet.XLSReader // reads .xls and .et ledgers; nil refuses them
}

// SetTextBudget makes the pages of text held to check quotes borrow
// memory from the server's budget for big texts (claims.ReadCitedText).
func (s *Service) SetTextBudget(b claims.TextBudget) { s.budget = b }

// NewService returns the values service over the catalog and the stored
// text the citations are checked against.
func NewService(cat *catalog.Store, blobs blob.Store) *Service {
	// Texts are read as the catalog recorded them, or as damaged
	// (ingest.VerifiedTexts).
	return &Service{cat: cat, blobs: ingest.NewVerifiedTexts(blobs, cat)}
}

// UseXLSReader has ledgers saved as Excel 97–2003 (.xls) or WPS (.et)
// read by r (the extraction sandbox), never in this process; without it
// such a ledger is refused with a message saying to save it as .xlsx.
func (s *Service) UseXLSReader(r spreadsheet.XLSReader) { s.xls = r }

// Written is a number as given: a JSON number or a string such as
// "12.3万" or "85.3%".
type Written string

// UnmarshalJSON accepts a JSON number or string.
func (w *Written) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*w = Written(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return catalog.Errorf(catalog.EINVALID, "数值应为数字或如 \"12.3万\" 的文字")
	}
	*w = Written(n.String())
	return nil
}

// Input is a value as a coordinator gives it.
type Input struct {
	City      string               `json:"city"`
	Round     int                  `json:"round"`
	Indicator string               `json:"indicator"`
	Value     Written              `json:"value"`
	Unit      string               `json:"unit"`
	Citation  claims.CitationInput `json:"citation"`
}

// Record checks a value and stores it in its slot (city, round,
// indicator), replacing what was there; nothing is saved when any part
// is wrong. value_found says whether the number is written in the cited
// passage on the cited page.
func (s *Service) Record(ctx context.Context, u *catalog.User, in Input) (*catalog.Value, error) {
	v, err := s.check(ctx, u, in)
	if err != nil {
		return nil, err
	}
	if err := s.cat.SaveValue(ctx, v, u.Username); err != nil {
		return nil, err
	}
	// The value is saved: a warning that cannot be looked up now is left
	// out rather than answered as a failure of what was done.
	if err := s.warnLater(ctx, v); err != nil {
		slog.Default().WarnContext(ctx, "value saved; its sources' dates and returns not checked", "value", v.ID, "err", err)
	}
	return v, nil
}

// check validates in and returns the value to store. Every mistake in
// the input is reported at once, each about its field (catalog.Join); an
// error that is not about the input (forbidden, internal) ends the check.
func (s *Service) check(ctx context.Context, u *catalog.User, in Input) (*catalog.Value, error) {
	var mistakes []error
	city, err := s.city(ctx, u, in.City)
	if mistakes, err = mistake(mistakes, err); err != nil {
		return nil, err
	}
	round, err := s.round(ctx, in.Round)
	if mistakes, err = mistake(mistakes, catalog.OnInvalidField("round", err)); err != nil {
		return nil, err
	}
	ind, err := s.quantitative(ctx, in.Indicator)
	if mistakes, err = mistake(mistakes, err); err != nil {
		return nil, err
	}
	typed := strings.TrimSpace(string(in.Value))
	if ind != nil {
		in.Value, in.Unit = splitValueUnit(ind, in.Value, in.Unit)
	}
	n, err := number(in.Value)
	if mistakes, err = mistake(mistakes, err); err != nil {
		return nil, err
	}
	if n != nil && n.Value == 0 {
		// -0 is stored as 0: its sign, kept as typed, would show as -0个.
		typed, in.Value = unsignedZero(typed), Written(unsignedZero(string(in.Value)))
	}
	mul, div := 1.0, 1.0
	var warnings []catalog.Words
	if ind != nil && n != nil {
		in.Unit = restatedUnit(ind, in.Unit, n)
		mul, div, err = fitUnit(ind, in.Unit, n.Percent, scaled(n))
		if err == nil {
			warnings, err = plausible(ind, rescale(n.Value, mul, div), typed)
		} else {
			err = catalog.OnInvalidField("unit", err)
		}
		if mistakes, err = mistake(mistakes, err); err != nil {
			return nil, err
		}
	}
	var cit catalog.Citation
	passage, after, err := s.cite(ctx, u, city, in.Citation, &cit)
	if mistakes, err = mistake(mistakes, err); err != nil {
		return nil, err
	}
	if len(mistakes) > 0 {
		return nil, catalog.Join(mistakes...)
	}
	v := &catalog.Value{City: city, Round: round, Indicator: ind.Code, Number: rescale(n.Value, mul, div),
		Given: strings.TrimSpace(string(in.Value)), Unit: ind.Unit, Citation: cit, Warnings: warnings}
	if v.Given != typed {
		v.Given = typed // written with its unit (123.4万人次): it reads as typed
	} else if mul != div {
		// The writing keeps its own unit, so that it reads as typed:
		// 12.3 万人 for 人, 1234.5万人次 for 万人次 typed as 1234.5万.
		if u := strings.TrimSpace(in.Unit); u != "" {
			v.Given = catalog.JoinUnit(v.Given, u)
		} else {
			_, base := splitScale(normUnit(ind.Unit))
			v.Given += base
		}
	}
	// The passage may write the number in the indicator's unit, in the
	// unit typed, or counted out (1,234.5万人次 for 1234.5 万人次), but not
	// in a unit that counts something else (56场 for 56%).
	if v.Citation.QuoteFound {
		var at Number
		at, v.ValueFound, v.PassageUnit = locateInPassage(passage, after, n.Value, v.Number, ind.Unit)
		if v.ValueFound && at.Approx {
			// Within what the passage says, which is no exact number:
			// the coordinator is told to check the value against one.
			v.Warnings = append(v.Warnings, catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
				"引文中的“%s”是约数，所填数值在其范围内；请以统计台账等确切数字核对", at.Shown())))
		}
		if v.ValueFound && at.Spaced != "" {
			v.Warnings = append(v.Warnings, SpacedNote(at.Spaced))
		}
	}
	v.Warnings = append(v.Warnings, fractionHint(ind, v)...)
	return v, nil
}

// mistake adds err to mistakes when it is a mistake in the input
// (EINVALID, any number of them); any other error is returned, to end
// the check.
func mistake(mistakes []error, err error) ([]error, error) {
	if err == nil {
		return mistakes, nil
	}
	if catalog.ErrorCode(err) != catalog.EINVALID {
		return mistakes, err
	}
	return append(mistakes, err), nil
}

// city returns the city a value is for (a coordinator's own when none is
// given) when it exists and u may write for it; "" with an EINVALID error
// about the field city when none is given or it does not exist.
func (s *Service) city(ctx context.Context, u *catalog.User, city string) (string, error) {
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if city == "" {
		return "", catalog.FieldErrorf("city", catalog.EINVALID, "缺少城市代码")
	}
	if _, err := s.cat.City(ctx, city); err != nil {
		return "", catalog.OnInvalidField("city", catalog.NotFoundAsInvalid(err))
	}
	if err := u.CanEdit(city); err != nil {
		return "", err
	}
	return city, nil
}

// quantitative returns the quantitative key indicator code names, or an
// EINVALID error about the field indicator.
func (s *Service) quantitative(ctx context.Context, code string) (*catalog.Indicator, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, catalog.FieldErrorf("indicator", catalog.EINVALID, "请选择定量关键指标")
	}
	ind, err := s.cat.Indicator(ctx, code)
	if err != nil {
		return nil, catalog.OnInvalidField("indicator", catalog.NotFoundAsInvalid(err))
	}
	if ind.Level != catalog.KeyLevel || ind.Kind != catalog.Quantitative {
		return nil, catalog.FieldErrorf("indicator", catalog.EINVALID, "只有定量关键指标可以填报数值；%s %s 不是定量指标", ind.Code, ind.NameWords())
	}
	return ind, nil
}

// unsignedZero is a zero as written without the minus or 负 before it.
func unsignedZero(s string) string {
	s = strings.TrimSpace(s)
	for _, sign := range []string{"-", "\u2212", "\uFF0D", "负"} {
		if rest, ok := strings.CutPrefix(s, sign); ok {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// number reads the value as written, or returns an EINVALID error about
// the field value.
func number(w Written) (*Number, error) {
	if strings.TrimSpace(string(w)) == "" {
		return nil, catalog.FieldErrorf("value", catalog.EINVALID, "请填写数值，如 123000、12.3万 或 85.3%%")
	}
	n, err := ParseNumber(string(w))
	if err != nil {
		return nil, catalog.OnInvalidField("value", err)
	}
	return &n, nil
}

func (s *Service) round(ctx context.Context, r int) (int, error) {
	if r == 0 {
		return s.cat.BlankRound(ctx, "round")
	}
	if !catalog.RoundYear(r) {
		// -1 or 99999 never was a round: what to type, not 不存在.
		return 0, catalog.NotARound("round", strconv.Itoa(r))
	}
	if ok, err := s.cat.RoundExists(ctx, r); err != nil {
		return 0, err
	} else if !ok {
		return 0, catalog.NoSuchRound("round", r)
	}
	return r, nil
}

// cite checks a citation as claims do (a live document of city — of any
// city when city is "" —, with text, a page it has, a quote), every
// mistake at once, and fills c; it returns the page text of the passage
// the quote matched, where the number must be written, and the few
// characters after it, where its unit may be (a quote matches without
// its punctuation, so 达到85.3% matches 达到85.3; 活动56 may end at 56场).
func (s *Service) cite(ctx context.Context, u *catalog.User, city string, in claims.CitationInput, c *catalog.Citation) (passage, after string, err error) {
	d, err := s.citedDocument(ctx, u, city, in.DocumentID)
	mistakes, err := mistake(nil, err)
	if err != nil {
		return "", "", err
	}
	quote := strings.TrimSpace(in.Quote)
	if quote == "" {
		mistakes = append(mistakes, catalog.FieldErrorf("quote", catalog.EINVALID, "请填写引用的原文（含该数字的一句话）"))
	} else if utf8.RuneCountInString(quote) > maxQuoteRunes {
		mistakes = append(mistakes, catalog.FieldErrorf("quote", catalog.EINVALID, "引文过长（超过 %d 字）", maxQuoteRunes))
	}
	var ct *claims.CitedText
	if in.Page == 0 && d != nil && quote != "" && len(mistakes) == 0 {
		// Left out, the page is the one the quote starts on; one found
		// nowhere still asks for the page. The text read to find it is
		// the one the quote is checked in.
		ct, err = claims.ReadCitedTextWherever(ctx, s.blobs, s.budget, d.SHA256, quote)
		if err != nil && !errors.Is(err, ingest.ErrBadText) {
			return "", "", fmt.Errorf("find the quote's page in %s: %w", d.ID, err)
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
		return "", "", catalog.Join(mistakes...)
	}
	if ct == nil {
		ct, err = claims.ReadCitedText(ctx, s.blobs, s.budget, d.SHA256, in.Page, quote)
		if err != nil {
			return "", "", fmt.Errorf("check the quote in %s: %w", d.ID, err)
		}
	}
	defer ct.Close()
	m := ct.Match
	*c = catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: in.Page, Quote: quote, QuoteFound: m.Found, FoundOnPage: m.FoundOnPage, QuoteRead: m.Read}
	if !m.Found {
		return "", "", nil
	}
	// What follows the quote, where a unit may be written: on the page
	// it ends on.
	after = textAfter(ct.Pages, m, afterRunes)
	// Copies: the page they are cut from is let go.
	return strings.Clone(m.Passage(ct.Pages)), strings.Clone(after), nil
}

// citedDocument returns the document a value cites when it may be its
// source: of city (any when city is ""), its text read. Otherwise an
// EINVALID error about the field document_id.
func (s *Service) citedDocument(ctx context.Context, u *catalog.User, city, id string) (*catalog.Document, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, catalog.FieldErrorf("document_id", catalog.EINVALID, "请选择引用的文档")
	}
	d, err := s.cat.Document(ctx, id)
	if err == nil && !u.CanSee(d.City) {
		// Answered as a document that does not exist, its title unsaid.
		err = catalog.Errorf(catalog.ENOTFOUND, "document %s", id)
	}
	if err != nil {
		if catalog.IsNotFound(err) {
			// A deleted document of a city u may see is named, as a
			// claim's citation names it: "does not exist" left the
			// coordinator looking for a document they had uploaded.
			// One of another city than the value's is answered as
			// such, deleted or not: a newer version of it, or it
			// restored, could not be the source either; this city's
			// documents can.
			if gone, goneErr := s.cat.DocumentAnyState(ctx, id); goneErr == nil && u.CanSee(gone.City) {
				if city != "" && gone.City != city {
					return nil, ofOtherCity(gone)
				}
				return nil, catalog.FieldErrorf("document_id", catalog.EINVALID, "《%s》已删除，不能再作为数值的出处；请改引其他佐证材料", cmp.Or(gone.Title, gone.Filename))
			}
			return nil, catalog.FieldErrorf("document_id", catalog.EINVALID, "引用的文档 %q 不存在；请从文档页面选取出处", id)
		}
		return nil, err
	}
	if city != "" && d.City != city {
		return nil, ofOtherCity(d)
	}
	if d.Status != catalog.StatusExtracted && d.Status != catalog.StatusIndexed {
		return nil, catalog.FieldErrorf("document_id", catalog.EINVALID, "文档《%s》还没有可用的文字（%s），暂不能引用", d.Title, claims.TextNotReady(d.Status))
	}
	return d, nil
}

// ofOtherCity is the answer to a value citing d, a document of another
// city than the value's.
func ofOtherCity(d *catalog.Document) error {
	return catalog.FieldErrorf("document_id", catalog.EINVALID, "《%s》属于其他城市，不能作为本市数值的出处", cmp.Or(d.Title, d.Filename))
}

// Get returns a value the user may see, with the warnings recording it
// gave (Warnings).
func (s *Service) Get(ctx context.Context, u *catalog.User, id string) (*catalog.Value, error) {
	v, err := s.cat.Value(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(v.City, catalog.ObjectValue, id); err != nil {
		return nil, err
	}
	if err := s.warnStored(ctx, v); err != nil {
		return nil, err
	}
	// A value read alone: its source's date is checked, as its claim's.
	if err := s.warnLater(ctx, v); err != nil {
		return nil, err
	}
	return v, nil
}

// Visible returns those values of ids that u may see, by ID, in one query
// however many: for lists that name them.
func (s *Service) Visible(ctx context.Context, u *catalog.User, ids []string) (map[string]*catalog.Value, error) {
	vs, err := s.cat.ValuesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, v := range vs {
		if u.SeeObject(v.City, catalog.ObjectValue, id) != nil {
			delete(vs, id)
		}
	}
	return vs, nil
}

// Review records a reviewer's verdict on a value, with the claims' rules:
// reviewers and admins only, never on their own values, only on values
// waiting for one, and a comment when the verdict sends it back.
func (s *Service) Review(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
	return s.ReviewSeen(ctx, u, id, nil, verdict, comment)
}

// ReviewSeen is Review of the value as its reviewer was shown it: seen
// names the versions (catalog.Value.Version) the verdict may be given on,
// the page's form or the API's If-Match; a value recorded again since is
// refused (catalog.ReviewStaleError), nothing saved, so that no verdict
// lands on a number its reviewer never saw. Nil gives it on the value as
// it is.
func (s *Service) ReviewSeen(ctx context.Context, u *catalog.User, id string, seen catalog.IfMatch, verdict, comment string) (*catalog.Review, error) {
	if u.Role != catalog.RoleReviewer && u.Role != catalog.RoleAdmin {
		return nil, catalog.Errorf(catalog.EFORBIDDEN, "只有审核专家可以给出审核结论")
	}
	v, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if v.CreatedBy == u.Username {
		return nil, catalog.Errorf(catalog.EFORBIDDEN, "不能审核自己填报的数值")
	}
	if v.ReviewStatus() == catalog.ClaimToConfirm {
		return nil, catalog.NotConfirmedError(catalog.Words{Chinese: "数值", English: "value"}, v.Round)
	}
	on := seen.On(v.Version())
	if on != v.Version() && on != "" {
		if v.Status != catalog.ClaimPending {
			return nil, catalog.ReviewedMeanwhileError(v.Status)
		}
		return nil, catalog.ReviewStaleError(catalog.Words{Chinese: "数值", English: "value"})
	}
	verd, err := catalog.ParseVerdict(verdict)
	if err != nil {
		return nil, catalog.OnInvalidField("verdict", err)
	}
	comment = strings.TrimSpace(comment)
	if verd != catalog.ClaimVerified && comment == "" {
		return nil, catalog.FieldErrorf("comment", catalog.EINVALID, "退回数值时请写明理由，以便协调员补充或修改")
	}
	if verd == catalog.ClaimVerified && comment == "" && v.Citation.QuoteFound && !v.ValueFound {
		// As a claim's numbers (claims.Service.UseClaimNumbers): 属实
		// against the page's warning says on what grounds, and the
		// report carries it beside 【属实】.
		return nil, catalog.FieldErrorf("comment", catalog.EINVALID,
			"引文中未找到数值 %s；判为属实时请在审核意见中写明依据（如已核对的统计台账）", v.Written())
	}
	if utf8.RuneCountInString(comment) > maxCommentRunes {
		return nil, catalog.Errorf(catalog.EINVALID, "审核意见过长（超过 %d 字）", maxCommentRunes)
	}
	if err := catalog.RefuseHidden("comment", catalog.ReviewComment, comment, true); err != nil {
		return nil, err
	}
	if v.Status != catalog.ClaimPending {
		return nil, catalog.Errorf(catalog.ECONFLICT, "数值已审核（%s）；如需更正审核结论，请改判并写明理由", catalog.VerdictIn(v.Status))
	}
	r := &catalog.Review{Reviewer: u.Username, Verdict: verd, Comment: comment, OnVersion: on}
	if err := s.cat.AddValueReview(ctx, v.ID, r); err != nil {
		return nil, err
	}
	return r, nil
}

// CheckRevise says why u may not revise v's verdict (改判) now, or nil,
// with the claims' rules: a reviewer who may see v's city or an admin,
// never on a value they recorded, only while v has a verdict.
func CheckRevise(u *catalog.User, v *catalog.Value) error {
	if u.Role != catalog.RoleReviewer && u.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有审核专家可以给出审核结论")
	}
	if v.CreatedBy == u.Username {
		return catalog.Errorf(catalog.EFORBIDDEN, "不能审核自己填报的数值")
	}
	switch v.Status {
	case catalog.ClaimVerified, catalog.ClaimInsufficient, catalog.ClaimContradicted:
		return nil
	}
	return catalog.Errorf(catalog.ECONFLICT, "这个数值还没有审核结论，无需改判；请直接审核")
}

// CheckRevision checks a revision of v's verdict before it is asked to
// be confirmed or saved: CheckRevise and a comment saying why. The same
// verdict corrects the comment only, as claims.CheckRevision's.
func CheckRevision(u *catalog.User, v *catalog.Value, verdict, comment string) (catalog.ClaimStatus, string, error) {
	if err := CheckRevise(u, v); err != nil {
		return "", "", err
	}
	verd, err := catalog.ParseVerdict(verdict)
	if err != nil {
		return "", "", catalog.OnInvalidField("verdict", err)
	}
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return "", "", catalog.FieldErrorf("comment", catalog.EINVALID, "改判时请写明理由，以便协调员和其他审核专家了解为何更正")
	}
	if utf8.RuneCountInString(comment) > maxCommentRunes {
		return "", "", catalog.FieldErrorf("comment", catalog.EINVALID, "审核意见过长（超过 %d 字）", maxCommentRunes)
	}
	if err := catalog.RefuseHidden("comment", catalog.ReviewComment, comment, true); err != nil {
		return "", "", err
	}
	return verd, comment, nil
}

// Revise corrects the verdict a value has (改判), as claims.Service.Revise
// does a claim's: recorded as value.revise naming the old verdict and
// the new.
func (s *Service) Revise(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
	return s.ReviseFrom(ctx, u, id, "", nil, verdict, comment)
}

// ReviseFrom is Revise of the verdict the reviewer saw (previous, "" for
// any) on the version of the value they were shown (seen, as ReviewSeen
// takes it: the page's form or the API's If-Match), as claims.Service.
// ReviseFrom: a value whose verdict another changed since is ECONFLICT,
// and one moved since in any other way (its comment rewritten, its quote
// read again in a re-extracted text) is ESTALE (catalog.ReviewStaleError),
// nothing saved, so that no revision lands on a value its reviewer never
// saw. Nil seen revises the value as it is.
func (s *Service) ReviseFrom(ctx context.Context, u *catalog.User, id, previous string, seen catalog.IfMatch, verdict, comment string) (*catalog.Review, error) {
	v, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if previous != "" && previous != string(v.Status) {
		return nil, catalog.RevisedMeanwhileError(v.Status)
	}
	verd, comment, err := CheckRevision(u, v, verdict, comment)
	if err != nil {
		return nil, err
	}
	on := seen.On(v.Version())
	if on != v.Version() && on != "" {
		return nil, catalog.ReviewStaleError(catalog.Words{Chinese: "数值", English: "value"})
	}
	if verd == v.Status {
		reviews, err := s.cat.ValueReviews(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		if err := catalog.CheckCommentChanged(reviews, comment); err != nil {
			return nil, err
		}
	}
	r := &catalog.Review{Reviewer: u.Username, Verdict: verd, Comment: comment, Revises: v.Status, OnVersion: on}
	if err := s.cat.AddValueReview(ctx, v.ID, r); err != nil {
		return nil, err
	}
	return r, nil
}

// Reviews returns the reviews of a value the user may see.
func (s *Service) Reviews(ctx context.Context, u *catalog.User, id string) ([]catalog.Review, error) {
	if _, err := s.Get(ctx, u, id); err != nil {
		return nil, err
	}
	return s.cat.ValueReviews(ctx, id)
}

// LastReviews returns the latest review of each reviewed value of list,
// by value ID, in one query however long the list. list is what List gave
// the caller, so every value in it is one the caller may see.
func (s *Service) LastReviews(ctx context.Context, list []Listed) (map[string]catalog.Review, error) {
	var ids []string
	for _, v := range list {
		if v.Status != catalog.ClaimPending {
			ids = append(ids, v.ID)
		}
	}
	all, err := s.cat.ValueReviewsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	return catalog.LastOf(all), nil
}

// scaled reports a number written with a scale character (万, 亿, 千, 百:
// 1234.5万, 12345千, 一千二百): a count of the unit's base, however large
// the indicator's own unit is. A percentage (百分之三) is not one.
func scaled(n *Number) bool {
	return !n.Percent && strings.ContainsAny(n.Text, "万亿千百")
}
