package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// indicatorItems are the tables of what is about one indicator in a city,
// each with the prefix its events' objects carry.
var indicatorItems = []struct{ prefix, table string }{
	{"claim:", "claim"},
	{"value:", "value"},
	{"carryover:", "carryover"},
}

// indicatorCondition is the WHERE condition of FindEvents for the events
// about the indicator of code (in city, when not ""): those of its claims,
// values and carried-over items, logged with one as their object or naming
// one (event_about), and those of its links, logged on their document with
// the indicator in their detail. A dropped claim or value is deleted, as
// is a deleted link's row, so the detail (the indicator and city the event
// wrote) finds the events of those the tables no longer hold.
//
// An event's city is the one its detail names: a claim's or value's
// event names its own; a link's event names none (no link event ever
// written has), and is in its document's city as the document is now. A
// link event whose detail named a city would be in that city, as a
// claim's is. event_indicator records both as each row's place (the city
// the row names, or, naming none, a link event's document's city, which
// MoveDocument moves): a city's page is read among the rows of its place
// alone, never among the other cities' events (until session 44 it was
// read among every city's; until session 45 among every city's link
// events, which name no city, and its cost grew with the other cities'
// links: bench/README.md, "Session 45").
//
// Every part goes through an index: the items by their indicator, the
// events by their object (event_object, event_about's key), and what the
// details name by event_indicator, which records it as each event is
// written (detailIndicators) — not a LIKE over every event's detail, which
// read the whole log.
//
// The events are read by their IDs, newest first, stopping at the page:
// the condition first lists the candidates, the IDs every part finds from
// its indexes alone (d.amongIDs), a few more than match (an event of
// another kind naming the indicator, such as a note's); each event read
// is then held to the parts themselves, the lookups of one event by its
// ID where a key allows. Joined by OR alone, the parts had the database
// read every matching event whole and sort them all before taking a page
// (SQLite), or read the log back from its newest event until a page was
// found (PostgreSQL: the whole log for a rare indicator); bench/README.md,
// "The audit log by indicator".
func indicatorCondition(d dialect, code, city string) (string, []any) {
	var candidates, conds []string
	var candidateArgs, args []any
	for _, it := range indicatorItems {
		items := `SELECT '` + it.prefix + `' || id FROM ` + it.table + ` WHERE indicator_code = ?`
		itemArgs := []any{code}
		if city != "" {
			items += ` AND city = ?`
			itemArgs = append(itemArgs, city)
		}
		candidates = append(candidates, `SELECT id FROM event WHERE object IN (`+items+`)`,
			`SELECT event_id FROM event_about WHERE object IN (`+items+`)`)
		candidateArgs = append(append(candidateArgs, itemArgs...), itemArgs...)
		conds = append(conds, `object IN (`+items+`)`,
			`EXISTS (SELECT 1 FROM event_about a WHERE a.object IN (`+items+`) AND a.event_id = event.id)`)
		args = append(append(args, itemArgs...), itemArgs...)
	}
	if city == "" {
		// What the details name, in every city or none.
		named := `SELECT event_id FROM event_indicator WHERE indicator = ?`
		candidates = append(candidates, named)
		candidateArgs = append(candidateArgs, code)
		conds = append(conds, `((action LIKE 'claim.%' OR action LIKE 'value.%' OR action LIKE 'link.%') AND id IN (`+named+`))`)
		args = append(args, code)
	} else {
		// What the details name in city and the link events of its
		// documents: the key (indicator, place) reads them alone. An
		// event placed there is of city: a claim's or value's naming it,
		// deleted since or not, or a link's naming it or on a document
		// of city.
		candidates = append(candidates, `SELECT event_id FROM event_indicator WHERE indicator = ? AND place = ?`)
		candidateArgs = append(candidateArgs, code, city)
		conds = append(conds, `((action LIKE 'claim.%' OR action LIKE 'value.%' OR action LIKE 'link.%') AND `+
			`EXISTS (SELECT 1 FROM event_indicator n WHERE n.indicator = ? AND n.place = ? AND n.event_id = event.id))`)
		args = append(args, code, city)
	}
	return fmt.Sprintf(d.amongIDs, strings.Join(candidates, ` UNION `)) + ` AND (` + strings.Join(conds, ` OR `) + `)`,
		append(candidateArgs, args...)
}

// detailIndicators returns the indicators and the cities an event's
// detail, as the log stores it (eventDetail), names: the string values of
// its keys "indicator" and "city", at any depth. It reads the text as the
// LIKE over details that the indicator filter was did (a detail holding
// "indicator":"2.3.1" anywhere, a value quoted inside another string not
// being one), so that event_indicator finds the events it found.
func detailIndicators(detail string) (indicators, cities []string) {
	return detailStrings(detail, "indicator"), detailStrings(detail, "city")
}

