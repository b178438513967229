package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/values"
)

// Lang is the language a report's headings, labels and statuses are
// written in. The data (titles, 文号, claims, reviewers' comments)
// stays as recorded; cities, areas, indicators and the framework are
// named in English where the framework or the catalog has an English
// name, as the web pages name them.
type Lang string

// The report speaks Chinese unless English is asked for.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// ParseLang reads a language choice as a lang parameter, a language
// cookie or an Accept-Language header gives it: English when the first
// choice is English (en, en-US, en-GB;q=0.9, …), Chinese otherwise.
func ParseLang(s string) Lang {
	first, _, _ := strings.Cut(s, ",")
	first, _, _ = strings.Cut(first, ";")
	first = strings.ToLower(strings.TrimSpace(first))
	if first == "en" || strings.HasPrefix(first, "en-") || first == "english" {
		return English
	}
	return Chinese
}

// englishWords are the report's own words in English, by their Chinese.
var englishWords = map[string]string{
	"学习型城市建设监测报告": "Learning City Monitoring Report",
	"说明":          "About",
	"城市":          "City",
	"监测轮次":        "Round",
	"指标体系":        "Framework",
	"注意":          "Note",
	"每个一级指标一个工作表\uFF1B“缺”表示定性指标尚无佐证材料或定量指标尚未填报数值\uFF1B“待确认”表示从上一轮沿用、本市尚未确认的数值、定性描述或佐证材料，不计为本轮的证据。": "One sheet per first-level area; “Gap” means a qualitative indicator without evidence documents or a quantitative indicator without its value; “Carried over, to confirm” marks values, claims and documents taken over from the last round that the city has not confirmed yet: they do not count as this round's evidence.",
	"编码":        "Code",
	"关键指标":      "Key indicator",
	"类型":        "Type",
	"状态":        "Status",
	"数值":        "Value",
	"单位":        "Unit",
	"数值出处":      "Source of the value",
	"定性描述与审核结论": "Claims and review verdicts",
	"佐证材料（标题|文号|日期|页码）": "Evidence (title | document number | date | page)",
	"定性":                  "Qualitative",
	"定量":                  "Quantitative",
	Gap:                   "Gap",
	NoEvidence:            "No evidence",
	NotReported:           "Not reported",
	Present:               "Evidence",
	Verified:              "Verified",
	Contradicted:          "Contradicted by evidence",
	ToConfirm:             "Carried over, to confirm",
	ValueNotFound:         "Number not found in its quote",
	QuoteNotFound:         "Quote not found",
	VerifiedQuoteNotFound: "Verified (quote not found in the text)",
	NumberToCheck:         "A claim's number to check (its quote writes it only as digits parted by a space, such as 1 200)",
	SourceDeleted:         "Source deleted",
	ValueToCheck:          "A value's number to check (its quote writes it only as digits parted by a space, such as 1 200)",
	"待审核":                 "Pending review",
	"属实":                  "Verified",
	"证据不足":                "Insufficient evidence",
	"定性描述":                "Claims",
	"佐证材料":                "Evidence",
	"标题":                  "Title",
	"文号":                  "Document number",
	"日期":                  "Date",
	"页码":                  "Page",
	"引文":                  "Quote",
	"上一轮数值":               "Previous round's value",

	// A quantitative indicator's status with evidence and no value, and
	// the heading of the files that could not be read.
	NoValue:           "Evidence, value not reported",
	UnreadableHeading: "Files that could not be read",
}

