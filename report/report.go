package report

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/values"
)

// Service builds reports within the caller's city scope.
type Service struct {
	cat          *catalog.Store
	claimNumbers catalog.ClaimNumberCheck
}

// NewService returns the report service over the catalog.
func NewService(cat *catalog.Store) *Service { return &Service{cat: cat} }

// UseClaimNumbers makes the report weigh the numbers of each claim still
// 待审核 with check, the check the heat map and /compare use
// (coverage.Service.UseClaimNumbers): a number in none of its quotes makes
// the indicator 数值未在引文中找到, one written there only spaced
// 定性描述中的数字待核对, as they mark it. Without it no claim's numbers
// are weighed.
func (s *Service) UseClaimNumbers(check catalog.ClaimNumberCheck) { s.claimNumbers = check }

// Report is a city's monitoring report for a round.
type Report struct {
	City      catalog.City
	Round     int
	Framework string
	// FrameworkEN is the framework's English name, "" when it has none.
	FrameworkEN string
	Areas       []Area
	// Empty is true when the city has no evidence, claim or value in the
	// round; the files then say so.
	Empty bool
	// Lang is the language of the files' headings, labels and statuses
	// ("" or Chinese: Chinese); the data stays as recorded.
	Lang Lang
	// Kept is true when the round keeps the framework it was monitored
	// under (catalog.Store.RoundFramework): the report names indicators
	// as the round did, today's name beside one renamed since.
	Kept bool
}

// Area is a first-level area with its key indicators.
type Area struct {
	Code, Name string
	// NameEN is the area's English name, "" when the framework has none.
	NameEN string
	// Now is the area as the current framework has it when it was
	// renamed since the round (zero otherwise).
	Now   catalog.Indicator
	Items []Item
}

// Item is one key indicator in the report.
type Item struct {
	Indicator catalog.Indicator
	// Now is the indicator as the current framework has it when it was
	// renamed since the round (zero otherwise): the report writes
	// 旧名（现名：新名）.
	Now    catalog.Indicator
	Status string // 缺 (gap), 有证据, 有佐证，缺数值, 已核实, 与证据矛盾 …
	Value  *catalog.Value
	// Previous is the indicator's value in the city's latest earlier
	// round, nil when none has one: the report compares with it.
	Previous *catalog.Value
	Claims   []catalog.Claim
	// Evidence is what counts as evidence or is marked as none (withdrawn,
	// carried over to confirm); a file linked or cited that could not be
	// read is in Unreadable instead (未能读取的材料): it is no evidence
	// anyone can check (catalog.CountsAsEvidence), and listed among the
	// evidence it made the report's count differ from the heat map's.
	Evidence   []Evidence
	Unreadable []Evidence
	// Reasons are the reviewers' comments behind the verdicts, by claim
	// or value ID, so that a reader without the archive sees why.
	Reasons map[string]string
	// Carried are the claims, values and links (by ID) carried over from
	// the last round that the city has not confirmed yet (待确认): the
	// report marks them and does not count them as the round's evidence.
	Carried map[string]bool
	// ContradictedBefore are the claims and values (by ID) carried over
	// from an earlier round where a reviewer found them 与证据矛盾: their
	// copy starts 待审核, and the report says what the last verdict was
	// (PreviousContradicted).
	ContradictedBefore map[string]bool
	// ClaimNumbers are how the numbers of the claims still 待审核 stand
	// against their quotes, by claim ID (catalog.CheckClaimNumbers): a
	// claim whose number is in no quote, or written there only spaced,
	// is marked so after its verdict (numbersMark), as the indicator's
	// status says of it.
	ClaimNumbers map[string]catalog.ClaimNumbersStanding
	// KeptFrom are the values (by ID) carried over and confirmed as they
	// were (确认沿用), each with the round whose figure it is: the report
	// says 沿用2018年度数值 of such a value, not 本轮持平, which would read
	// as a figure measured again this round.
	KeptFrom map[string]int
	// SourcesDeleted are the claims and the value (by ID) whose cited
	// documents are all deleted (catalog.SourcesDeleted): the report
	// marks them lacking evidence (SourceDeletedMark), never 【属实】.
	SourcesDeleted map[string]bool
}

// Mark is a claim's or value's verdict as the report writes it after the
// statement or the number, with the reviewer's reason when one was given:
// 【证据不足】（审核意见：需要正式文件）.
func (it Item) Mark(id string, st catalog.ClaimStatus) string {
	m := verdictMark(st)
	if it.SourcesDeleted[id] && st != catalog.ClaimContradicted {
		m = SourceDeletedMark
	}
	if why := it.Reasons[id]; why != "" {
		m += "\uFF08审核意见\uFF1A" + catalog.TypedText(why) + "\uFF09"
	}
	if it.ContradictedBefore[id] {
		m += PreviousContradicted
	}
	return m
}

