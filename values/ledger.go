package values

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// ledgerColumns maps the header names a ledger may use, English or
// Chinese, to the fields of a value.
var ledgerColumns = map[string]string{
	"indicator": "indicator", "指标编码": "indicator", "指标编号": "indicator", "指标": "indicator",
	"value": "value", "数值": "value", "值": "value",
	"unit": "unit", "单位": "unit",
	"document_id": byAny, "文档编号": byAny, "文档": byAny, "document": byAny, "佐证材料": byAny, "出处": byAny,
	"doc_number": byNumber, "文号": byNumber, "filename": byFilename, "文件名": byFilename, "title": byTitle, "标题": byTitle,
	"page": "page", "页码": "page",
	"quote": "quote", "引文": "quote", "原文": "quote",
}

// ledgerHeadings are ledgerColumns by their words as
// spreadsheet.FindHeading compares them.
var ledgerHeadings = spreadsheet.HeadingKeys(ledgerColumns)

// maxLedgerRows bounds a ledger: the framework has 44 quantitative
// indicators, so a few hundred rows is already generous.
const maxLedgerRows = 1000

// Import reads a ledger (XLSX, or XLS or WPS's .et, first sheet, a header row naming the
// columns indicator, value, unit, document_id, page, quote — or 指标编码,
// 数值, 单位, 文档编号, 页码, 引文) and records every row for city and
// round: all rows or none, every bad row named. The source document may
// be named instead as a coordinator knows it, by 文号, 文件名 or 标题
// (columns of their own, each read as any of them when its own names
// nothing, or written in 文档编号); a row naming no document of the city,
// or several, is a bad row, the several listed.
func (s *Service) Import(ctx context.Context, u *catalog.User, city string, round int, r io.Reader) ([]*catalog.Value, error) {
	rows, err := readLedger(ctx, r, s.xls)
	if err != nil {
		return nil, err
	}
	var src *sources
	if c, err := s.city(ctx, u, city); err == nil {
		if src, err = s.sources(ctx, c); err != nil {
			return nil, err
		}
	}
	var vs []*catalog.Value
	var bad []catalog.Words
	seen := map[string]int{}
	var lines []int // vs's rows
	for i, in := range rows {
		in.City, in.Round = city, round
		v, err := s.checkRow(ctx, u, src, in)
		if err == nil && seen[v.Indicator] != 0 {
			err = catalog.Errorf(catalog.EINVALID, "指标 %s 与第 %d 行重复", v.Indicator, seen[v.Indicator])
		}
		if err != nil {
			if c := catalog.ErrorCode(err); c != catalog.EINVALID {
				return nil, err
			}
			bad = append(bad, badRow(rows[i].Line, catalog.Each(err)))
			continue
		}
		seen[v.Indicator] = rows[i].Line
		if w, ok := v.Citation.QuoteWarning(); ok {
			// Saved all the same; the web form says it in its own words
			// (value.quote_missing).
			v.Warnings = append(v.Warnings, w)
		} else if !v.ValueFound {
			// Saved all the same, as /values keeps it, but said per row:
			// the import's answer named only its flag (value_found).
			v.Warnings = append(v.Warnings, catalog.MessageWords(catalog.Errorf(catalog.EINVALID, "引文中未找到该数值（请核对数值或引文）")))
		}
		vs, lines = append(vs, v), append(lines, rows[i].Line)
	}
	if len(bad) > 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "台账有 %d 行有误，未导入任何数值：\n%s", len(bad), joinWords(bad, "\n", "\n"))
	}
	if len(vs) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "台账中没有数值行")
	}
	if err := s.cat.SaveValues(ctx, vs, u.Username); err != nil {
		return nil, err
	}
	// Each row says what it found unlikely and which value of the round
	// it replaced (old → new): importing replaces them silently otherwise.
	// A row that records the same value again changes nothing and says
	// nothing (catalog.Value.Unchanged: its verdict stays); a row whose
	// change set a reviewer's verdict back to 待审核 says so.
	for _, v := range vs {
		if was := v.ReplacedValue; was != nil && !v.Unchanged {
			written := func(v *catalog.Value) catalog.Words {
				return catalog.Words{Chinese: v.Written(), English: v.WrittenIn(true)}
			}
			if was.Written() != v.Written() {
				before, after := written(was), written(v)
				if before.English == after.English {
					// The same number written another way (12000人, 1.2万人):
					// English would read "12,000 people → 12,000 people".
					before.English, after.English = before.Chinese, after.Chinese
				}
				v.Warnings = append(v.Warnings, catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
					"替换了本轮原有的数值：%s → %s", before, after)))
			}
			if v.VerdictCleared != "" {
				v.Warnings = append(v.Warnings, catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
					"本轮原有的数值 %s 已经审核，重新导入后回到待审核", written(was))))
			}
		}
	}
	// A row citing a document dated after the round, or a file the
	// coordinator returned (the ledger was typed from the file names, and
	// the returned one is easy to pick: probe s42 finding 2), says so, as
	// a value recorded alone does. The rows are saved: a warning that
	// cannot be looked up now is left out rather than answered as a
	// failure of the import.
	if err := s.warnLater(ctx, vs...); err != nil {
		slog.Default().WarnContext(ctx, "ledger saved; its sources' dates and returns not checked", "err", err)
	}
	for i, v := range vs {
		for j, w := range v.Warnings {
			v.Warnings[j] = rowWords(lines[i], w)
		}
	}
	return vs, nil
}

