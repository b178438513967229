package api

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/values"
)

// previousJSON is the previous round's value with its unit and review
// status; change only when the two compare (comparable), else why not
// (incomparable: "unit", "contradicted" or "sources_deleted").
type previousJSON struct {
	Round int     `json:"round"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Given string  `json:"given"`
	// Written and WrittenEnglish are as the value's: how to show it.
	Written        string   `json:"written"`
	WrittenEnglish string   `json:"written_en"`
	Status         string   `json:"status"`
	Comparable     bool     `json:"comparable"`
	Change         *float64 `json:"change,omitempty"`
	// ChangeUnit is the unit change is counted in, with it: the value's
	// unit, but 个百分点 for a percentage (2.6 for 58.6% after 56% is 2.6
	// percentage points, no relative 2.6%) and 个千分点 for a ‰ rate.
	ChangeUnit string `json:"change_unit,omitempty"`
	// ChangeUnitEnglish is ChangeUnit in English words (percentage
	// points, 10k attendances), as the English report writes it.
	ChangeUnitEnglish string `json:"change_unit_en,omitempty"`
	Incomparable      string `json:"incomparable,omitempty"`
}

type reviewJSON struct {
	ID       string    `json:"id"`
	Reviewer string    `json:"reviewer"`
	Verdict  string    `json:"verdict"`
	Comment  string    `json:"comment"`
	At       time.Time `json:"at"`
	// Revises is the verdict a revision (改判) replaced, left out for a
	// first verdict.
	Revises string `json:"revises,omitempty"`
}

type valueJSON struct {
	ID        string  `json:"id"`
	City      string  `json:"city"`
	Round     int     `json:"round"`
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	// Given is the value box as typed, kept for the audit: with its unit
	// only when one was typed in it or the unit box was at another scale
	// (12.5万 with 人次 is 12.5万人次, 3000 with 人 is 3000), full-width
	// forms as typed. Written is what to show: the value as its
	// coordinator wrote it, always with its unit, half-width (3000人,
	// 12.5万人次), as /values, the round comparison and the report show
	// it; WrittenEnglish in English form (3,000 people, 125,000
	// attendances). Value is the number in Unit, for comparing.
	Given          string       `json:"given"`
	Written        string       `json:"written"`
	WrittenEnglish string       `json:"written_en"`
	Unit           string       `json:"unit"`
	Citation       citationJSON `json:"citation"`
	ValueFound     bool         `json:"value_found"`
	// UnitMismatch: the passage writes the number in another unit,
	// PassageUnit (单位不符); value_found is then false.
	UnitMismatch bool          `json:"unit_mismatch"`
	PassageUnit  string        `json:"passage_unit,omitempty"`
	Status       string        `json:"status"`
	Carry        string        `json:"carry,omitempty"`
	Previous     *previousJSON `json:"previous,omitempty"`
	CreatedBy    string        `json:"created_by"`
	UpdatedAt    time.Time     `json:"updated_at"`
	// Version is the value's version (catalog.Value.Version), its ETag
	// without quotes: a verdict sent with it is saved only while the
	// value is as read.
	Version string `json:"version"`
	// Warnings are what recording found unlikely about the number,
	// saved all the same (years of schooling over 30): in the answer to
	// recording or importing, and wherever the value is read again, for
	// the reviewer verifying it.
	Warnings []fieldErrorJSON `json:"warnings,omitempty"`
	// ValueSpaced, when value_found, is the digits parted by a space
	// (1 200) the quote writes the number in only so: found, but it may
	// be a table's 1 and 200, for the reviewer to check (a warning says
	// so); left out for any other value.
	ValueSpaced string `json:"value_spaced,omitempty"`
	// ValueRough is the rough number (约数) the quote writes the value
	// with, with the words that make it rough: when value_found, the one
	// it is within (约10万 for 10万, 十多万 for 12万, 10万人以上); when not,
	// the one it is the bound of, not reached (5000余 for 5000, 突破10万 or
	// 近10万 for 10万): the number is there, but not as an exact figure.
	ValueRough string `json:"value_rough,omitempty"`
}

func toValueJSON(l values.Listed) valueJSON {
	v, c := l.Value, l.Citation
	out := valueJSON{ID: v.ID, City: v.City, Round: v.Round, Indicator: v.Indicator, Value: v.Number, Given: v.Given,
		Written: v.Written(), WrittenEnglish: v.WrittenIn(true), Unit: v.Unit, ValueFound: v.ValueFound, UnitMismatch: v.PassageUnit != "", PassageUnit: v.PassageUnit,
		Status: string(v.ReviewStatus()), Carry: string(v.Carry), CreatedBy: v.CreatedBy, UpdatedAt: v.UpdatedAt, Version: v.Version(), Citation: citationJSON{DocumentID: c.DocumentID, SHA256: c.SHA256, Page: c.Page, Quote: c.Quote,
			QuoteFound: c.QuoteFound, FoundOnPage: c.FoundOnPage, QuoteRead: c.QuoteRead, RecheckError: c.RecheckError, RecheckErrorEn: c.RecheckErrorEN}}
	if v.ValueFound {
		out.ValueSpaced = values.SpacedIn(c.Quote, &v)
		out.ValueRough = values.RoughIn(c.Quote, &v)
	} else {
		out.ValueRough = values.RoughBound(c.Quote, &v)
	}
	for _, w := range v.Warnings {
		out.Warnings = append(out.Warnings, fieldErrorJSON{Field: "value", Message: w.Chinese, MessageEn: w.English})
	}
	if p := l.Previous; p != nil {
		c := l.Comparison()
		out.Previous = &previousJSON{Round: p.Round, Value: p.Number, Unit: p.Unit, Given: p.Given,
			Written: p.Written(), WrittenEnglish: p.WrittenIn(true), Status: string(p.Status),
			Comparable: c.Comparable, Incomparable: c.Why}
		if c.Comparable {
			out.Previous.Change, out.Previous.ChangeUnit = &c.Change, c.Unit
			out.Previous.ChangeUnitEnglish = catalog.UnitIn(c.Unit, true)
		}
	}
	return out
}

func (h *handler) handleValueCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		values.Input
		Round roundJSON `json:"round"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	in.Input.Round = int(in.Round)
	v, err := h.Values.Record(r.Context(), userFrom(r.Context()), in.Input)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out, err := h.valuesJSON(r.Context(), *v)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	answer := map[string]any{"value": out[0]}
	if v.Unchanged {
		// The value as stored sent again: it, and its verdict, are as
		// they were (as a claim's PATCH answers).
		answer["unchanged"] = true
	}
	if v.VerdictCleared != "" {
		answer["verdict_cleared"] = string(v.VerdictCleared)
	}
	h.writeJSON(w, r, http.StatusCreated, answer)
}