// Evidence is one document behind an indicator, at a page when known.
type Evidence struct {
	DocumentID string
	SHA256     string
	Title      string
	DocNumber  string
	// DocNumberShown is DocNumber as the report shows it, as the document
	// writes it (catalog.DocNumberAsWritten); "" shows DocNumber in
	// catalog.DocNumberForm. DocNumber is what two documents are matched by.
	DocNumberShown string
	IssuedOn       string
	Page           int
	Quote          string
	// Quotes are every passage quoted from the document at Page, by the
	// value, the claims and the link, in that order, once each: a claim
	// may cite a page twice, and a quote not found there is shown, marked,
	// not hidden behind the first.
	Quotes []Quote
	// Withdrawn is true when the document was deleted (撤回) since it was
	// linked or cited: the report still names it, marked, and it does not
	// count as evidence.
	Withdrawn bool
	// ToConfirm is true when the document is in the round only through
	// what was carried over from the last round and is still 待确认.
	ToConfirm bool
	// Unreadable is true when the document could not be read (failed, a
	// blank scan): the report names it, marked, and it does not count as
	// evidence until it is read again (catalog.EvidenceUses).
	Unreadable bool
	// Returned is true when the coordinator returned (退回) the document
	// on a task and nobody handed it in again (catalog.Store.
	// ReturnedSources): a value or claim citing it rests on a file sent
	// back, most often replaced by a corrected one. The report names it,
	// marked （已退回）, rather than leave it out: the number and the quote
	// come from it, and a reviewer must see on what they rest.
	Returned bool
	// Filename is the document's file name.
	Filename string
	// Later is true when the document was written (IssuedOn) in a year
	// after the report's round: a 2018 report resting on a 2023 work
	// summary may rest on another round's material. The report marks its
	// date (laterMark), as the claim and values pages warn of such a
	// source (values.Service.LaterSources); a mark, not a verdict: a
	// later document may report on an earlier year.
	Later bool
	// DocNumberGuessed says DocNumber was inferred from what was read
	// (catalog.DocNumberGuess): the report marks it a guess, never states
	// it as fact.
	DocNumberGuessed bool
	// Tie is the best of what ties the document to the indicator here:
	// TieSound unless every claim or value citing it was judged 证据不足
	// or 与证据矛盾, or every quote of it is not in the document; always
	// TieReturned when it was returned on a task of the indicator.
	Tie Tie
	// Scans are the other documents of the indicator listed under this
	// one (foldScans), named by their file names: a scan or photo sharing
	// its 文号, or whose text is part of its text, that no claim or value
	// cites. Documents lists them as documents of the report.
	Scans []Evidence
}

// Tie says how well what ties a document to an indicator holds, worst
// last: the evidence pack's manifest lists an indicator whose tie is not
// TieSound marked, not as one the document supports. It is, document by
// document, the rule catalog.QuoteStanding applies to the indicator's
// evidence as a whole (the report's 状态 and the heat map's cell).
//
// The order of the constants is their meaning, not their numbers: the
// best tie is the least (min, in Evidence.Tie and DocumentUse.Ties), so a new
// tie is inserted where it ranks, never appended. Their values are never
// stored, sent or written (the report and the pack write their words,
// tieMarks), so inserting one shifts nothing outside this process.
type Tie int

const (
	// TieSound: a link, or a citation not judged against, whose quote
	// is in the document (or not looked for yet).
	TieSound Tie = iota
	// TieVerifiedQuoteNotFound: the quote is nowhere in the document's
	// text, and a reviewer verified the claim or value citing it all the
	// same (属实: checked against the original's image, which OCR may have
	// misread). It supports the indicator, marked so in the report's
	// status and in the manifest.
	TieVerifiedQuoteNotFound
	// TieValueNotFound: the quote is in the document, but the number of
	// the value citing it is not in the quote and no reviewer has judged
	// it yet (catalog.ValueNumberNotInQuote, the report's
	// 数值未在引文中找到).
	TieValueNotFound
	// TieQuoteNotFound: the quote is nowhere in the document's text.
	TieQuoteNotFound
	// TieInsufficient: the citing claim or value was judged 证据不足.
	TieInsufficient
	// TieContradicted: the citing claim or value was judged 与证据矛盾.
	TieContradicted
	// TieReturned: the coordinator returned (退回) the document on a task
	// of the indicator in the round and nobody handed it in again
	// (catalog.Store.ReturnedInRound): whatever cites or links it, it is
	// no evidence of the indicator there, as the heat map counts. It
	// outweighs every other tie, a verdict on its quote included: the
	// file itself was sent back.
	TieReturned
)

// citationTie is the tie of a citation whose claim or value has status
// and whose quote has mark: a verdict against it outweighs its quote.
func citationTie(status catalog.ClaimStatus, mark Quote) Tie {
	switch {
	case status == catalog.ClaimContradicted:
		return TieContradicted
	case status == catalog.ClaimInsufficient:
		return TieInsufficient
	case status == catalog.ClaimVerified && quoteTie(mark) == TieQuoteNotFound:
		return TieVerifiedQuoteNotFound
	}
	return quoteTie(mark)
}

// quoteTie is TieQuoteNotFound for a quote on no page of its document
// (one found on another page is still the document's words).
func quoteTie(mark Quote) Tie {
	// A quote to check again has the old text's marks (Recheck): it is
	// 引文待重新核对, not yet a quote not found.
	if mark.NotFound && mark.FoundOnPage == 0 && mark.Recheck.Chinese == "" {
		return TieQuoteNotFound
	}
	return TieSound
}

// Quote is a passage quoted from a document. NotFound is true when a
// claim's citation quotes words that do not occur on the page it names
// (Page); FoundOnPage, when not 0, is the other page they occur on.
type Quote struct {
	Text        string
	NotFound    bool
	Page        int
	FoundOnPage int
	// Recheck, when its Chinese is not empty, says why looking for the
	// quote again in its text read anew failed (catalog.Citation's
	// RecheckError): NotFound and FoundOnPage are the old text's then,
	// and the report says 引文待重新核对 with why in their place.
	Recheck catalog.Words
	// Unchecked says a link's quote was not looked for in the text yet
	// (catalog.QuoteMark): the report says 引文尚未与原文核对, not
	// passing it off as the document's words.
	Unchecked bool
	// Read is what OCR read where the quote matched a scanned page only
	// approximately (catalog.Citation's QuoteRead): the report prints the
	// quote as its coordinator typed it, marked as matched approximately.
	Read string
}

// Withdrawn marks the title of a document deleted since it was linked or
// cited: 文档已删除, the archive's word for it (撤回 is a claim's or a
// hand-in's).
const Withdrawn = "\uFF08文档已删除\uFF09"

// SourceDeletedMark takes the place of the verdict of a claim or value
// whose cited documents are all deleted: whatever a reviewer found,
// nothing left backs it.
const SourceDeletedMark = "【出处已删除\uFF0C缺少佐证】"

// Unreadable marks the title of a document that could not be read.
const Unreadable = "\uFF08未能读取\uFF09"