// previousValue is the indicator's value in the latest earlier round,
// with its round and the change to this round's value when there is one:
// 2017年度：12.3万人（本轮增加 7000人）, 2017年度：56%（本轮提高 2.6个百分点）;
// "" when no earlier round has one.
func (r *Report) previousValue(it Item) string {
	p := it.Previous
	if p == nil {
		return ""
	}
	en := r.Lang == English
	out := fmt.Sprintf("%d\u5E74\u5EA6\uFF1A%s", p.Round, r.written(p))
	if en {
		out = fmt.Sprintf("Round %d: %s", p.Round, r.written(p))
	}
	switch p.Status {
	case catalog.ClaimContradicted:
		// Never compared: the number was found wrong.
		if en {
			return out + " (contradicted by its evidence on review; not compared)"
		}
		return out + "\uFF08\u7ECF\u5BA1\u6838\u4E0E\u8BC1\u636E\u4E0D\u7B26\uFF0C\u4E0D\u4F5C\u6BD4\u8F83\uFF09"
	case catalog.ClaimInsufficient:
		if en {
			out += " (insufficient evidence on review)"
		} else {
			out += "\uFF08\u8BC1\u636E\u4E0D\u8DB3\uFF09"
		}
	}
	if it.Value == nil {
		return out
	}
	if it.Carried[it.Value.ID] {
		// This round's number is last round's, taken over and not
		// confirmed: "unchanged" would read as a figure of this round.
		if en {
			return out + " (carried into this round, to confirm)"
		}
		return out + "\uFF08\u6CBF\u7528\u81F3\u672C\u8F6E\uFF0C\u5F85\u786E\u8BA4\uFF09"
	}
	if from := it.KeptFrom[it.Value.ID]; from > 0 {
		// Confirmed as carried: the figure is that round's, not measured
		// again, which 本轮持平 would claim.
		if en {
			return out + fmt.Sprintf(" (round %d's figure, kept for this round)", from)
		}
		return out + fmt.Sprintf("\uFF08\u6CBF\u7528%d\u5E74\u5EA6\u6570\u503C\uFF09", from)
	}
	c := it.Value.CompareWith(p)
	if c.Why == catalog.IncomparableSourcesDeleted {
		// Its own round's report says 【出处已删除，缺少佐证】: a change from
		// it would read as a measured rise or fall.
		if en {
			return out + " (the previous round's value lost its source; not compared)"
		}
		return out + "\uFF08\u4E0A\u4E00\u8F6E\u6570\u503C\u7684\u51FA\u5904\u5DF2\u5220\u9664\uFF0C\u4E0D\u4F5C\u6BD4\u8F83\uFF09"
	}
	if !c.Comparable {
		if en {
			return out + " (another unit than this round's " + r.unit(it.Value.Unit) + "; not compared)"
		}
		return out + "\uFF08\u4E0E\u672C\u8F6E\u5355\u4F4D " + it.Value.Unit + " \u4E0D\u540C\uFF0C\u4E0D\u4F5C\u6BD4\u8F83\uFF09"
	}
	diff := math.Round(c.Change*1e6) / 1e6
	// A rate changes by points (c.Unit 个百分点): 58.6% after 56% rose
	// 2.6 个百分点; 本轮增加 2.6% would read as a rise relative to 56%.
	amount := r.amount(math.Abs(diff), c.Unit)
	up, down := "增加", "减少"
	if catalog.IsPoints(c.Unit) {
		up, down = "提高", "下降"
	}
	switch {
	case diff == 0 && en:
		return out + " (unchanged this round)"
	case diff == 0:
		return out + "\uFF08\u672C\u8F6E\u6301\u5E73\uFF09"
	case en && diff > 0:
		return out + " (this round: +" + amount + ")"
	case en:
		return out + " (this round: −" + amount + ")"
	case diff > 0:
		return out + "（本轮" + up + " " + amount + "）"
	default:
		return out + "（本轮" + down + " " + amount + "）"
	}
}

// colon is the colon after a label in the report's language.
func (r *Report) colon() string {
	if r.Lang == English {
		return ": "
	}
	return "\uFF1A"
}

// word is zh in the report's language.
func (r *Report) word(zh string) string {
	if r.Lang == English {
		if en, ok := englishWords[zh]; ok {
			return en
		}
	}
	return zh
}