// valuesJSON are vs as the API answers them, each with last round's
// value and the change (previous: values.Service.WithPrevious), as the
// listing, the answer to recording or importing and a value read alone
// all give them.
func (h *handler) valuesJSON(ctx context.Context, vs ...catalog.Value) ([]valueJSON, error) {
	listed, err := h.Values.WithPrevious(ctx, vs...)
	if err != nil {
		return nil, err
	}
	out := make([]valueJSON, len(listed))
	for i, l := range listed {
		out[i] = toValueJSON(l)
	}
	return out, nil
}

func (h *handler) handleValueList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	page, size, err := pageParams(q, 100)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	// Paged as documents are: a big city's round has a thousand values
	// and more, half a megabyte in one answer; after= goes on from the
	// last page's next, page= by offset.
	after := q.Get("after")
	if after != "" && page > 1 {
		h.writeError(w, r, catalog.FieldErrorf("page", catalog.EINVALID, "page 与 after 只能用一个：after 从上一页的 next 接着列"))
		return
	}
	if err := h.cityInReach(r, userFrom(r.Context()), q.Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	p, err := h.Values.ListPage(r.Context(), userFrom(r.Context()), values.Filter{City: q.Get("city"), Round: round,
		Indicator: q.Get("indicator"), Status: catalog.ClaimStatusNamed(q.Get("status")), After: after}, (page-1)*size, size)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]valueJSON, len(p.Values))
	for i, l := range p.Values {
		out[i] = toValueJSON(l)
	}
	answer := map[string]any{"values": out, "total": p.Total, "page": page, "size": size}
	if p.Next != "" {
		answer["next"] = p.Next
	}
	h.writeJSON(w, r, http.StatusOK, answer)
}