// LaterMark follows the date of a document written after the round
// (Evidence.Later).
const LaterMark = "（晚于本轮，请核对是否属于本轮）"

// ReturnedMark marks the title of a document the coordinator returned
// (Evidence.Returned).
const ReturnedMark = "\uFF08已退回\uFF09"

// Name is the document's title in 《》, marked when it was withdrawn or
// could not be read.
func (e Evidence) Name() string {
	return "《" + e.Title + "》" + e.mark()
}

// mark is what follows a withdrawn or unreadable document's title.
func (e Evidence) mark() string {
	switch {
	case e.Withdrawn:
		return Withdrawn
	case e.Unreadable:
		return Unreadable
	case e.Returned:
		return ReturnedMark
	}
	return ""
}

// Status words, the same in XLSX and DOCX: a gap and a missing value are
// marked alike (缺). An indicator whose value or any claim a reviewer found
// contradicted by its evidence is 与证据矛盾 whatever else it has: it
// needs correcting before it counts as verified. Next comes 证据不足 (a
// reviewer sent it back), then 已核实, then 待确认: a value, claim or link
// carried over from the last round that the city has not confirmed yet is
// not this round's evidence, as the round comparison
// (coverage.StatusToConfirm) shows it. Then 数值未在引文中找到: a value
// waiting for review whose quote is on its page but whose number is not
// in it, or a claim waiting for review with a number in none of its
// quotes (coverage.StatusValueNotFound); then 定性描述中的数字待核对, a
// claim's number its quotes write only spaced; then 缺, 引文未找到 (the
// evidence tied only by quotes not in its text; verified, 已核实（引文在
// 文字中未找到） comes before 已核实) or 有证据. The order is
// coverage.State's, which the heat map and /compare use (statusWords),
// the quotes' facts read from catalog.Store.QuoteStandings as they read
// them.
const (
	Gap = "缺"
	// NoEvidence and NotReported say 缺 in a sentence, as the Word
	// report does: no evidence for the indicator, no value reported.
	NoEvidence   = "缺少佐证"
	NotReported  = "未填报"
	Present      = "有证据"
	Verified     = "已核实"
	Contradicted = "与证据矛盾"
	ToConfirm    = "待确认"
	// ValueNotFound: the value's quote is on its page, its number is not
	// in it, and no reviewer has judged it yet; or a claim not reviewed
	// yet has a number in none of its quotes, as the heat map says.
	ValueNotFound = "数值未在引文中找到"
	// QuoteNotFound: what would be 有证据 rests only on quotes that are
	// nowhere in their documents' text (所引文档中未找到该引文), which the
	// pack's manifest marks （引文未找到）: no evidence to count.
	QuoteNotFound = "引文未找到"
	// VerifiedQuoteNotFound is 已核实 resting on such a quote: the
	// reviewer verified it (against the original's image), the mark kept.
	VerifiedQuoteNotFound = "已核实\uFF08引文在文字中未找到\uFF09"
	// NumberToCheck: a claim not reviewed yet has a number its quotes
	// write only as digits parted by a space (1200场 against “1 200”),
	// one number or a table's neighbours (coverage.StatusNumberToCheck).
	NumberToCheck = "定性描述中的数字待核对"
	// ValueToCheck is NumberToCheck when only the value's number is so
	// found (1200人 against “累计开户 1 200 人”), as the heat map and
	// /compare say it.
	ValueToCheck = "数值待核对"
	// Insufficient (证据不足): a reviewer sent a claim or the value back
	// for more evidence; after 待确认, it outweighs a verified one.
	Insufficient = "证据不足"
	// NoValue: a quantitative indicator with evidence but no value
	// reported (catalog.IndicatorNoValue).
	NoValue = "有佐证\uFF0C缺数值"
	// SourceDeleted: a claim or the value rests only on documents deleted
	// since (catalog.IndicatorSourceDeleted): lacking evidence until it
	// cites a new source.
	SourceDeleted = "出处已删除"
	// UnreadableHeading heads the files linked or cited that could not be
	// read (Item.Unreadable), apart from the evidence.
	UnreadableHeading = "未能读取的材料"
)

// statusWords are the report's words for the states of an indicator
// (coverage.State), which the heat map, /compare, the xlsx sheet and
// `evidence coverage` weigh alike: a number not found is 数值未在引文中找到
// whether a value's or a claim's.
var statusWords = map[coverage.State]string{
	coverage.StateGap:                   Gap,
	coverage.StateDocuments:             Present,
	coverage.StateQuoteRecheck:          Present,
	coverage.StateClaimed:               Present,
	coverage.StateValued:                Present,
	coverage.StateVerified:              Verified,
	coverage.StateVerifiedQuoteNotFound: VerifiedQuoteNotFound,
	coverage.StateQuoteNotFound:         QuoteNotFound,
	coverage.StateToConfirm:             ToConfirm,
	coverage.StateContradicted:          Contradicted,
	coverage.StateInsufficient:          Insufficient,
	coverage.StateValueNotFound:         ValueNotFound,
	coverage.StateClaimNumberNotFound:   ValueNotFound,
	coverage.StateClaimNumberToCheck:    NumberToCheck,
	coverage.StateValueToCheck:          ValueToCheck,
	coverage.StateNoValue:               NoValue,
	coverage.StateSourceDeleted:         SourceDeleted,
}

// PreviousContradicted follows the verdict of a claim or value carried
// over from a round where a reviewer found it 与证据矛盾.
const PreviousContradicted = "\uFF08上一轮\uFF1A与证据矛盾\uFF09"

// CarriedMark follows a value, a claim or a document carried over from the
// last round and not confirmed yet.
const CarriedMark = "\uFF08沿用上一轮\uFF0C待确认\uFF09"

// VerdictLabels are the review statuses in the words of the report.
var VerdictLabels = map[catalog.ClaimStatus]string{
	catalog.ClaimPending:      "待审核",
	catalog.ClaimVerified:     "属实",
	catalog.ClaimInsufficient: "证据不足",
	catalog.ClaimContradicted: "与证据矛盾",
}

