package values

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
)

const (
	maxQuoteRunes   = 1000
	maxCommentRunes = 2000
)

// Service records, lists and reviews values, and carries a city's work
// from one round to the next.
type Service struct {
	cat   *catalog.Store
	blobs blob.Store
}

// NewService returns the values service over the catalog and the stored
// text the citations are checked against.
func NewService(cat *catalog.Store, blobs blob.Store) *Service {
	return &Service{cat: cat, blobs: blobs}
}

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
		return catalog.Errorf(catalog.EINVALID, "value 应为数字或如 \"12.3万\" 的文字")
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
	return v, nil
}

// check validates in and returns the value to store.
func (s *Service) check(ctx context.Context, u *catalog.User, in Input) (*catalog.Value, error) {
	if in.City == "" && u.Role == catalog.RoleCoordinator {
		in.City = u.City
	}
	if in.City == "" {
		return nil, catalog.FieldErrorf("city", catalog.EINVALID, "缺少城市代码 city")
	}
	if _, err := s.cat.City(ctx, in.City); err != nil {
		return nil, onField("city", invalid(err))
	}
	if err := u.CanEdit(in.City); err != nil {
		return nil, err
	}
	round, err := s.round(ctx, in.Round)
	if err != nil {
		return nil, onField("round", err)
	}
	if strings.TrimSpace(in.Indicator) == "" {
		return nil, catalog.FieldErrorf("indicator", catalog.EINVALID, "请选择定量关键指标")
	}
	ind, err := s.cat.Indicator(ctx, strings.TrimSpace(in.Indicator))
	if err != nil {
		return nil, onField("indicator", invalid(err))
	}
	if ind.Level != catalog.KeyLevel || ind.Kind != catalog.Quantitative {
		return nil, catalog.FieldErrorf("indicator", catalog.EINVALID, "只有定量关键指标可以填报数值;%s %s 不是定量指标", ind.Code, ind.Name)
	}
	if strings.TrimSpace(string(in.Value)) == "" {
		return nil, catalog.FieldErrorf("value", catalog.EINVALID, "请填写数值,如 123000、12.3万 或 85.3%%")
	}
	n, err := ParseNumber(string(in.Value))
	if err != nil {
		return nil, onField("value", err)
	}
	factor, err := fitUnit(ind, in.Unit, n.Percent)
	if err != nil {
		return nil, onField("unit", err)
	}
	v := &catalog.Value{City: in.City, Round: round, Indicator: ind.Code, Number: n.Value * factor,
		Given: strings.TrimSpace(string(in.Value)), Unit: ind.Unit}
	if u := strings.TrimSpace(in.Unit); u != "" && factor != 1 {
		v.Given += " " + u
	}
	passage, err := s.cite(ctx, in.City, in.Citation, &v.Citation)
	if err != nil {
		return nil, err
	}
	v.ValueFound = v.Citation.QuoteFound && (Contains(passage, n.Value) || Contains(passage, v.Number))
	return v, nil
}

func (s *Service) round(ctx context.Context, r int) (int, error) {
	if r == 0 {
		return s.cat.CurrentRound(ctx)
	}
	if ok, err := s.cat.RoundExists(ctx, r); err != nil {
		return 0, err
	} else if !ok {
		return 0, catalog.Errorf(catalog.EINVALID, "监测轮次 %d 不存在", r)
	}
	return r, nil
}

// cite checks a citation as claims do (a live document of the city, with
// text, a page it has, a quote) and fills c; it returns the page text of
// the passage the quote matched, where the number must be written.
func (s *Service) cite(ctx context.Context, city string, in claims.CitationInput, c *catalog.Citation) (string, error) {
	d, err := s.cat.Document(ctx, strings.TrimSpace(in.DocumentID))
	if err != nil {
		if catalog.IsNotFound(err) {
			return "", catalog.FieldErrorf("document_id", catalog.EINVALID, "引用的文档 %q 不存在;请从文档页面选取出处", in.DocumentID)
		}
		return "", err
	}
	if d.City != city {
		return "", catalog.FieldErrorf("document_id", catalog.EINVALID, "《%s》属于其他城市,不能作为本市数值的出处", d.Title)
	}
	quote := strings.TrimSpace(in.Quote)
	if quote == "" {
		return "", catalog.FieldErrorf("quote", catalog.EINVALID, "请填写引用的原文(含该数字的一句话)")
	}
	if utf8.RuneCountInString(quote) > maxQuoteRunes {
		return "", catalog.FieldErrorf("quote", catalog.EINVALID, "引文过长(超过 %d 字)", maxQuoteRunes)
	}
	if d.Status != catalog.StatusExtracted && d.Status != catalog.StatusIndexed {
		return "", catalog.FieldErrorf("document_id", catalog.EINVALID, "文档《%s》还没有可用的文字(%s),暂不能引用", d.Title, catalog.StatusWords[d.Status])
	}
	if in.Page < 1 || in.Page > d.Pages {
		return "", catalog.FieldErrorf("page", catalog.EINVALID, "页码 %d 不存在:《%s》共 %d 页", in.Page, d.Title, d.Pages)
	}
	t, err := ingest.LoadText(ctx, s.blobs, d.SHA256)
	if err != nil {
		return "", err
	}
	m := claims.FindQuote(t.Pages, in.Page, quote)
	*c = catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: in.Page, Quote: quote, QuoteFound: m.Found, FoundOnPage: m.FoundOnPage}
	if !m.Found {
		return "", nil
	}
	return t.Pages[in.Page-1][m.Start:m.End], nil
}

// onField names the form field an EINVALID error is about, when it names
// none, so a form can show it beside the field (and the API in "field").
func onField(field string, err error) error {
	var e *catalog.Error
	if errors.As(err, &e) && e.Field == "" && e.Code == catalog.EINVALID {
		return e.OnField(field)
	}
	return err
}

func invalid(err error) error {
	if catalog.IsNotFound(err) {
		return catalog.AsInvalid(err, "")
	}
	return err
}

// Get returns a value the user may see.
func (s *Service) Get(ctx context.Context, u *catalog.User, id string) (*catalog.Value, error) {
	v, err := s.cat.Value(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(v.City, "数值", id); err != nil {
		return nil, err
	}
	return v, nil
}

// Review records a reviewer's verdict on a value, with the claims' rules:
// reviewers and admins only, never on their own values, only on values
// waiting for one, and a comment when the verdict sends it back.
func (s *Service) Review(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
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
	verd, err := catalog.ParseVerdict(verdict)
	if err != nil {
		return nil, err
	}
	comment = strings.TrimSpace(comment)
	if verd != catalog.ClaimVerified && comment == "" {
		return nil, catalog.Errorf(catalog.EINVALID, "退回数值时请写明理由(comment),以便协调员补充或修改")
	}
	if utf8.RuneCountInString(comment) > maxCommentRunes {
		return nil, catalog.Errorf(catalog.EINVALID, "审核意见过长(超过 %d 字)", maxCommentRunes)
	}
	if v.Status != catalog.ClaimPending {
		return nil, catalog.Errorf(catalog.ECONFLICT, "数值已审核(%s),需协调员修改后才能再次审核", catalog.VerdictWords[v.Status])
	}
	r := &catalog.Review{Reviewer: u.Username, Verdict: verd, Comment: comment}
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
