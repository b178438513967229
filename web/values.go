package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/values"
)

// valueFields are the value form's fields.
var valueFields = []string{"indicator", "value", "unit", "round", "page", "quote"}

// valueAdd records a value from the document page: the document is the
// page's, the page the one shown, the quote the passage picked from it. A
// wrong value shows the page again with what was typed and every mistake
// beside its field.
func (h *handler) valueAdd(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	d, err := h.Documents.Get(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	id := d.ID
	// A page or round that is no number is sent as none the service
	// takes (page -1, round -1), so that it refuses the value and finds
	// its other mistakes too (withFormMistake); page 0 would be a page
	// left out, which the service takes as the page the quote starts on.
	page, pageErr := formInt(r, catalog.FieldErrorf("page", catalog.EINVALID, "页码应为数字，如 3"))
	round, roundErr := catalog.ParseRound("round", r.PostFormValue("round"))
	if roundErr != nil {
		round = -1
	}
	v, err := h.Values.Record(r.Context(), u, values.Input{City: d.City, Round: round,
		Indicator: r.PostFormValue("indicator"), Value: values.Written(r.PostFormValue("value")), Unit: r.PostFormValue("unit"),
		Citation: claims.CitationInput{DocumentID: id, Page: page, Quote: r.PostFormValue("quote")}})
	err = withFormMistake(roundErr, withFormMistake(pageErr, err))
	if err != nil {
		if catalog.ErrorCode(err) != catalog.EINVALID {
			h.fail(w, r, err)
			return
		}
		st := typed(r, valueFields...)
		st.setError(langOf(r), err, valueFields...)
		h.showDocumentForms(w, withQuery(r, "page", r.PostFormValue("page")), httperr.Prepare(w, r, h.Logger, err), docForms{Value: st})
		return
	}
	back(w, r, "/documents/"+id+"?page="+strconv.Itoa(page), valueSaved(langOf(r), v))
}

// valueSaved says what became of a value just recorded: whether its
// passage is on the page cited and the number in it, and which value it
// replaced, since a round holds one value per indicator.
func valueSaved(l Lang, v *catalog.Value) string {
	if v.Unchanged {
		return trf(l, "value.unchanged", tr(l, "claim."+string(v.Status))) + warningsIn(l, v.Warnings, 1)
	}
	c := v.Citation
	var msg string
	switch {
	case v.ValueFound:
		msg = tr(l, "value.found")
	case v.PassageUnit != "":
		msg = tr(l, "value.saved_but") + unitMismatch(l, v)
	case !c.QuoteFound && c.FoundOnPage > 0:
		msg = fmt.Sprintf(tr(l, "value.quote_elsewhere"), c.Page, c.FoundOnPage)
	case !c.QuoteFound:
		msg = fmt.Sprintf(tr(l, "value.quote_missing"), c.Page)
	case values.RoughBound(c.Quote, v) != "":
		// 5000 of 5000余册: the number is there, as 约数.
		msg = fmt.Sprintf(tr(l, "value.rough_bound"), values.RoughBound(c.Quote, v))
	default:
		msg = tr(l, "value.not_found")
	}
	if c.FoundOnPage > 0 && c.QuoteRead != "" {
		// Found on a scan with a character or two read otherwise: what
		// OCR read, for the scan to be checked.
		msg += tr(l, "claim.notice_sep") + quoteRead(l, c.QuoteRead)
	}
	if v.Replaced != "" {
		msg += fmt.Sprintf(tr(l, "value.replaced"), v.Replaced)
	}
	if v.VerdictCleared != "" {
		msg += trf(l, "value.verdict_cleared", tr(l, "claim."+string(v.VerdictCleared)))
	}
	return msg + warningsIn(l, v.Warnings, 1)
}

// warningsIn says at most limit of warnings in the page's language, each
// after a full stop, and how many more there are.
func warningsIn(l Lang, warnings []catalog.Words, limit int) string {
	var b strings.Builder
	for i, w := range warnings {
		if i == limit {
			fmt.Fprintf(&b, tr(l, "values.more_warnings"), len(warnings)-limit)
			break
		}
		b.WriteString(tr(l, "values.warning") + inLang(l, w))
	}
	return b.String()
}

// inLang is w in the page's language: its Chinese when it has no English.
func inLang(l Lang, w catalog.Words) string {
	if l == English && w.English != "" {
		return w.English
	}
	return w.Chinese
}

// unitMismatch says that the passage writes the value's number in
// another unit (单位不符), naming both; "" when it does not. When the
// passage's unit is the value's own, the number typed was at another
// scale (12500 万人 for 12,500人): it names the value as typed and as
// stored, not the same unit twice.
func unitMismatch(l Lang, v *catalog.Value) string {
	if v.PassageUnit == "" || v.ValueFound {
		return ""
	}
	if catalog.SameUnit(v.PassageUnit, v.Unit) {
		typed := v.Written()
		if l == English {
			typed = v.TypedEN() // no 万 inside an English number
		}
		return fmt.Sprintf(tr(l, "values.unit_mismatch_scale"), unitName(l, v.PassageUnit), typed, catalog.AmountIn(v.Number, v.Unit, l == English))
	}
	return fmt.Sprintf(tr(l, "values.unit_mismatch"), unitName(l, v.PassageUnit), unitName(l, v.Unit))
}

// formInt reads a whole number from the form field notANumber is about;
// empty is 0, anything else that is not a number is notANumber.
func formInt(r *http.Request, notANumber *catalog.Error) (int, error) {
	s := strings.TrimSpace(r.PostFormValue(notANumber.Field))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(halfWidthDigits(s))
	if err != nil {
		return -1, notANumber
	}
	return n, nil
}

// halfWidthDigits turns full-width digits (２０１８) into ASCII ones.
func halfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// withQuery is r with one query parameter set, so a page shown for a form
// is the one the form was sent from (the document's page n).
func withQuery(r *http.Request, key, value string) *http.Request {
	if _, err := strconv.Atoi(value); err != nil {
		return r
	}
	r2 := r.Clone(r.Context())
	u := *r.URL
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	r2.URL = &u
	return r2
}

type comparePage struct {
	City   string
	Cities []option
	// Rounds are the archive's rounds to choose from, those compared (or
	// asked for) selected, each a box to tick: a phone has no Ctrl for
	// a list of several.
	Rounds []option
	// Form holds a bad choice of rounds, said beside the list.
	Form       formState
	Comparison *coverage.Comparison
	Reports    []reportLink
}

type reportLink struct {
	Round                   int
	XLSX, DOCX, Pack, Carry string
}

// reportLinks are the downloads of a city's round: its report (XLSX,
// DOCX) in the page's language and its 佐证材料包, all from the API, which
// decides who may have them, and its carried items' page. /compare, the
// indicators page and the board link the same files.
func reportLinks(city string, round int, l Lang) *reportLink {
	base := "/api/v1/reports/" + url.PathEscape(city) + "?round=" + roundValue(round) + "&lang=" + string(l)
	return &reportLink{Round: round, XLSX: base + "&format=xlsx", DOCX: base + "&format=docx",
		Pack: "/api/v1/packs/" + url.PathEscape(city) + "?round=" + roundValue(round), Carry: carryoversPath(city, round)}
}

// comparePage shows a city's key indicators across rounds side by side,
// with the report of each round to download.
func (h *handler) comparePage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	q := r.URL.Query()
	p := &comparePage{City: q.Get("city")}
	if p.City == "" && u.Role == catalog.RoleCoordinator {
		p.City = u.City
	}
	var err error
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.City == "" && len(p.Cities) > 0 {
		p.City = p.Cities[0].Value
	}
	all, err := h.Framework.Rounds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rounds, err := askedRounds(q["rounds"])
	// None chosen (no rounds, or an empty rounds= as the old text box
	// sent when left blank) compares them all.
	if err == nil && len(rounds) == 0 {
		for _, rd := range all {
			rounds = append(rounds, rd.Year)
		}
	}
	if err == nil && p.City != "" {
		p.Comparison, err = h.Coverage.Compare(r.Context(), u, p.City, rounds)
		// An unknown round is the list's mistake, said beside it; a
		// city not to be seen is the page's.
		err = catalog.OnInvalidField("rounds", err)
	}
	status := http.StatusOK
	if err != nil {
		if catalog.ErrorField(err) != "rounds" {
			h.fail(w, r, err)
			return
		}
		p.Form.setError(langOf(r), err, "rounds")
		p.Comparison, status = nil, httperr.Prepare(w, r, h.Logger, err)
	}
	for _, rd := range all {
		p.Rounds = append(p.Rounds, option{strconv.Itoa(rd.Year), roundLabel(langOf(r), rd.Year, rd.Label), slices.Contains(rounds, rd.Year)})
	}
	if p.Comparison != nil {
		for _, y := range p.Comparison.Rounds {
			p.Reports = append(p.Reports, *reportLinks(p.City, y, langOf(r)))
		}
	}
	h.render(w, r, status, "compare", tr(langOf(r), "compare.title"), p)
}