// numbersMark follows a pending claim's verdict when a number of its
// statement is in none of its quotes, or written there only spaced
// (Item.ClaimNumbers); "" otherwise.
func (r *Report) numbersMark(it Item, id string) string {
	en := r.Lang == English
	switch it.ClaimNumbers[id] {
	case catalog.ClaimNumbersMissing:
		if en {
			return " (a number of the claim is not in its quotes)"
		}
		return "\uFF08定性描述中的数字未在引文中找到\uFF09"
	case catalog.ClaimNumbersSpaced:
		if en {
			return " (a number of the claim to check: its quote writes it only as digits parted by a space)"
		}
		return "\uFF08定性描述中的数字待核对\uFF1A引文中仅见以空格分开的数字\uFF09"
	}
	return ""
}

// verdict is a claim's or value's review status after its statement or
// number, with the reviewer's reason when one was given, in the report's
// language: 【证据不足】（审核意见：需要正式文件）, [Insufficient evidence]
// (reviewer: 需要正式文件).
func (r *Report) verdict(it Item, id string, st catalog.ClaimStatus) string {
	if r.Lang != English {
		return it.Mark(id, st)
	}
	m := " [" + englishWords[VerdictLabels[st]] + "]"
	if it.SourcesDeleted[id] && st != catalog.ClaimContradicted {
		m = " [source deleted, no evidence]"
	}
	if why := it.Reasons[id]; why != "" {
		m += " (reviewer: " + catalog.TypedText(why) + ")" // the reason as written, in Chinese punctuation as the Chinese report shows it
	}
	if it.ContradictedBefore[id] {
		m += " (last round: contradicted by evidence)"
	}
	return m
}

// carriedMark follows a claim, a value or a document carried over from
// the last round and not confirmed yet (CarriedMark), "" for any other.
func (r *Report) carriedMark(carried bool) string {
	switch {
	case !carried:
		return ""
	case r.Lang == English:
		return " (carried over from the last round, to confirm)"
	default:
		return CarriedMark
	}
}

// name is a document's title in 《》, marked when it was withdrawn, could
// not be read or is still to be confirmed, with the scans listed under it.
func (r *Report) name(e Evidence) string {
	if r.Lang == English && e.Withdrawn {
		return "《" + e.Title + "》 (document deleted)" + r.carriedMark(e.ToConfirm)
	}
	return "《" + e.Title + "》" + r.mark(e) + r.carriedMark(e.ToConfirm) + r.scans(e)
}

// mark is what follows the title of a withdrawn or unreadable document
// (Evidence.Name's mark), in the report's language.
func (r *Report) mark(e Evidence) string {
	if r.Lang != English {
		return e.mark()
	}
	switch {
	case e.Withdrawn:
		return " (document deleted)"
	case e.Unreadable:
		return " (could not be read)"
	case e.Returned:
		return " (returned)"
	}
	return ""
}

// docNumber is e's 文号 in l as the document writes it (DocNumberShown),
// else its year in 〔〕 (catalog.DocNumberForm), followed by
// catalog.DocNumberGuessMark when it is a guess, as every list of the
// archive shows it.
func (e Evidence) docNumber(l Lang) string {
	number := e.DocNumberShown
	if number == "" {
		number = catalog.DocNumberForm(e.DocNumber)
	}
	if !e.DocNumberGuessed || number == "" {
		return number
	}
	if l == English {
		return number + catalog.DocNumberGuessMark.English
	}
	return number + catalog.DocNumberGuessMark.Chinese
}

// issued is e's date (成文日期) followed, for a document written after
// the round (Evidence.Later), by LaterMark in the report's language: the
// claim page warns 成文于 2023-12-20，晚于本轮 of such a source, and a
// reader of the report must see it as well.
func (r *Report) issued(e Evidence) string {
	switch {
	case !e.Later || e.IssuedOn == "":
		return e.IssuedOn
	case r.Lang == English:
		return e.IssuedOn + fmt.Sprintf(" (after round %d, this round; check that it belongs to this round)", r.Round)
	}
	return e.IssuedOn + LaterMark
}

