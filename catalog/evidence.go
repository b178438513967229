package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// EvidenceFilter selects the evidence documents of indicators.
type EvidenceFilter struct {
	// Round, when not 0, keeps what counts in that monitoring round:
	// links of documents of that round (or, without a round, issued in
	// that year) except those made for or taken out to another round and
	// those dropped from it (ofDocumentRound), links carried into the
	// round and not dropped, and the round's claims and values.
	Round int
	// Cities, when any is not empty, keep those cities.
	Cities []string
	// Indicator, when set, keeps that indicator's.
	Indicator string
	// Kinds, when not empty, keeps those ways of use (EvidenceLink,
	// EvidenceClaim, EvidenceValue).
	Kinds []string
	// Failed keeps the documents that could not be read (failed) too,
	// for listing them (the indicator page and the evidence API show
	// them as 处理失败 so they can be read again or replaced). Without
	// it they are left out: such a document counts nowhere.
	Failed bool
	// Returned keeps, with a Round, the documents returned (退回) on a
	// task of the round's indicator and not handed in again
	// (returnedHereSQL), for listing them. Without it they are left out:
	// a returned hand-in is no evidence of the round.
	Returned bool
}

// Ways a document comes to be an indicator's evidence.
const (
	EvidenceLink  = "link"  // linked to the indicator
	EvidenceClaim = "claim" // cited by a claim (定性描述) of the indicator
	EvidenceValue = "value" // cited by the indicator's value
)

// EvidenceUse is one way a live document is an indicator's evidence in a
// city: a link, or a citation of a claim or a value. A document may be
// used several ways; Distinct counts it once.
type EvidenceUse struct {
	City       string
	Indicator  string
	DocumentID string
	Kind       string // EvidenceLink, EvidenceClaim or EvidenceValue
	SourceID   string // the link's, claim's or value's ID
	// Page and Quote are the citation's, or the link's passage's: a link
	// citing several passages (Link.Passages) is a use per passage, in
	// their order, all with the link's SourceID.
	Page  int
	Quote string
}

// EvidenceUses returns how live documents are the evidence of indicators:
// linked to one, or cited by a claim (not withdrawn) or a value of it. A
// document that could not be read (failed) is none, until read again
// (f.Failed lists such documents, for showing them).
// This is the one definition of an indicator's evidence documents that
// the indicator page, the evidence API, the indicator tree, the heat map
// and the round comparison share, as the report lists them: a verified
// value citing policy.pdf makes policy.pdf the indicator's evidence,
// linked or not. Links come first, then claims' citations, then values'.
func (s *Store) EvidenceUses(ctx context.Context, f EvidenceFilter) ([]EvidenceUse, error) {
	q, args := evidenceUnion(f, true)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query evidence documents: %w", err)
	}
	defer rows.Close()
	type row struct {
		EvidenceUse
		position int
		at       string
	}
	var found []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.City, &r.Indicator, &r.DocumentID, &r.Kind, &r.SourceID, &r.Page, &r.Quote, &r.position, &r.at); err != nil {
			return nil, err
		}
		found = append(found, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rank := map[string]int{EvidenceLink: 0, EvidenceClaim: 1, EvidenceValue: 2}
	slices.SortStableFunc(found, func(a, b row) int {
		return cmp.Or(cmp.Compare(rank[a.Kind], rank[b.Kind]), cmp.Compare(a.at, b.at), cmp.Compare(a.SourceID, b.SourceID),
			cmp.Compare(a.position, b.position))
	})
	out := make([]EvidenceUse, len(found))
	for i, r := range found {
		out[i] = r.EvidenceUse
	}
	return out, nil
}

// EvidenceDocuments returns, per city and indicator, the distinct live
// documents of uses in their first use's order.
func EvidenceDocuments(uses []EvidenceUse) map[[2]string][]string {
	out := map[[2]string][]string{}
	seen := map[[3]string]bool{}
	for _, u := range uses {
		if k := [3]string{u.City, u.Indicator, u.DocumentID}; !seen[k] {
			seen[k] = true
			key := [2]string{u.City, u.Indicator}
			out[key] = append(out[key], u.DocumentID)
		}
	}
	return out
}

// EvidenceDocumentIDs returns, per city and indicator, the distinct live
// documents EvidenceDocuments would find in EvidenceUses, in ID order,
// without reading every use and its quote: for callers that only count
// or gather documents, such as the indicator tree.
func (s *Store) EvidenceDocumentIDs(ctx context.Context, f EvidenceFilter) (map[[2]string][]string, error) {
	q, args := evidenceUnion(f, false)
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT city, indicator, document_id FROM (`+q+`) u
		ORDER BY city, indicator, document_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("query evidence document ids: %w", err)
	}
	defer rows.Close()
	out := map[[2]string][]string{}
	for rows.Next() {
		var city, indicator, id string
		if err := rows.Scan(&city, &indicator, &id); err != nil {
			return nil, err
		}
		key := [2]string{city, indicator}
		out[key] = append(out[key], id)
	}
	return out, rows.Err()
}