func (h *handler) handleValueView(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	v, err := h.Values.Get(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	reviews, err := h.Values.Reviews(r.Context(), u, v.ID)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	rs := make([]reviewJSON, len(reviews))
	for i, rv := range reviews {
		rs[i] = reviewJSON{ID: rv.ID, Reviewer: rv.Reviewer, Verdict: string(rv.Verdict), Comment: rv.Comment, At: rv.At}
	}
	out, err := h.valuesJSON(r.Context(), *v)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	view, err := h.Values.ViewOf(r.Context(), v)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out[0].Citation.Title, out[0].Citation.Deleted = view.SourceTitle, view.SourceDeleted
	out[0].Citation.Newer = newerVersionJSON(view.Newer)
	history := make([]map[string]any, len(view.History))
	for i, e := range view.History {
		history[i] = map[string]any{"at": e.At, "user": e.User, "action": e.Action, "detail": e.Detail}
	}
	w.Header().Set("ETag", `"`+v.Version()+`"`)
	h.writeJSON(w, r, http.StatusOK, map[string]any{"value": out[0], "reviews": rs, "history": history})
}

func (h *handler) handleValueReview(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Verdict string `json:"verdict"`
		Comment string `json:"comment"`
		// Revise corrects the value's verdict (改判), with a comment;
		// Previous, when given, is the verdict it corrects.
		Revise   bool   `json:"revise"`
		Previous string `json:"previous"`
		// Version is the value's version the verdict (or the revision)
		// is given on, as a claim's review takes it; If-Match wins.
		Version string `json:"version"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	seen, err := seenVersions(r, in.Version)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	review := func(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
		return h.Values.ReviewSeen(ctx, u, id, seen, verdict, comment)
	}
	if in.Revise {
		review = func(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
			return h.Values.ReviseFrom(ctx, u, id, in.Previous, seen, verdict, comment)
		}
	}
	rv, err := review(r.Context(), userFrom(r.Context()), r.PathValue("id"), in.Verdict, in.Comment)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"review": reviewJSON{ID: rv.ID, Reviewer: rv.Reviewer,
		Verdict: string(rv.Verdict), Comment: rv.Comment, At: rv.At, Revises: string(rv.Revises)}})
}

// maxLedgerBytes bounds an uploaded ledger.
const maxLedgerBytes = 10 << 20

func (h *handler) handleValueImport(w http.ResponseWriter, r *http.Request) {
	_, data, fields, err := readOneFile(w, r, maxLedgerBytes,
		catalog.Errorf(catalog.EINVALID, "请在字段 file 中上传台账（.xlsx、.xls 或 .et，不超过 10 MiB）"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	round, err := catalog.ParseRound("round", fields["round"])
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	city := fields["city"]
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	vs, err := h.Values.Import(r.Context(), u, city, round, bytes.NewReader(data))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	recorded := make([]catalog.Value, len(vs))
	for i, v := range vs {
		recorded[i] = *v
	}
	out, err := h.valuesJSON(r.Context(), recorded...)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	n := values.TallyOf(vs)
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"values": out, "created": n.Created, "updated": n.Updated,
		"unchanged": n.Unchanged, "verdicts_cleared": n.VerdictsCleared})
}

type carryJSON struct {
	ID        string `json:"id"`
	City      string `json:"city"`
	Round     int    `json:"round"`
	FromRound int    `json:"from_round"`
	Kind      string `json:"kind"`
	Indicator string `json:"indicator"`
	SourceID  string `json:"source_id"`
	ObjectID  string `json:"object_id"`
	State     string `json:"state"`
	DecidedBy string `json:"decided_by,omitempty"`
	// SourcesDeleted: a carried claim or value whose cited documents are
	// all deleted (出处已删除), which cannot be confirmed.
	SourcesDeleted bool `json:"sources_deleted"`
}

func toCarryJSON(c *catalog.Carryover) carryJSON {
	return carryJSON{ID: c.ID, City: c.City, Round: c.Round, FromRound: c.FromRound, Kind: string(c.Kind), Indicator: c.Indicator,
		SourceID: c.SourceID, ObjectID: c.ObjectID, State: string(c.State), DecidedBy: c.DecidedBy, SourcesDeleted: c.SourcesDeleted}
}

func (h *handler) handleRoundCarryover(w http.ResponseWriter, r *http.Request) {
	year, err := intParam(r.PathValue("year"), 0, "year")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	var in struct {
		City string `json:"city"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	rep, err := h.Values.CarryOver(r.Context(), userFrom(r.Context()), in.City, year)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"carried": rep})
}

func (h *handler) handleRoundDelete(w http.ResponseWriter, r *http.Request) {
	year, err := intParam(r.PathValue("year"), 0, "year")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if err := h.Values.DeleteRound(r.Context(), userFrom(r.Context()), year); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": year})
}

func (h *handler) handleCarryoverList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if err := h.cityInReach(r, userFrom(r.Context()), q.Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	list, err := h.Values.Carryovers(r.Context(), userFrom(r.Context()), q.Get("city"), round, catalog.CarryState(q.Get("state")))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]carryJSON, len(list))
	for i := range list {
		out[i] = toCarryJSON(&list[i])
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"carryovers": out})
}

func (h *handler) handleCarryoverDecide(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Action string `json:"action"`
		// Checked says the caller has seen last round's verdict: as the
		// web page's box 已核对，仍沿用, confirming an item a reviewer
		// found 与证据矛盾 in the round it came from needs it.
		Checked bool `json:"checked"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	c, err := h.Values.DecideChecked(r.Context(), userFrom(r.Context()), r.PathValue("id"), in.Action, in.Checked)
	if err != nil {
		h.writeError(w, r, withCheckedHint(err))
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"carryover": toCarryJSON(c)})
}

func (h *handler) handleCoverageCompare(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rounds, err := catalog.ParseRounds("rounds", catalog.SplitList(q.Get("rounds")))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	cmp, err := h.Coverage.Compare(r.Context(), userFrom(r.Context()), q.Get("city"), rounds)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, cmp)
}

// withCheckedHint is err, when it asks for the box 已核对，仍沿用 (field
// checked), saying what an API request sends for it; the web page's
// message names the box alone.
func withCheckedHint(err error) error {
	var e *catalog.Error
	if !errors.As(err, &e) || e.Field != "checked" {
		return err
	}
	hinted := *e
	hinted.Message += catalog.Fullwidth("（接口请求中传 \"checked\": true）")
	if hinted.English != "" {
		hinted.English += ` (in the API, send "checked": true)`
	}
	return &hinted
}