// scans names the documents listed under e (Evidence.Scans):
// （另有扫描件或副本：照片1.jpg、照片2.jpg）.
func (r *Report) scans(e Evidence) string {
	names := make([]string, len(e.Scans))
	for i, sc := range e.Scans {
		names[i] = sc.Filename
	}
	switch {
	case len(names) == 0:
		return ""
	case r.Lang == English:
		return " (also a scan or copy: " + strings.Join(names, ", ") + ")"
	default:
		return "\uFF08另有扫描件或副本\uFF1A" + strings.Join(names, "\u3001") + "\uFF09"
	}
}

// notFound says that a value does not appear in the passage it cites,
// or that the passage writes its number in another unit (单位不符).
func (r *Report) notFound(v *catalog.Value) string {
	if v.PassageUnit != "" && catalog.SameUnit(v.PassageUnit, v.Unit) {
		// The passage has the value's own unit: the number was typed at
		// another scale (12500 万人 for 12,500人), named as typed.
		stored := r.amount(v.Number, v.Unit)
		if r.Lang == English {
			return fmt.Sprintf(" (unit mismatch: the source text writes the number in %s, the value was given as %s, that is %s)", r.unit(v.PassageUnit), v.TypedEN(), stored)
		}
		return fmt.Sprintf("\uFF08单位不符\uFF1A原文中该数字的单位是“%s”\uFF0C填报的是“%s”\uFF0C即 %s\uFF09", v.PassageUnit, v.Written(), stored)
	}
	if v.PassageUnit != "" {
		if r.Lang == English {
			return fmt.Sprintf(" (unit mismatch: the source text writes the number in %s, the value is in %s)", r.unit(v.PassageUnit), r.unit(v.Unit))
		}
		return fmt.Sprintf("\uFF08单位不符\uFF1A原文中该数字的单位是“%s”\uFF0C数值的单位是“%s”\uFF09", v.PassageUnit, v.Unit)
	}
	if rough := values.RoughBound(v.Citation.Quote, v); rough != "" {
		if r.Lang == English {
			return fmt.Sprintf(" (the source text writes it only roughly: “%s”)", rough)
		}
		return fmt.Sprintf("\uFF08原文写的是约数“%s”\uFF0C不是确切的这个数值\uFF09", rough)
	}
	if r.Lang == English {
		return " (value not found in the source text)"
	}
	return "\uFF08原文中未找到该数值\uFF09"
}

// roughNote follows a value found within a rough number its quote writes
// (12万 in 十多万人): that number is 约数, so the value is no exact match;
// "" when rough is "" (the value written exactly).
func (r *Report) roughNote(rough string) string {
	if rough == "" {
		return ""
	}
	if r.Lang == English {
		return fmt.Sprintf(" (within “%s”, a rough number in the source text)", rough)
	}
	return fmt.Sprintf("\uFF08原文中的“%s”是约数，该数值在其范围内\uFF09", rough)
}

// spacedNote follows a value found in digits its quote parts by a space
// (1 200人: 1200, or 1 and 200 side by side in a table row): the reader
// checks which (values.SpacedNote); "" when spaced is "".
func (r *Report) spacedNote(spaced string) string {
	if spaced == "" {
		return ""
	}
	w := values.SpacedNote(spaced)
	if r.Lang == English {
		return " (" + w.English + ")"
	}
	return "\uFF08" + w.Chinese + "\uFF09"
}

// unlikelyNote follows a value whose number its indicator's unit makes
// unlikely (values.Unlikely: 5000 books per resident), each warning in
// brackets; "" for any other value.
func (r *Report) unlikelyNote(it Item) string {
	var b strings.Builder
	for _, w := range values.Unlikely(&it.Indicator, it.Value) {
		if r.Lang == English {
			b.WriteString(" (" + w.English + ")")
		} else {
			b.WriteString("\uFF08" + w.Chinese + "\uFF09")
		}
	}
	return b.String()
}