// verdictMark is a claim's or a value's review status as the report
// writes it after the statement or the number: 【属实】, 【与证据矛盾】.
func verdictMark(s catalog.ClaimStatus) string {
	return "【" + VerdictLabels[s] + "】"
}

// Build gathers a city's report for a round (0: the current round). A city
// u may not see is ENOTFOUND.
func (s *Service) Build(ctx context.Context, u *catalog.User, city string, round int) (*Report, error) {
	if err := u.SeeObject(city, catalog.ObjectCity, city); err != nil {
		return nil, err
	}
	c, err := s.cat.City(ctx, city)
	if err != nil {
		return nil, err
	}
	if round == 0 {
		if round, err = s.cat.BlankRound(ctx, "round"); err != nil {
			return nil, err
		}
	} else if !catalog.RoundYear(round) {
		// -1 or 99999 never was a round: what to ask for, not 不存在.
		return nil, catalog.NotARound("round", strconv.Itoa(round))
	} else if ok, err := s.cat.RoundExists(ctx, round); err != nil {
		return nil, err
	} else if !ok {
		return nil, catalog.Errorf(catalog.EINVALID, "监测轮次 %d 不存在", round)
	}
	fw, inds, kept, err := s.cat.RoundFramework(ctx, round)
	if err != nil {
		return nil, err
	}
	now := map[string]catalog.Indicator{} // today's names of a kept round's codes that changed
	var current []catalog.Indicator       // the current framework, for a kept round
	if kept {
		if _, current, err = s.cat.CurrentFramework(ctx); err != nil && !catalog.IsNotFound(err) {
			return nil, err
		}
		now = catalog.Renamed(inds, current)
	}
	d, err := s.load(ctx, city, round)
	if err != nil {
		return nil, err
	}
	r := &Report{City: c, Round: round, Framework: fw.Name, FrameworkEN: fw.NameEN, Empty: true, Kept: kept}
	area := map[string]string{} // code → first-level code
	for _, ind := range inds {
		if ind.Level == 1 {
			r.Areas = append(r.Areas, Area{Code: ind.Code, Name: ind.Name, NameEN: ind.NameEN, Now: now[ind.Code]})
		}
		area[ind.Code] = area[ind.ParentCode]
		if ind.Level == 1 {
			area[ind.Code] = ind.Code
		}
		if ind.Level != catalog.KeyLevel {
			continue
		}
		it := d.item(ind)
		it.Now = now[ind.Code]
		if it.Value != nil || len(it.Claims) > 0 || len(it.Evidence) > 0 {
			r.Empty = false
		}
		i := slices.IndexFunc(r.Areas, func(a Area) bool { return a.Code == area[ind.Code] })
		if i >= 0 {
			r.Areas[i].Items = append(r.Areas[i].Items, it)
		}
	}
	if extra := d.outside(inds, kept, current); len(extra.Items) > 0 {
		r.Areas, r.Empty = append(r.Areas, extra), false
	}
	return r, nil
}

// Outside is the code of the report's last area, which holds the
// indicators the round has claims, values or links for but the current
// framework no longer has as key indicators (removed or renumbered in a
// later round), so that a round's report keeps what was recorded in it.
const Outside = "※"

// outside is the area of the round's indicators missing from inds: the
// current framework's, or the round's own when it keeps them (kept). A
// kept round's indicator that only the current framework has (added by a
// framework imported for the next round, current) keeps its name and kind
// from there, the mark beside the name.
func (d *data) outside(inds []catalog.Indicator, kept bool, current []catalog.Indicator) Area {
	a := Area{Code: Outside, Name: "不在当前指标体系中的指标", NameEN: "Indicators not in the current framework"}
	missing := catalog.Indicator{Name: "\uFF08\u5DF2\u4E0D\u5728\u5F53\u524D\u6307\u6807\u4F53\u7CFB\u4E2D\uFF09", NameEN: "(no longer in the current framework)"}
	if kept {
		a.Name, a.NameEN = "不在本轮指标体系中的指标", "Indicators not in the round's framework"
		missing.Name, missing.NameEN = "\uFF08\u4E0D\u5728\u672C\u8F6E\u6307\u6807\u4F53\u7CFB\u4E2D\uFF09", "(not in the round's framework)"
	}
	known := map[string]bool{}
	for _, ind := range inds {
		known[ind.Code] = true
	}
	kinds := map[string]catalog.Kind{}
	for _, c := range d.claims {
		kinds[c.Indicator] = catalog.Qualitative
	}
	for code := range d.linked {
		kinds[code] = catalog.Qualitative
	}
	for _, v := range d.values {
		kinds[v.Indicator] = catalog.Quantitative
	}
	codes := make([]string, 0, len(kinds))
	for code := range kinds {
		if !known[code] {
			codes = append(codes, code)
		}
	}
	slices.SortFunc(codes, compareCodes)
	later := map[string]catalog.Indicator{}
	for _, ind := range current {
		if ind.Level == catalog.KeyLevel {
			later[ind.Code] = ind
		}
	}
	for _, code := range codes {
		ind := catalog.Indicator{Code: code, Level: catalog.KeyLevel, Kind: kinds[code], Name: missing.Name, NameEN: missing.NameEN}
		if now, ok := later[code]; ok {
			ind.Kind, ind.Name, ind.NameEN = now.Kind, now.Name+missing.Name, now.Name+" "+missing.NameEN
			if now.NameEN != "" {
				ind.NameEN = now.NameEN + " " + missing.NameEN
			}
		}
		a.Items = append(a.Items, d.item(ind))
	}
	return a
}

// compareCodes orders indicator codes as numbers part by part (2.10.1
// after 2.9.1).
func compareCodes(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		if errA == nil && errB == nil && na != nb {
			return na - nb
		}
		if c := strings.Compare(pa[i], pb[i]); (errA != nil || errB != nil) && c != 0 {
			return c
		}
	}
	return len(pa) - len(pb)
}