// detailStrings returns the distinct string values of key in the JSON
// text detail, wherever an object holds it: each "key":"…" in the text.
// A value quoted in a string is escaped there (\"key\":\"…\"), so it is
// not taken. A value json.Unmarshal cannot read is left out.
func detailStrings(detail, key string) []string {
	mark := `"` + key + `":"`
	var out []string
	for rest := detail; ; {
		i := strings.Index(rest, mark)
		if i < 0 {
			return out
		}
		rest = rest[i+len(mark)-1:] // from the value's opening quote
		end := closingQuote(rest)
		if end < 0 {
			return out
		}
		var v string
		if json.Unmarshal([]byte(rest[:end+1]), &v) == nil && !slices.Contains(out, v) {
			out = append(out, v)
		}
		rest = rest[end+1:]
	}
}

// closingQuote is the index in s, which starts with a JSON string's
// opening quote, of its closing quote; -1 when it has none.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// namesIndicator reports whether the stored detail may name an
// indicator: most events' do not, and are not read further.
func namesIndicator(detail string) bool {
	return strings.Contains(detail, `"indicator":"`)
}

// eventIndicatorRow is one row of event_indicator.
type eventIndicatorRow struct {
	indicator, city string
	// place is the city whose indicator filter reads the row: city,
	// or, when the detail names none, the city of a link event's
	// document ('' for any other event naming no city).
	place string
	event int64
}

// loggedEvent is an event as the log stores it, whose event_indicator
// rows indicatorRows makes.
type loggedEvent struct {
	id                     int64
	action, object, detail string
}

// isLinkEvent reports whether action is a link's (link.create,
// link.delete, …), an event on the link's document.
func isLinkEvent(action string) bool {
	return strings.HasPrefix(action, "link.")
}

// indicatorRows returns the event_indicator rows of events, read inside
// tx: one for each indicator an event's detail names and each city it
// names (or none), placed. The place of a link event naming no city is
// its document's city as tx reads it: every writer of a link holds its
// document's row (lockLinkDocument) until its events are written at
// commit, and so does MoveDocument, which moves the places of the
// document's link events with it. A reader that holds no such row (the
// fill of events logged before, fillEventIndicatorBatch) gives lock, the
// dialect's lockShare, to hold the documents' rows as it reads them
// until tx ends: a move then waits for its rows to be written, or the
// rows are read in the city it moved the document to (documentCities).
func indicatorRows(ctx context.Context, tx *sql.Tx, events []loggedEvent, lock string) ([]eventIndicatorRow, error) {
	var rows []eventIndicatorRow
	docs := map[int64]string{} // link events naming no city: their documents
	for _, e := range events {
		if !namesIndicator(e.detail) {
			continue
		}
		indicators, cities := detailIndicators(e.detail)
		if len(cities) == 0 {
			cities = []string{""}
			if isLinkEvent(e.action) {
				docs[e.id] = e.object
			}
		}
		for _, ind := range indicators {
			for _, c := range cities {
				rows = append(rows, eventIndicatorRow{indicator: ind, city: c, place: c, event: e.id})
			}
		}
	}
	if len(docs) == 0 {
		return rows, nil
	}
	in := slices.Sorted(maps.Values(docs))
	in = slices.Compact(in)
	cityOf, err := documentCities(ctx, tx, in, lock)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		if doc, ok := docs[r.event]; ok {
			rows[i].place = cityOf[doc]
		}
	}
	return rows, nil
}

// documentCities returns the city of each of the documents ids, deleted
// or not, that tx finds (a missing one is not in the map), their rows
// locked with lock ("" for none). ids are sorted: rows are locked in the
// order of their IDs, the order every writer locking several documents
// takes them (lockLinkDocuments), so two never wait for each other.
func documentCities(ctx context.Context, tx *sql.Tx, ids []string, lock string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, city FROM document WHERE id IN `+in+` ORDER BY id`+lock, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, city string
			if err := rows.Scan(&id, &city); err != nil {
				return err
			}
			out[id] = city
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read the cities of the documents of link events: %w", err)
	}
	return out, nil
}

// eventIndicatorRowsPerInsert bounds the rows of one INSERT into
// event_indicator (4 arguments each).
const eventIndicatorRowsPerInsert = 250

// writeIndicatorRows inserts rows into event_indicator inside tx, those
// it holds already left as they are.
func writeIndicatorRows(ctx context.Context, tx *sql.Tx, rows []eventIndicatorRow) error {
	for len(rows) > 0 {
		run := rows[:min(len(rows), eventIndicatorRowsPerInsert)]
		rows = rows[len(run):]
		args := make([]any, 0, 4*len(run))
		for _, r := range run {
			args = append(args, r.indicator, r.city, r.place, r.event)
		}
		q := `INSERT INTO event_indicator (indicator, city, place, event_id) VALUES (?, ?, ?, ?)` +
			strings.Repeat(", (?, ?, ?, ?)", len(run)-1) + ` ON CONFLICT DO NOTHING`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("record the indicators of event %d: %w", run[0].event, err)
		}
	}
	return nil
}

// writeEventIndicators records in event_indicator, inside tx, what the
// details of events name (indicatorRows).
func writeEventIndicators(ctx context.Context, tx *sql.Tx, events []loggedEvent) error {
	rows, err := indicatorRows(ctx, tx, events, "")
	if err != nil {
		return err
	}
	return writeIndicatorRows(ctx, tx, rows)
}