// Tally counts what saving a ledger's values did: how many rows made a
// new value, changed one, or gave the value as it was (which keeps its
// verdict), and how many reviewers' verdicts the changes cleared.
type Tally struct {
	Created, Updated, Unchanged, VerdictsCleared int
}

// TallyOf counts what saving vs did (catalog.Value.Unchanged,
// VerdictCleared, ReplacedValue).
func TallyOf(vs []*catalog.Value) Tally {
	var t Tally
	for _, v := range vs {
		switch {
		case v.Unchanged:
			t.Unchanged++
		case v.ReplacedValue != nil:
			t.Updated++
		default:
			t.Created++
		}
		if v.VerdictCleared != "" {
			t.VerdictsCleared++
		}
	}
	return t
}

// badRow is a ledger row's every mistake, in each language: 第 3 行：…；…
// and Row 3: …. ….
func badRow(line int, why []*catalog.Error) catalog.Words {
	w := make([]catalog.Words, len(why))
	for i, e := range why {
		w[i] = catalog.MessageWords(e)
	}
	return rowWords(line, joinWords(w, "\uFF1B", ". "))
}

// rowWords is what is said of a ledger's row, named by its number: 第 3
// 行：… and Row 3: …; its English is "" when what is said has none.
func rowWords(line int, said catalog.Words) catalog.Words {
	r := catalog.Words{Chinese: fmt.Sprintf("第 %d 行\uFF1A%s", line, said.Chinese)}
	if said.English != "" {
		r.English = fmt.Sprintf("Row %d: %s", line, said.English)
	}
	return r
}

// joinWords joins words with zh in Chinese and en in English; the English
// is "" when one of them has none.
func joinWords(words []catalog.Words, zh, en string) catalog.Words {
	var out catalog.Words
	english := true
	for i, w := range words {
		if i > 0 {
			out.Chinese += zh
			out.English += en
		}
		out.Chinese += w.Chinese
		out.English += w.English
		english = english && w.English != ""
	}
	if !english {
		out.English = ""
	}
	return out
}

type ledgerRow struct {
	Input
	Line int
	// Refs are the row's source cells by source column (sourceColumns).
	Refs map[string]string
}

// checkRow checks a ledger row as Record would once its source is
// resolved (src nil: the city is wrong, which check says); a source that
// names no document or several is one more mistake of the row.
func (s *Service) checkRow(ctx context.Context, u *catalog.User, src *sources, row ledgerRow) (*catalog.Value, error) {
	if src == nil {
		return s.check(ctx, u, row.Input)
	}
	id, srcErr := src.resolve(row.Refs)
	row.Citation.DocumentID = id
	v, err := s.check(ctx, u, row.Input)
	if srcErr == nil && id == "" && catalog.ErrorCode(err) == catalog.EINVALID {
		return nil, noSourceNamed(err)
	}
	if srcErr == nil {
		return v, err
	}
	mistakes := []error{srcErr}
	for _, e := range catalog.Each(err) {
		if e.Field != "document_id" {
			mistakes = append(mistakes, e)
		}
	}
	if err != nil && catalog.ErrorCode(err) != catalog.EINVALID {
		return nil, err
	}
	return nil, catalog.Join(mistakes...)
}