// evidenceUnion is the query of the uses f selects: city, indicator and
// document of each, and with details its kind, source, page, quote,
// citation position and creation time.
func evidenceUnion(f EvidenceFilter, details bool) (string, []any) {
	return evidenceUnionOf(f, details, false)
}

// evidenceUnionOf is evidenceUnion, with marks (and without details)
// each use's say in its indicator's QuoteStanding instead: the status of
// the claim or value (” for a link), whether its quote is on no page of
// its document's text (quoteNowhere) and whether it is carried over and
// still 待确认 (carried); a link's passages after its first are uses of
// their own then, as with details.
func evidenceUnionOf(f EvidenceFilter, details, marks bool) (string, []any) {
	var args []any
	// The round is a number: written in the marks' columns, it takes no
	// argument before the WHERE's.
	y := fmt.Sprint(f.Round)
	linkCarried := `0`
	if f.Round != 0 {
		// Over all rounds a carried link is the same row as the link of
		// its first round: evidence there.
		linkCarried = `CASE WHEN l.id IN (SELECT object_id FROM carryover WHERE kind = 'link' AND round = ` + y + ` AND state = 'to_confirm') THEN 1 ELSE 0 END`
	}
	carried := func(kind, id, round string) string {
		return `CASE WHEN EXISTS (SELECT 1 FROM carryover co WHERE co.kind = '` + kind + `' AND co.object_id = ` + id + `
			AND co.round = ` + round + ` AND co.state = 'to_confirm') THEN 1 ELSE 0 END`
	}
	part := func(kind, sel, mark, from, city, indicator, round string, roundArgs []any) string {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, kind) {
			return ""
		}
		q := `SELECT ` + city + ` AS city, ` + indicator + ` AS indicator, d.id AS document_id`
		if details {
			q += `, ` + sel
		}
		if marks {
			q += `, ` + mark
		}
		// A document that could not be read (failed) is no evidence until
		// a later reading succeeds.
		q += ` FROM ` + from + ` WHERE d.deleted_at IS NULL`
		if !f.Failed {
			q += ` AND d.status <> 'failed'`
		}
		if f.Round != 0 {
			q += ` AND ` + round
			args = append(args, roundArgs...)
		}
		if cond, a := cityIn(city, f.Cities, false); cond != "" {
			q += ` AND ` + cond
			args = append(args, a...)
		}
		if f.Indicator != "" {
			q += ` AND ` + indicator + ` = ?`
			args = append(args, f.Indicator)
		}
		return q
	}
	linkRound := `(` + ofDocumentRound + `
			OR l.id IN (SELECT object_id FROM carryover WHERE kind = 'link' AND round = ? AND state <> 'dropped'))`
	// A link's passages after its first (link_quote) are uses of their
	// own, as a claim's citations are: where the first shows, they do.
	// Counting documents needs the link alone.
	// part adds its arguments as it is built: the parts are built in the
	// order the query reads them.
	linkArgs := []any{y, y, f.Round, f.Round}
	claimRound, valueRound := `c.round = ?`, `v.round = ?`
	if !f.Returned {
		// A file the coordinator returned on a task of the indicator
		// and round is no evidence there, however it is linked or cited.
		linkRound += ` AND NOT ` + returnedHereSQL("d.id", "d.city", "?", "l.indicator_code")
		linkArgs = append(linkArgs, f.Round)
		claimRound += ` AND NOT ` + returnedHereSQL("d.id", "c.city", "c.round", "c.indicator_code")
		valueRound += ` AND NOT ` + returnedHereSQL("d.id", "v.city", "v.round", "v.indicator_code")
	}
	// A quote is nowhere in its text when it was looked for and found on
	// no page (a link's not looked for yet is not: 引文尚未与原文核对), and
	// a citation's to be checked again (recheck_error) is not yet: its
	// marks are the old text's.
	first := part(EvidenceLink, `'link', l.id, l.page, l.quote, 0, l.created_at`,
		`'', CASE WHEN l.quote <> '' AND l.quote_found = 0 AND l.found_on_page = 0 THEN 1 ELSE 0 END, `+linkCarried,
		`link l JOIN document d ON d.id = l.document_id`, `d.city`, `l.indicator_code`, linkRound, linkArgs)
	added := ""
	if details || marks {
		added = part(EvidenceLink, `'link', l.id, q.page, q.quote, q.position, l.created_at`,
			`'', CASE WHEN q.quote_found = 0 AND q.found_on_page = 0 THEN 1 ELSE 0 END, `+linkCarried,
			`link l JOIN link_quote q ON q.link_id = l.id JOIN document d ON d.id = l.document_id`,
			`d.city`, `l.indicator_code`, linkRound, linkArgs)
	}
	var parts []string
	for _, p := range []string{
		first,
		added,
		part(EvidenceClaim, `'claim', c.id, t.page, t.quote, t.position, c.created_at`,
			`c.status, CASE WHEN t.quote_found = 0 AND t.found_on_page = 0 AND t.recheck_error = '' THEN 1 ELSE 0 END, `+carried("claim", "c.id", "c.round"),
			`citation t JOIN claim c ON c.id = t.claim_id JOIN document d ON d.id = t.document_id AND c.status <> 'withdrawn'`,
			`c.city`, `c.indicator_code`, claimRound, []any{f.Round}),
		part(EvidenceValue, `'value', v.id, v.page, v.quote, 0, v.created_at`,
			`v.status, CASE WHEN v.quote_found = 0 AND v.found_on_page = 0 AND v.recheck_error = '' THEN 1 ELSE 0 END, `+carried("value", "v.id", "v.round"),
			`value v JOIN document d ON d.id = v.document_id`, `v.city`, `v.indicator_code`, valueRound, []any{f.Round}),
	} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		// No known kind asked for: a query of no rows.
		cols := `'' AS city, '' AS indicator, '' AS document_id`
		if details {
			cols += `, '', '', 0, '', 0, ''`
		}
		if marks {
			cols += `, '', 0, 0`
		}
		return `SELECT ` + cols + ` FROM carryover WHERE 1 = 0`, nil
	}
	return strings.Join(parts, ` UNION ALL `), args
}

