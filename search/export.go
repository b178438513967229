package search

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// ExportLimit is the most passage rows an export of results holds; the
// file says so when a search finds more.
const ExportLimit = 5000

// XLSXType is the media type of an exported workbook.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exportWords are an export's own words in Chinese (false) and English
// (true): its sheets, the results' columns in the users' words, and the
// labels of the about sheet. The data (titles, 文号, passages) stays as
// recorded; a city is named in the language of the page, as the search
// page names it.
type exportWords struct {
	results, about                                                                            string
	header                                                                                    []any
	query, filters, city, docType, indicator, year, round, issued, at, docs, rows, note, warn string
	explain, over                                                                             string
	filename                                                                                  string
	// cited follows an indicator in the 指标 column that claims or values
	// cite the document for without a link to it; indicatorsNote says so
	// on the about sheet.
	cited, indicatorsNote string
	// sep parts the indicators in the 指标 column.
	sep string
	// english says these are the English words.
	english bool
}

var exportLangs = map[bool]exportWords{
	false: {results: "检索结果", about: "说明", header: []any{"标题", "文件名", "城市", "类型", "文号", "成文日期", "指标", "页码", "命中段落", "链接", returnedLangs[false].column},
		query: "检索词", filters: "筛选", city: "城市", docType: "类型", indicator: "指标", year: "年份", round: "监测轮次", issued: "成文日期",
		at: "导出时间", docs: "命中文档", rows: "导出行数", note: "说明", warn: "注意",
		explain: "每行一个命中段落\uFF1B最多导出 %d 行\uFF0C超出部分请缩小检索范围后分批导出",
		over:    "结果超过 %d 行\uFF0C只导出了前 %d 行", filename: "检索结果-",
		cited: "\uFF08引用\uFF09", sep: "\u3001", indicatorsNote: "“指标”列列出文档所佐证的指标\uFF1A已关联的指标\uFF0C以及引用该文档的定性描述或数值所属的指标\uFF0C后者未关联时标“（引用）”\uFF1B按指标筛选时两者都算"},
	true: {results: "Results", about: "About", header: []any{"Title", "File name", "City", "Type", "Document number", "Date issued", "Indicators", "Page", "Passage", "Link", returnedLangs[true].column},
		query: "Query", filters: "Filters", city: "City", docType: "Type", indicator: "Indicator", year: "Year", round: "Monitoring round", issued: "Date issued",
		at: "Exported at", docs: "Documents found", rows: "Rows exported", note: "Note", warn: "Warning",
		explain: "One row per passage found; at most %d rows are exported: narrow the search and export in parts for more",
		over:    "More than %d rows found; only the first %d were exported", filename: "search-results-",
		cited: " (cited)", sep: ", ", english: true, indicatorsNote: "The Indicators column lists the indicators the document is evidence of: those it is linked to, and those whose claims or values cite it, marked (cited) when it is not linked to them; filtering by an indicator finds both"},
}

const exportPage = 100 // hits read from the index at a time