// compareStatusKey is the words key of a /compare cell's status: a
// number to check (number_to_check) that no claim but the round's value
// writes only spaced is the value's, 数值待核对, not 定性描述中的; a
// number not found (value_not_found) that only a claim misses is the
// claim's, 定性描述中的数字未在引文中找到: a qualitative indicator has no
// 数值 to look for.
func compareStatusKey(c coverage.RoundCell) string {
	if c.Status == coverage.StatusNumberToCheck && c.ClaimsSpaced == 0 && c.ValuesSpaced > 0 {
		return "compare.status.value_to_check"
	}
	if c.Status == coverage.StatusValueNotFound && c.ValuesNotFound == 0 && c.ClaimsNotFound > 0 {
		return "compare.status.claim_number_not_found"
	}
	return "compare.status." + c.Status
}

// askedRounds are the rounds chosen on /compare's list (rounds=2017&
// rounds=2019) or written in its address (rounds=2017,2019); one that is
// no year is an EINVALID error about the field rounds.
func askedRounds(asked []string) ([]int, error) {
	var each []string
	for _, a := range asked {
		each = append(each, catalog.SplitList(a)...)
	}
	return catalog.ParseRounds("rounds", each)
}

// quantitativeOptions lists the quantitative key indicators with units,
// in the page's language.
func (h *handler) quantitativeOptions(r *http.Request) ([]option, error) {
	inds, err := h.Framework.KeyIndicators(r.Context())
	if err != nil {
		return nil, err
	}
	l := langOf(r)
	var out []option
	for _, ind := range inds {
		if ind.Kind != catalog.Quantitative {
			continue
		}
		name := ind.Name
		if l == English && ind.NameEN != "" {
			name = ind.NameEN
		}
		label := ind.Code + " " + shortenIn(l, name, 30)
		if ind.Unit != "" {
			label += paren(l, unitName(l, ind.Unit))
		}
		out = append(out, option{Value: ind.Code, Label: label})
	}
	return out, nil
}