// EvidenceCounts counts the distinct evidence documents of each city and
// indicator, as EvidenceDocuments would from EvidenceUses, without
// reading every use and its quote.
func (s *Store) EvidenceCounts(ctx context.Context, f EvidenceFilter) ([]LinkCount, error) {
	q, args := evidenceUnion(f, false)
	rows, err := s.db.QueryContext(ctx, `SELECT city, indicator, COUNT(DISTINCT document_id) FROM (`+q+`) u
		GROUP BY city, indicator ORDER BY city, indicator`, args...)
	if err != nil {
		return nil, fmt.Errorf("count evidence documents: %w", err)
	}
	defer rows.Close()
	var out []LinkCount
	for rows.Next() {
		var c LinkCount
		if err := rows.Scan(&c.City, &c.Indicator, &c.Documents); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CitationsStamp tells whether the documents claims and values cite
// (EvidenceDocumentIDs of their kinds) may have changed: two stamps read
// from the catalog are equal only if no document changed (LatestSeq: a
// deletion or restoration ends or gives back its citations) and no event
// was recorded between them. Every write that changes a claim's citations
// or a value's source records an event in its own transaction (create,
// edit, withdraw, carry-over, a round's deletion), so the event table's
// highest id moves with them, without a column or migration of its own
// (no event is ever deleted).
//
// On PostgreSQL ids are taken before commit, so an event may commit below
// the highest id already seen; the count of the last events, also in the
// stamp, moves when it does. On SQLite one writer at a time holds the
// file's write lock from a transaction's first write to its commit, so
// an event's id (the table's highest plus one) is above every id
// committed before it and below every id committed after: the highest id
// alone moves with every event, and the count, which read the last
// thousand events' rows (their JSON details, many pages), is left out.
// Every search reads the stamp, and under make load an upload's commit
// every few milliseconds makes each read go to the file again.
type CitationsStamp struct {
	seq, event, recent int64
}

// Follows reports whether st was certainly read after t: neither its
// highest change number nor its highest event id is lower than t's and
// one of them is higher, or both are the same and more of the last events
// have committed (a PostgreSQL transaction committing below the highest id
// seen). Change numbers and event ids are never given twice, so a stamp
// read later is never lower in both unless a document row is removed; for
// two stamps it cannot order (one higher in one part, lower in the other)
// it is false, and a caller that must know asks the catalog for the stamp
// now.
func (st CitationsStamp) Follows(t CitationsStamp) bool {
	if st.seq < t.seq || st.event < t.event {
		return false
	}
	if st.seq > t.seq || st.event > t.event {
		return true
	}
	return st.recent > t.recent
}

// citationsRecent is how many of the last event ids CitationsStamp
// counts on PostgreSQL, to see a transaction that commits after a later
// one.
const citationsRecent = 1000

// CitationsStamp reads the catalog's CitationsStamp in one query of
// indexed aggregates (citationsStampSQL).
func (s *Store) CitationsStamp(ctx context.Context) (CitationsStamp, error) {
	var st CitationsStamp
	q, args := citationsStampSQL(s.dialect)
	err := s.db.QueryRowContext(ctx, q, args...).Scan(&st.seq, &st.event, &st.recent)
	if err != nil {
		return CitationsStamp{}, fmt.Errorf("read the stamp of the citations: %w", err)
	}
	return st, nil
}

// citationsStampSQL is d's query of the CitationsStamp and its
// arguments: the highest change number and event id, and on PostgreSQL
// the count of the last events (on SQLite 0, see CitationsStamp).
func citationsStampSQL(d dialect) (string, []any) {
	q := `SELECT (SELECT COALESCE(MAX(seq), 0) FROM document), (SELECT COALESCE(MAX(id), 0) FROM event), `
	if d.name == sqliteDialect.name {
		return q + `0`, nil
	}
	return q + `(SELECT COUNT(*) FROM event WHERE id > (SELECT COALESCE(MAX(id), 0) FROM event) - ?)`, []any{citationsRecent}
}