// ExportXLSX writes the results of req (every page, best first, near
// duplicates not folded) as a workbook: one row per highlighted passage
// (a hit without one gets one row), at most ExportLimit rows, links to the
// passage's page under baseURL (the server's address as the user reached
// it; "" for paths only). A second sheet names the search, the time and
// whether rows were left out. Every text cell is neutralised so that no
// title or passage runs as a formula.
// As the search does, the export leaves out the files the coordinator
// returned unless req.IncludeReturned, and the about sheet says how many;
// the 已退回 column marks the returned files it lists with their returns,
// who returned them and why only to those the search tells.
// In English (english true) the sheets, headings, labels, document
// types and city names (those catalog.CityNameEN knows) are English.
func (s *Service) ExportXLSX(ctx context.Context, req Request, baseURL string, english bool) ([]byte, error) {
	w := exportLangs[english]
	rows, total, hidden, err := s.exportRows(ctx, req, strings.TrimRight(baseURL, "/"), english)
	if err != nil {
		return nil, err
	}
	f := spreadsheet.NewFile(time.Now())
	defer f.Close()
	if err := f.SetSheetName("Sheet1", w.results); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(w.results, "A1", &w.header); err != nil {
		return nil, err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(w.results, cell, &row); err != nil {
			return nil, fmt.Errorf("write row %d: %w", i+2, err)
		}
	}
	for col, width := range map[string]float64{"A": 40, "B": 24, "G": 14, "I": 60, "J": 40, "K": 40} {
		f.SetColWidth(w.results, col, col, width)
	}
	if err := writeAbout(f, w, req, total, len(rows), hidden); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("encode results xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// exportRows reads the hits of req page by page into rows of cells, and
// returns them with the number of matching documents and of returned
// files left out (countReturned).
func (s *Service) exportRows(ctx context.Context, req Request, baseURL string, english bool) (rows [][]any, total uint64, hidden int, err error) {
	// The catalog's stamps read once, as a search reads them: whether
	// any index copy lags (exportPending, countReturned) is then no
	// statement more.
	ctx = withSearchStamps(ctx, s.hitDocs)
	q, visible, err := s.baseQuery(ctx, req)
	if err != nil {
		return nil, 0, 0, err
	}
	rows = [][]any{}
	if !visible {
		return rows, 0, 0, nil
	}
	m, err := s.rowMaker(ctx, q, req.User, baseURL, english)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("export search %q: %w", req.Query, err)
	}
	// The rows in the order of the search page's hits.
	q.Size, q.WithText, q.TitleFirst = exportPage, true, true
	returned := q.Filter.ExcludeIDs
	indexed, added, err := s.exportPending(ctx, q)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("export search %q: %w", req.Query, err)
	}
	for indexed.From = 0; len(rows) < ExportLimit && indexed.From+indexed.Size <= maxWindow; indexed.From += exportPage {
		res, err := s.idx.Search(ctx, indexed)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("export search %q: %w", req.Query, err)
		}
		total = res.Total + uint64(len(added.hits))
		last := len(res.Hits) < exportPage
		if len(added.hits) > 0 {
			if res, err = s.withAddedHits(ctx, q.Sort, res, &added, last); err != nil {
				return nil, 0, 0, err
			}
		}
		// A page with the pending documents ranked into it may hold
		// every one of them: their text is read, and let go, exportPage
		// documents at a time, as the index's pages are.
		for hits := range slices.Chunk(res.Hits, exportPage) {
			if err := s.readAddedText(ctx, hits, &added); err != nil {
				return nil, 0, 0, err
			}
			page, err := s.pageRows(ctx, &index.Result{Hits: hits}, m)
			if err != nil {
				return nil, 0, 0, err
			}
			rows = append(rows, page...)
			for i := range hits {
				if _, ok := added.docs[hits[i].ID]; ok {
					hits[i].Pages, hits[i].Spans = nil, nil
				}
			}
			if len(rows) >= ExportLimit {
				break
			}
		}
		if last {
			break
		}
	}
	if hidden, err = s.countReturned(ctx, q, returned); err != nil {
		return nil, 0, 0, err
	}
	return rows[:min(len(rows), ExportLimit)], total, hidden, nil
}

// exportAdded are the pending documents an export finds by the catalog's
// values (exportPending), without their text: hits all of them, rest those
// not yet ranked among the index's pages, in rank order. text is the
// search their text is read by, a page's at a time (readAddedText).
type exportAdded struct {
	hits, rest []index.Hit
	docs       map[string]*catalog.Document
	text       index.Query
}

// exportPending returns q without the documents whose index copy may lag
// the catalog (pendingChanges) and those of them q finds by the catalog's
// values, as the search page finds them (pageAsCatalog), so that the
// export lists what the page lists; with nothing pending, q as it is and
// none, reading nothing more. Their text is read as each page of rows
// takes them (readAddedText): read here, every one found (up to
// maxCorrectedChanges documents, a node catching up) was held at once.
func (s *Service) exportPending(ctx context.Context, q index.Query) (index.Query, exportAdded, error) {
	p, err := s.pendingChanges(ctx)
	if err != nil {
		return q, exportAdded{}, err
	}
	pending := pendingAmong(p, q.Filter.IDs)
	if len(pending) == 0 {
		return q, exportAdded{}, nil
	}
	found, err := s.pendingMatches(ctx, q, p, pending)
	if err != nil {
		return q, exportAdded{}, err
	}
	text := q
	text.Filter = index.Filter{ExcludeIDs: q.Filter.ExcludeIDs, Cut: q.Filter.Cut}
	indexed := q
	indexed.Filter.ExcludeIDs = slices.Concat(q.Filter.ExcludeIDs, pending)
	if q.Sort == index.SortRelevance {
		indexed.Sort = index.SortRelevanceByID // ties as mergeRanked ranks them, as the page does
	}
	docs := make(map[string]*catalog.Document, len(found))
	for _, h := range found {
		docs[h.ID] = p.docs[h.ID]
	}
	return indexed, exportAdded{hits: found, rest: found, docs: docs, text: text}, nil
}