// noSourceNamed is err, a row's mistakes, with the form's 请选择引用的文档
// said as a ledger's row needs it said: which columns to fill in.
func noSourceNamed(err error) error {
	var out []error
	for _, e := range catalog.Each(err) {
		if e.Field == "document_id" {
			e = catalog.FieldErrorf("document_id", catalog.EINVALID, "请在“文档编号”“文号”“文件名”或“标题”列中填写引用的文档")
		}
		out = append(out, e)
	}
	return catalog.Join(out...)
}

func readLedger(ctx context.Context, r io.Reader, xls spreadsheet.XLSReader) ([]ledgerRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read ledger: %w", err)
	}
	sheet, rows, err := spreadsheet.ReadWorkbook(ctx, data, maxLedgerRows+1, xls)
	switch {
	case errors.Is(err, spreadsheet.ErrNotXLSX):
		return nil, catalog.Errorf(catalog.EINVALID, "无法读取台账：请上传 Excel 或 WPS 表格（.xlsx、.xls 或 .et）")
	case errors.Is(err, spreadsheet.ErrNoSheet):
		return nil, catalog.Errorf(catalog.EINVALID, "台账中没有工作表")
	case errors.Is(err, spreadsheet.ErrUnreadable):
		return nil, catalog.Errorf(catalog.EINVALID, "无法读取台账工作表 %s", sheet)
	case errors.Is(err, spreadsheet.ErrTooManyRows):
		return nil, catalog.Errorf(catalog.EINVALID, "台账超过 %d 行", maxLedgerRows)
	case err != nil:
		return nil, err
	}
	if len(rows) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "台账是空的")
	}
	// 指标 is the indicator column only where no 指标编码 or 指标编号 is:
	// beside one of them it holds the indicator's name, not its code.
	heading, _ := spreadsheet.FindHeading(rows, ledgerHeadings, []string{"indicator", "value", "page", "quote"}, "指标")
	col := heading.Columns
	for _, need := range []struct{ col, zh string }{{"indicator", "指标编码"}, {"value", "数值"}, {"page", "页码"}, {"quote", "引文"}} {
		if _, ok := col[need.col]; !ok {
			// A UTF-8 ledger saved again as Latin-1 (指标 read as æŒ‡æ ‡)
			// has its heading too, garbled: say so, as a responsibility
			// table's import does, not that a column is missing.
			if spreadsheet.Misdecoded(rows[:min(len(rows), spreadsheet.MaxHeadingRow)]) {
				return nil, catalog.Errorf(catalog.EINVALID, "表格文字乱码（可能是 UTF-8 的 CSV 被当作其他编码打开），请以 UTF-8 编码重新保存后再导入")
			}
			// Either heading will do: the English names the Chinese one
			// as the Chinese names the English one.
			return nil, catalog.Errorf(catalog.EINVALID, "台账前 %d 行中没有含 %s（%s）列的表头；表头应为 指标编码、数值、单位、文档编号、页码、引文（表头之上的标题行可以保留）",
				spreadsheet.MaxHeadingRow, catalog.Words{Chinese: need.zh, English: need.col}, catalog.Words{Chinese: need.col, English: need.zh})
		}
	}
	if !slices.ContainsFunc(sourceColumns, func(c string) bool { _, ok := col[c]; return ok }) {
		return nil, catalog.Errorf(catalog.EINVALID, "台账缺少数值出处列；请用 文档编号、文号、文件名 或 标题 中的一列写明数值出自哪份材料")
	}
	var out []ledgerRow
	for i, row := range rows[heading.Rows:] {
		if spreadsheet.IsAside(row) {
			continue
		}
		get := func(f string) string {
			if j, ok := col[f]; ok && j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		if get("indicator") == "" && get("value") == "" {
			continue
		}
		page, _ := strconv.Atoi(get("page"))
		refs := map[string]string{}
		for _, c := range sourceColumns {
			refs[c] = get(c)
		}
		out = append(out, ledgerRow{Line: heading.Rows + i + 1, Refs: refs, Input: Input{Indicator: get("indicator"), Value: Written(get("value")),
			Unit: get("unit"), Citation: claims.CitationInput{Page: page, Quote: get("quote")}}})
	}
	return out, nil
}