// claimPage is how many claims the report reads at a time.
const claimPage = 500

// data is what the catalog holds for a city's round.
type data struct {
	// round is the report's round (a year): a document written after it
	// is marked (Evidence.Later).
	round int
	docs  map[string]*catalog.Document
	gone  map[string]bool // documents deleted since
	// returned are the documents returned on a task and not handed in
	// again (Evidence.Returned).
	returned map[string]bool
	// returnedHere are the documents returned on a task of the round, by
	// indicator and document (catalog.Store.ReturnedInRound): listed,
	// they are no evidence of that indicator, as the heat map counts.
	returnedHere map[[2]string]bool
	linked       map[string][]string // indicator → document IDs
	pages        map[[2]string]catalog.Link
	claims       []catalog.Claim
	values       []catalog.Value
	// earlier are the city's values of earlier rounds, to compare with.
	earlier []catalog.Value
	// reasons are the comments of the reviews that gave the current
	// verdicts, by claim or value ID.
	reasons map[string]string
	// carried are the claims, values and links carried into the round
	// and still 待确认, by ID.
	carried map[string]bool
	// keptFrom are the values confirmed as carried (确认沿用), by ID, with
	// the round they came from.
	keptFrom map[string]int
	// contradictedBefore are the claims and values carried from a round
	// where a reviewer found their source 与证据矛盾, by ID.
	contradictedBefore map[string]bool
	// claimNumbers are how the numbers of the claims still 待审核 stand
	// against their quotes (catalog.CheckClaimNumbers), by claim ID.
	claimNumbers map[string]catalog.ClaimNumbersStanding
	// standings are how the quotes of each indicator's evidence stand
	// (catalog.Store.QuoteStandings, by indicator code), as the heat map
	// and /compare read them.
	standings map[string]catalog.QuoteStanding
	// copyOf are, for each document, the others it is a scan or part of:
	// those containing its text (部分重复), and, for a scan read by OCR,
	// the original it is a near duplicate of (or the other way round),
	// which its misreads keep from containing it.
	copyOf map[string][]string
}

// foldScans lists once the documents of one indicator that are the same
// document: those sharing a 文号 and a title, or one a copy of another
// by copyOf (a photo of a page of the PDF, an OCR'd scan of it). The
// fullest (most pages; of equals, one not read by OCR before a scan,
// else the first listed) stays, with the others' file names as its
// Scans, so a reviewer sees the scan exists. A document cited at a page
// or by a quote (anywhere in the indicator's list), or withdrawn, is
// always listed as it is; nor is a confirmed document folded into one
// still to be confirmed.
func foldScans(ev []Evidence, docs map[string]*catalog.Document, copyOf map[string][]string) []Evidence {
	cited := func(e Evidence) bool { return e.Page > 0 || len(e.Quotes) > 0 || e.Withdrawn }
	listed := map[string]bool{} // documents listed as they are, at a page or by a quote
	for _, e := range ev {
		listed[e.DocumentID] = listed[e.DocumentID] || cited(e)
	}
	// A 文号 alone does not make two documents one: a 情况说明 may read
	// the notice's 文号 from its text, and a 文号 set on many documents at
	// once is on all of them. Their titles must be the same too, but for
	// the width of their marks: a title read before titles kept the
	// document's （试行） has (试行), and an OCR'd photo may read either.
	same := func(a, b Evidence) bool {
		return a.DocumentID != b.DocumentID && (a.DocNumber != "" && a.DocNumber == b.DocNumber &&
			catalog.FoldWidths(a.Title) == catalog.FoldWidths(b.Title) ||
			slices.Contains(copyOf[a.DocumentID], b.DocumentID) || slices.Contains(copyOf[b.DocumentID], a.DocumentID))
	}
	// Of as many pages, the document whose text is its own is fuller than
	// one read by OCR: a scan listed first must not put the original,
	// and its title as written, under its misread one.
	fuller := func(a, b Evidence) bool {
		da, db := docs[a.DocumentID], docs[b.DocumentID]
		return da.Pages > db.Pages || da.Pages == db.Pages && !da.Reading.ByOCR() && db.Reading.ByOCR()
	}
	folded := make([]bool, len(ev))
	for j := range ev {
		scan := ev[j]
		if listed[scan.DocumentID] {
			continue
		}
		keep := -1
		for i, e := range ev {
			if i == j || folded[i] || e.Withdrawn || !same(e, scan) {
				continue
			}
			if e.ToConfirm && !scan.ToConfirm {
				continue
			}
			// The scan stays when it is the fullest of its kind.
			if fuller(scan, e) || !fuller(e, scan) && j < i && !cited(e) {
				continue
			}
			if keep < 0 || fuller(e, ev[keep]) {
				keep = i
			}
		}
		if keep >= 0 {
			folded[j] = true
			scans := scan.Scans
			scan.Scans = nil
			ev[keep].Scans = append(append(ev[keep].Scans, scan), scans...)
		}
	}
	out := ev[:0]
	for i, e := range ev {
		if !folded[i] {
			out = append(out, e)
		}
	}
	return out
}

// reason is the comment of the latest review when it gave status.
func reason(reviews []catalog.Review, status catalog.ClaimStatus) string {
	if n := len(reviews); n > 0 && status != catalog.ClaimPending && reviews[n-1].Verdict == status {
		return strings.TrimSpace(reviews[n-1].Comment)
	}
	return ""
}