// readAddedText sets the pages and spans of the hits of added among hits
// (a page of an export's rows), by q's words alone, as the search page
// reads a pending document's (pageAsCatalog).
func (s *Service) readAddedText(ctx context.Context, hits []index.Hit, added *exportAdded) error {
	var at []int
	for i, h := range hits {
		if _, ok := added.docs[h.ID]; ok {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return nil
	}
	shown := make([]index.Hit, len(at))
	for k, i := range at {
		shown[k] = hits[i]
	}
	if _, err := s.readPageText(ctx, added.text, shown); err != nil {
		return err
	}
	for k, i := range at {
		hits[i] = shown[k]
	}
	return nil
}

// withAddedHits returns res, a page of the index's hits of an export, with
// the documents of added.rest that rank before its last hit (every one
// left on the last page) ranked among them by sort, and takes those out of
// added.rest.
func (s *Service) withAddedHits(ctx context.Context, sort index.Sort, res *index.Result, added *exportAdded, last bool) (*index.Result, error) {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	docs, err := s.hitDocuments(ctx, ids, nil)
	if err != nil {
		return nil, fmt.Errorf("load exported documents: %w", err)
	}
	for id, d := range added.docs {
		docs[id] = d
	}
	before := func(a, b index.Hit) int { return rankOrder(sort, a, b, docs) }
	rest := slices.SortedStableFunc(slices.Values(added.rest), before)
	n := len(rest)
	if !last && len(res.Hits) > 0 {
		end := res.Hits[len(res.Hits)-1]
		n = len(slices.DeleteFunc(slices.Clone(rest), func(h index.Hit) bool { return before(h, end) > 0 }))
	}
	merged := *res
	merged.Hits = mergeRanked(sort, res.Hits, rest[:n], docs, 0, 0, len(res.Hits)+n)
	added.rest = rest[n:]
	return &merged, nil
}

// exportRowMaker holds what pageRows needs to turn the hits of an export
// into rows, read once for the whole export, whatever its length.
type exportRowMaker struct {
	cities []string
	want   numberSet
	labels map[string]map[string]string
	// citedBy holds the indicators whose claims and values cite each
	// document, in the scope the filter counts them in (citedFor).
	citedBy map[string][]string
	// returned are the catalog's returned files (returnedCache), shown
	// to user as the search's hits show them.
	returned map[string]*catalog.ReturnedDocument
	user     *catalog.User
	baseURL  string
	english  bool
}

// rowMaker reads what the rows of the export of q for u need.
func (s *Service) rowMaker(ctx context.Context, q index.Query, u *catalog.User, baseURL string, english bool) (*exportRowMaker, error) {
	sc, err := s.cited.cited(ctx, s.cat, q.Filter.Cities)
	if err != nil {
		return nil, err
	}
	returned, err := s.returned.get(ctx, s.cat)
	if err != nil {
		return nil, err
	}
	labels, err := s.labels(ctx)
	if err != nil {
		return nil, err
	}
	if english {
		for t, l := range catalog.DocTypeLabelsEN {
			labels["doc_type"][string(t)] = l
		}
		// The English search page says Hangzhou; its export must agree,
		// or City is the one Chinese column beside an English Type. A new
		// map, since the names read are the search's cache of them.
		cities := make(map[string]string, len(labels["city"]))
		for code, name := range labels["city"] {
			cities[code] = catalog.City{Code: code, Name: name}.EnglishName()
		}
		labels["city"] = cities
	}
	return &exportRowMaker{cities: q.Filter.Cities, want: termNumbers(q.Clauses), labels: labels, citedBy: sc.byDocument(),
		returned: returned, user: u, baseURL: baseURL, english: english}, nil
}

// pageRows turns one page of index hits into rows: a row per passage,
// or one for a hit without passages, marked for words holding the
// numbers m.want; documents deleted since they were indexed, or moved out
// of m.cities, the cities searched, are left out (hitDocuments).
// A 文号 guessed from what was read is marked so (catalog.DocNumberShown),
// in English when m.english is true. The 指标 column lists the indicators
// the indicator filter finds a document by (exportIndicators): those it is
// linked to and those whose claims and values cite it (m.citedBy); the
// 已退回 column its returns (returnedCell).
func (s *Service) pageRows(ctx context.Context, res *index.Result, m *exportRowMaker) ([][]any, error) {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	docs, err := s.hitDocuments(ctx, ids, m.cities)
	if err != nil {
		return nil, fmt.Errorf("load exported documents: %w", err)
	}
	inds, err := s.cat.DocumentIndicators(ctx, ids)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, h := range res.Hits {
		d, ok := docs[h.ID]
		if !ok {
			continue
		}
		number := catalog.DocNumberShown(d).Chinese
		if m.english {
			number = catalog.DocNumberShown(d).English
		}
		// The file name tells apart versions that share a title (the
		// .pdf and .docx of one notice), which are rows of their own.
		doc := []any{
			spreadsheet.Neutralize(d.Title), spreadsheet.Neutralize(d.Filename), m.labels["city"][d.City], m.labels["doc_type"][string(d.DocType)],
			spreadsheet.Neutralize(number), spreadsheet.Neutralize(d.IssuedOn),
			spreadsheet.Neutralize(exportIndicators(inds[d.ID], m.citedBy[d.ID], exportLangs[m.english])),
		}
		returned := spreadsheet.Neutralize(returnedCell(m.returned[d.ID], m.user, m.english))
		frags := buildFragmentsFor(h.Pages, h.Spans, m.want)
		if len(frags) == 0 {
			rows = append(rows, append(slices.Clone(doc), "", "", m.baseURL+"/documents/"+d.ID, returned))
		}
		for _, fr := range frags {
			link := m.baseURL + "/documents/" + d.ID + "?page=" + strconv.Itoa(fr.Page)
			rows = append(rows, append(slices.Clone(doc), fr.Page, spreadsheet.Neutralize(plainText(fr.HTML)), link, returned))
		}
	}
	return rows, nil
}

// exportIndicators is the 指标 cell of a document linked to linked and
// cited by the claims and values of cited (both sorted): each indicator
// once, in code order, one only cited followed by w's mark, since a link
// is a coordinator's word that the document is the indicator's evidence
// and a citation only that a claim or value quotes it.
func exportIndicators(linked, cited []string, w exportWords) string {
	codes := slices.Compact(slices.Sorted(slices.Values(slices.Concat(linked, cited))))
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = code
		if !slices.Contains(linked, code) {
			out[i] += w.cited
		}
	}
	return strings.Join(out, w.sep)
}