// quoteNotFound follows a claim's quote that does not occur on the page
// it cites, as notFound follows a value's number: on another page, it
// names that page; not in the document, it says so.
func (r *Report) quoteNotFound(q Quote) string {
	if q.FoundOnPage > 0 && q.Page > 0 && q.FoundOnPage != q.Page {
		if r.Lang == English {
			return fmt.Sprintf(" (not on p. %d; on p. %d)", q.Page, q.FoundOnPage)
		}
		return fmt.Sprintf("\uFF08第%d页未找到该引文\uFF0C见第%d页\uFF09", q.Page, q.FoundOnPage)
	}
	if r.Lang == English {
		return " (quote not found in the source text)"
	}
	return "\uFF08原文中未找到该引文\uFF09"
}

// approximately follows a quote found on a page OCR read with a
// character or two read otherwise (Quote.Read): the report prints the
// quote as typed, not the misreading, and says it was matched so; "" for
// a quote matched exactly or not at all.
func (r *Report) approximately(q Quote) string {
	if q.Read == "" || q.FoundOnPage == 0 {
		return ""
	}
	if r.Lang == English {
		return " (matches the scan's recognised text approximately)"
	}
	return "（与扫描件识别文字基本一致）"
}

// quoteRecheck follows a quote whose look in its text read anew failed
// (引文待重新核对), with why, in place of the old text's mark.
func (r *Report) quoteRecheck(why catalog.Words) string {
	if r.Lang == English {
		w := why.English
		if w == "" {
			w = why.Chinese
		}
		return fmt.Sprintf(" (quote to be checked again: %s)", w)
	}
	return "\uFF08引文待重新核对\uFF08" + why.Chinese + "\uFF09\uFF09"
}

// quoteMark is what follows a quote: 引文待重新核对 with why when its
// look in the text read anew failed, before and in place of the old
// text's mark; else its mark when it is not found on its page, and that
// it matched a scan's recognised text approximately when it did; else "".
func (r *Report) quoteMark(q Quote) string {
	switch {
	case q.Recheck.Chinese != "":
		return r.quoteRecheck(q.Recheck)
	case q.NotFound:
		return r.quoteNotFound(q) + r.approximately(q)
	case q.Read != "":
		return r.approximately(q)
	case q.Unchecked:
		if r.Lang == English {
			return " (quote not yet checked against the source text)"
		}
		return "\uFF08引文尚未与原文核对\uFF09"
	}
	return ""
}

// quotes are a document's quoted passages, one a line, each as the
// document wrote it and marked when not found on its page or to be
// checked again.
func (r *Report) quotes(e Evidence) string {
	lines := make([]string, len(e.Quotes))
	for i, q := range e.Quotes {
		lines[i] = catalog.Fullwidth(q.Text) + r.quoteMark(q)
	}
	return strings.Join(lines, "\n")
}

// page is "第3页" or "p. 3".
func (r *Report) page(n int) string {
	if r.Lang == English {
		return "p. " + strconv.Itoa(n)
	}
	return "第" + strconv.Itoa(n) + "页"
}

// pageQuote is a citation's page and its quote, in quotation marks:
// 第3页“市民学习体验基地86个” in Chinese, where the marks need no space;
// in English the page is a word of its own before them, p. 3 “…”.
func (r *Report) pageQuote(page int, quote string) string {
	sep := ""
	if r.Lang == English {
		sep = " "
	}
	return r.page(page) + sep + "\u201c" + catalog.Fullwidth(quote) + "\u201d"
}

// cityName is the city as the report's language names it.
func (r *Report) cityName() string {
	if r.Lang == English {
		return r.City.EnglishName()
	}
	return r.City.Name
}

// frameworkName is the framework as the report's language names it.
func (r *Report) frameworkName() string {
	return r.named(r.Framework, r.FrameworkEN)
}

// named is name, or nameEN in an English report when there is one.
func (r *Report) named(name, nameEN string) string {
	if r.Lang == English && nameEN != "" {
		return nameEN
	}
	return name
}

// nameNow is an indicator's or area's name as the round had it, with the
// current framework's name beside it when it was renamed since (now not
// zero), as every page naming a kept round's indicators writes it
// (catalog.NameNow).
func (r *Report) nameNow(name, nameEN string, now catalog.Indicator) string {
	return catalog.NameNow(name, nameEN, now, r.Lang == English)
}