func (s *Service) load(ctx context.Context, city string, round int) (*data, error) {
	d := &data{round: round, pages: map[[2]string]catalog.Link{}}
	var err error
	if d.linked, err = s.cat.RoundLinkedDocuments(ctx, city, round); err != nil {
		return nil, err
	}
	if d.returnedHere, err = s.cat.ReturnedInRound(ctx, city, round); err != nil {
		return nil, err
	}
	standings, err := s.cat.QuoteStandings(ctx, catalog.EvidenceFilter{Round: round, Cities: []string{city}})
	if err != nil {
		return nil, err
	}
	d.standings = map[string]catalog.QuoteStanding{}
	for key, st := range standings {
		d.standings[key[1]] = st
	}
	ids := map[string]bool{}
	for _, list := range d.linked {
		for _, id := range list {
			ids[id] = true
		}
	}
	// Every claim of the round, page after page: the report is what the
	// round hands in, and a page of 500 left the rest out without a word.
	// Each page starts after the last claim read, not at an offset: a
	// claim reviewed meanwhile moves to the end, which by offset pulled
	// an unread one onto a page already read, and out of the report.
	var list []catalog.Claim
	at := map[string]int{}
	for f := (catalog.ClaimFilter{City: city, Round: round, Limit: claimPage}); ; {
		page, err := s.cat.FindClaims(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, c := range page {
			// One changed meanwhile comes again at the end: its later
			// version, with its citations as they are then, takes its
			// first place, and its verdicts are read next.
			if i, seen := at[c.ID]; seen {
				list[i] = c
				continue
			}
			at[c.ID] = len(list)
			list = append(list, c)
		}
		if len(page) < claimPage {
			break
		}
		f.After = catalog.ClaimCursor(page[len(page)-1])
	}
	// Each claim came with its citations (FindClaims): read them again
	// and the report paid a query for nothing.
	d.claims = list
	d.claimNumbers = map[string]catalog.ClaimNumbersStanding{}
	for i := range list {
		d.claimNumbers[list[i].ID] = catalog.CheckClaimNumbers(ctx, &list[i], s.claimNumbers)
	}
	claimIDs := make([]string, len(list))
	for i, c := range list {
		claimIDs[i] = c.ID
	}
	if d.values, err = s.cat.FindValues(ctx, catalog.ValueFilter{City: city, Round: round}); err != nil {
		return nil, err
	}
	all, err := s.cat.FindValues(ctx, catalog.ValueFilter{City: city})
	if err != nil {
		return nil, err
	}
	for _, v := range all {
		if v.Round < round {
			d.earlier = append(d.earlier, v)
		}
	}
	if err := d.loadReasons(ctx, s.cat, claimIDs); err != nil {
		return nil, err
	}
	if err := d.loadContradictedBefore(ctx, s.cat, claimIDs); err != nil {
		return nil, err
	}
	carried, err := s.cat.Carryovers(ctx, catalog.CarryFilter{City: city, Round: round, State: catalog.CarryToConfirm, Live: true})
	if err != nil {
		return nil, err
	}
	d.carried = map[string]bool{}
	for _, c := range carried {
		d.carried[c.ObjectID] = true
	}
	if d.keptFrom, err = s.cat.KeptValues(ctx, city, round); err != nil {
		return nil, err
	}
	for _, v := range d.values {
		ids[v.Citation.DocumentID] = true
	}
	for _, c := range d.claims {
		for _, t := range c.Citations {
			ids[t.DocumentID] = true
		}
	}
	if err := d.loadDocuments(ctx, s.cat, slices.Sorted(maps.Keys(ids))); err != nil {
		return nil, err
	}
	return d, nil
}

// loadReasons reads the reviews of the round's claims (claimIDs) and
// values, two queries however many there are.
func (d *data) loadReasons(ctx context.Context, cat *catalog.Store, claimIDs []string) error {
	claimReviews, err := cat.ReviewsOf(ctx, claimIDs)
	if err != nil {
		return err
	}
	valueIDs := make([]string, len(d.values))
	for i, v := range d.values {
		valueIDs[i] = v.ID
	}
	valueReviews, err := cat.ValueReviewsOf(ctx, valueIDs)
	if err != nil {
		return err
	}
	d.reasons = map[string]string{}
	for _, c := range d.claims {
		d.reasons[c.ID] = reason(claimReviews[c.ID], c.Status)
	}
	for _, v := range d.values {
		d.reasons[v.ID] = reason(valueReviews[v.ID], v.Status)
	}
	return nil
}

// loadContradictedBefore finds the round's claims (claimIDs) and values
// carried from a round where their source was found 与证据矛盾: one query
// for both, none when the round has neither.
func (d *data) loadContradictedBefore(ctx context.Context, cat *catalog.Store, claimIDs []string) error {
	ids := slices.Clone(claimIDs)
	for _, v := range d.values {
		ids = append(ids, v.ID)
	}
	d.contradictedBefore = map[string]bool{}
	found, err := cat.ContradictedBefore(ctx, ids)
	for id := range found {
		d.contradictedBefore[id] = true
	}
	return err
}

// loadCopies reads which of the documents of ids are a copy of another
// (data.copyOf). A near duplicate counts only where one of the two was
// read by OCR, and so was compared with its misreads forgiven (package
// neardup), and nothing read of the two tells them apart (sameDocument):
// a near duplicate may be a 征求意见稿 and its final version, scanned or
// not, two documents a reviewer must see listed.
func (d *data) loadCopies(ctx context.Context, cat *catalog.Store, ids []string) error {
	var err error
	if d.copyOf, err = cat.PartsOf(ctx, ids); err != nil {
		return err
	}
	near, err := cat.NearDuplicatesAmong(ctx, ids)
	if err != nil {
		return err
	}
	for id, others := range near {
		for _, o := range others {
			a, b := d.docs[id], d.docs[o]
			if (a.Reading.ByOCR() || b.Reading.ByOCR()) && sameDocument(a, b) {
				d.copyOf[id] = append(d.copyOf[id], o)
			}
		}
	}
	return nil
}

// loadDocuments reads the documents of ids, whether each is deleted
// (撤回) since, and their links' pages, in three queries however many
// documents the round has.
func (d *data) loadDocuments(ctx context.Context, cat *catalog.Store, ids []string) error {
	var err error
	if d.docs, err = cat.DocumentsAnyStateByID(ctx, ids); err != nil {
		return err
	}
	live, err := cat.DocumentsByID(ctx, ids)
	if err != nil {
		return err
	}
	d.gone = map[string]bool{}
	for _, id := range ids {
		if d.docs[id] == nil {
			return catalog.Errorf(catalog.ENOTFOUND, "文档 %s 不存在", id)
		}
		d.gone[id] = live[id] == nil
	}
	if err := d.loadCopies(ctx, cat, ids); err != nil {
		return err
	}
	returned, err := cat.ReturnedSources(ctx, ids)
	if err != nil {
		return err
	}
	d.returned = map[string]bool{}
	for id := range returned {
		d.returned[id] = true
	}
	links, err := cat.LinksOfDocuments(ctx, ids)
	if err != nil {
		return err
	}
	for _, l := range links {
		d.pages[[2]string{l.DocumentID, l.IndicatorCode}] = l
	}
	return nil
}

func (d *data) item(ind catalog.Indicator) Item {
	it := Item{Indicator: ind, Status: Gap, Reasons: d.reasons, Carried: d.carried, ContradictedBefore: d.contradictedBefore,
		ClaimNumbers: d.claimNumbers, KeptFrom: d.keptFrom, SourcesDeleted: map[string]bool{}}
	// sourcesDeleted is the archive's one rule (catalog.SourcesDeleted)
	// over the documents deleted since.
	sourcesDeleted := func(docs []string) bool {
		return catalog.SourcesDeleted(docs, func(id string) bool { return d.gone[id] })
	}
	at := map[[2]any]int{} // (document, page) and (document, true) → its place in it.Evidence
	live := false          // any evidence neither withdrawn nor waiting to be confirmed
	// add lists a document once; it is 待确认 while everything that brings
	// it into the round is.
	// mark is the quote's mark (Quote's NotFound, FoundOnPage, Recheck,
	// Unchecked).
	add := func(id string, page int, quote string, carried bool, mark Quote, tie Tie) {
		mark.Text, mark.Page = quote, page
		doc := d.docs[id]
		if doc == nil {
			return
		}
		returned := d.returnedHere[[2]string{ind.Code, id}]
		if returned {
			tie = TieReturned
		}
		// A link without a page adds nothing to a citation of the same
		// document at a page (links come last), so it is not listed again.
		i, seen := at[[2]any{id, page}]
		if !seen && page == 0 {
			i, seen = at[[2]any{id, true}]
		}
		if seen {
			it.Evidence[i].ToConfirm = it.Evidence[i].ToConfirm && carried
			it.Evidence[i].Tie = min(it.Evidence[i].Tie, tie)
			if e := &it.Evidence[i]; quote != "" && e.Page == page && !slices.ContainsFunc(e.Quotes, func(q Quote) bool { return q.Text == quote }) {
				e.Quotes = append(e.Quotes, mark)
				if e.Quote == "" {
					e.Quote = quote
				}
			}
		} else {
			i = len(it.Evidence)
			at[[2]any{id, page}] = i
			if _, ok := at[[2]any{id, true}]; !ok {
				at[[2]any{id, true}] = i
			}
			e := Evidence{DocumentID: id, SHA256: doc.SHA256, Title: doc.Title, Filename: doc.Filename, DocNumber: doc.DocNumber, DocNumberShown: catalog.DocNumberAsWritten(doc),
				IssuedOn: doc.IssuedOn, Page: page, Quote: quote, Withdrawn: d.gone[id], ToConfirm: carried,
				Unreadable: doc.Status == catalog.StatusFailed, Returned: d.returned[id], DocNumberGuessed: catalog.DocNumberGuess(doc).Chinese != "", Tie: tie,
				Later: writtenAfter(doc.IssuedOn, d.round)}
			if quote != "" {
				e.Quotes = []Quote{mark}
			}
			it.Evidence = append(it.Evidence, e)
		}
		live = live || !carried && catalog.CountsAsEvidence(doc, d.gone[id]) && !returned
	}
	verified, contradicted, insufficient, toConfirm, valueNotFound, numberToCheck := false, false, false, false, false, false
	valueSpaced, sourceDeleted, claimNumberNotFound := false, false, false
	for i := range d.earlier {
		if v := &d.earlier[i]; v.Indicator == ind.Code && (it.Previous == nil || v.Round > it.Previous.Round) {
			it.Previous = v
		}
	}
	for i := range d.values {
		if v := &d.values[i]; v.Indicator == ind.Code {
			it.Value = v
			// A value resting only on deleted documents backs nothing,
			// whatever its verdict said: lacking evidence, as such a claim.
			it.SourcesDeleted[v.ID] = sourcesDeleted(catalog.ValueDocuments(v))
			sourceDeleted = it.SourcesDeleted[v.ID] && v.Status != catalog.ClaimContradicted
			verified = v.Status == catalog.ClaimVerified && !it.SourcesDeleted[v.ID]
			contradicted = v.Status == catalog.ClaimContradicted
			insufficient = v.Status == catalog.ClaimInsufficient
			toConfirm = d.carried[v.ID]
			// A value whose quote is to be checked again has the old
			// text's marks: no 数值未在引文中找到 from them.
			valueNotFound = catalog.ValueNumberNotInQuote(*v) && !d.gone[v.Citation.DocumentID]
			// Its number found only as digits its quote parts by a space:
			// to check, as the heat map and /compare mark it.
			valueSpaced = !valueNotFound && !d.gone[v.Citation.DocumentID] && v.Status == catalog.ClaimPending && v.ValueFound &&
				v.Citation.QuoteFound && v.Citation.RecheckError == "" && values.SpacedIn(v.Citation.Quote, v) != ""
			// A value's number not found is marked beside the number, its
			// quote not found beside the quote, as a claim's.
			mark := citedMark(v.Citation)
			tie := citationTie(v.Status, mark)
			if tie == TieSound && valueNotFound {
				tie = TieValueNotFound
			}
			add(v.Citation.DocumentID, v.Citation.Page, v.Citation.Quote, d.carried[v.ID], mark, tie)
		}
	}
	for _, c := range d.claims {
		if c.Indicator == ind.Code {
			it.Claims = append(it.Claims, c)
			it.SourcesDeleted[c.ID] = sourcesDeleted(catalog.ClaimDocuments(&c))
			sourceDeleted = sourceDeleted || it.SourcesDeleted[c.ID] && c.Status != catalog.ClaimContradicted
			verified = verified || c.Status == catalog.ClaimVerified && !it.SourcesDeleted[c.ID]
			contradicted = contradicted || c.Status == catalog.ClaimContradicted
			insufficient = insufficient || c.Status == catalog.ClaimInsufficient
			toConfirm = toConfirm || d.carried[c.ID]
			claimNumberNotFound = claimNumberNotFound || d.claimNumbers[c.ID] == catalog.ClaimNumbersMissing
			numberToCheck = numberToCheck || d.claimNumbers[c.ID] == catalog.ClaimNumbersSpaced
			for _, t := range c.Citations {
				mark := citedMark(t)
				add(t.DocumentID, t.Page, t.Quote, d.carried[c.ID], mark, citationTie(c.Status, mark))
			}
		}
	}
	for _, id := range d.linked[ind.Code] {
		l := d.pages[[2]string{id, ind.Code}]
		toConfirm = toConfirm || d.carried[l.ID]
		passages := l.Passages()
		if len(passages) == 0 { // a link without a quote lists the document, at its page
			passages = []catalog.LinkPassage{{Page: l.Page}}
		}
		// A link's quote the text does not have is marked as a
		// citation's; one not looked for yet says so.
		for _, p := range passages {
			mark := Quote{NotFound: p.Unfound(), FoundOnPage: p.FoundOnPage, Unchecked: p.Quote != "" && !p.Checked, Read: p.Read}
			add(id, p.Page, p.Quote, d.carried[l.ID], mark, quoteTie(mark))
		}
	}
	it.Evidence = foldScans(it.Evidence, d.docs, d.copyOf)
	it.Evidence, it.Unreadable = apart(it.Evidence)
	// The one rule of the heat map and /compare, a quote not found
	// among its facts (catalog.QuoteStanding) as they read it.
	quotes := d.standings[ind.Code]
	it.Status = statusWords[coverage.Facts{Contradicted: contradicted, Insufficient: insufficient, Verified: verified,
		ToConfirm: toConfirm, SourceDeleted: sourceDeleted, ValueNotFound: valueNotFound, ClaimNumberNotFound: claimNumberNotFound,
		ClaimNumberToCheck: numberToCheck, ValueToCheck: valueSpaced, QuoteNotFound: quotes.NotFound, VerifiedQuoteNotFound: quotes.VerifiedNotFound,
		NoValue: ind.Kind == catalog.Quantitative && it.Value == nil, Evidence: live}.State()]
	return it
}

// writtenAfter is true when issuedOn (YYYY-MM-DD, YYYY-MM or YYYY) is in
// a year after round; false for no date.
func writtenAfter(issuedOn string, round int) bool {
	if len(issuedOn) < 4 {
		return false
	}
	year, err := strconv.Atoi(issuedOn[:4])
	return err == nil && year > round
}

// apart parts ev into the evidence and the files that could not be read
// (Evidence.Unreadable).
func apart(ev []Evidence) (evidence, unreadable []Evidence) {
	for _, e := range ev {
		if e.Unreadable {
			unreadable = append(unreadable, e)
		} else {
			evidence = append(evidence, e)
		}
	}
	return evidence, unreadable
}

// Documents returns every evidence document of the report once (never
// one of Item.Unreadable: a file that could not be read is no evidence,
// and the pack leaves it out), with the key indicators it substantiates, in the order they first appear; a scan
// listed under a document (Evidence.Scans) comes after it. A document
// is ToConfirm only when every use of it is (carried over and 待确认): one
// use the round confirmed makes it the round's evidence.
func (r *Report) Documents() []DocumentUse {
	var out []DocumentUse
	at := map[string]int{}
	for _, a := range r.Areas {
		for _, it := range a.Items {
			for _, e := range it.Evidence {
				addUse(&out, at, it.Indicator.Code, e)
				for _, sc := range e.Scans {
					addUse(&out, at, it.Indicator.Code, sc)
				}
			}
		}
	}
	return out
}

// addUse adds e, evidence of the indicator code, to out, the documents
// so far, whose places by id are at.
func addUse(out *[]DocumentUse, at map[string]int, code string, e Evidence) {
	i, ok := at[e.DocumentID]
	if !ok {
		i = len(*out)
		at[e.DocumentID] = i
		*out = append(*out, DocumentUse{Evidence: e})
	}
	u := &(*out)[i]
	u.ToConfirm = u.ToConfirm && e.ToConfirm
	if !slices.Contains(u.Indicators, code) {
		u.Indicators = append(u.Indicators, code)
		if u.Ties == nil {
			u.Ties = map[string]Tie{}
		}
		u.Ties[code] = e.Tie
	}
	u.Ties[code] = min(u.Ties[code], e.Tie)
}

// DocumentUse is a document of the report and the indicators it is
// cited or linked for, with the best tie to each (Ties, by code): one
// whose tie is not TieSound the document does not support.
type DocumentUse struct {
	Evidence
	Indicators []string
	Ties       map[string]Tie
}

// recheckWords is why looking again for c's quote failed, in both
// languages; empty when it did not.
func recheckWords(c catalog.Citation) catalog.Words {
	return catalog.Words{Chinese: c.RecheckError, English: c.RecheckErrorEN}
}

// citedMark is the mark of the quote of c, a claim's or a value's
// citation.
func citedMark(c catalog.Citation) Quote {
	return Quote{NotFound: !c.QuoteFound, FoundOnPage: c.FoundOnPage, Recheck: recheckWords(c), Read: c.QuoteRead}
}