// plainText is a fragment's HTML as text: marks dropped, entities read.
func plainText(fragment string) string {
	fragment = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(fragment)
	return html.UnescapeString(fragment)
}

func writeAbout(f *excelize.File, w exportWords, req Request, total uint64, rows, hidden int) error {
	if _, err := f.NewSheet(w.about); err != nil {
		return err
	}
	filters := []string{}
	for _, f := range []struct {
		name   string
		values []string
	}{{w.city, req.Cities}, {w.docType, req.DocTypes}, {w.indicator, req.Indicators}} {
		if len(f.values) > 0 {
			filters = append(filters, f.name+"="+strings.Join(f.values, ","))
		}
	}
	for _, y := range req.Years {
		filters = append(filters, w.year+"="+strconv.Itoa(y))
	}
	for _, r := range req.Rounds {
		filters = append(filters, w.round+"="+strconv.Itoa(r))
	}
	if r := issuedRange(req); r != nil {
		filters = append(filters, w.issued+"="+r[0])
	}
	if req.IncludeReturned {
		filters = append(filters, returnedLangs[w.english].included)
	}
	about := [][]any{
		{w.query, spreadsheet.Neutralize(req.Query)},
		{w.filters, spreadsheet.Neutralize(strings.Join(filters, "\uFF1B"))},
		{w.at, catalog.ShowTime(time.Now())},
		{w.docs, int(total)},
		{w.rows, rows},
		{w.note, fmt.Sprintf(w.explain, ExportLimit)},
		{w.indicator, w.indicatorsNote},
	}
	about = append(about, returnedAbout(w, req, hidden)...)
	if rows >= ExportLimit {
		about = append(about, []any{w.warn, fmt.Sprintf(w.over, ExportLimit, ExportLimit)})
	}
	for i, row := range about {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(w.about, cell, &row); err != nil {
			return err
		}
	}
	f.SetColWidth(w.about, "B", "B", 60)
	return nil
}

// ExportFilename names an export of results made at t, in China time,
// in English when english is true.
func ExportFilename(t time.Time, english bool) string {
	return exportLangs[english].filename + t.In(catalog.ChinaTime).Format("20060102-1504") + ".xlsx"
}
