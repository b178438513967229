package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
// claim's is: so the events a city's page is read among are those
// event_indicator records for the indicator in that city or in none (the
// link events and notes of every city), never the other cities' claims'
// and values' (until session 44 they were every city's, the rule placing
// a link event by its document whatever its detail named, and a city's
// page cost grew with the other cities' history).
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
		// What the details name in city, and what they name in none: the
		// key's first two columns (indicator, city) read both.
		candidates = append(candidates, `SELECT event_id FROM event_indicator WHERE indicator = ? AND city IN (?, '')`)
		candidateArgs = append(candidateArgs, code, city)
		// Deleted since: a claim's or value's event by the indicator and
		// city its detail names, and a link's (its row deleted or not) by
		// the city it names, or its document's when it names none.
		in := `EXISTS (SELECT 1 FROM event_indicator n WHERE n.indicator = ? AND n.city = ? AND n.event_id = event.id)`
		conds = append(conds, `((action LIKE 'claim.%' OR action LIKE 'value.%' OR action LIKE 'link.%') AND `+in+`)`,
			`(action LIKE 'link.%' AND `+in+` AND EXISTS (SELECT 1 FROM document d WHERE d.id = event.object AND d.city = ?))`)
		args = append(args, code, city, code, "", city)
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
	event           int64
}

// indicatorRows are the event_indicator rows of the event of this ID
// whose detail, as stored, is detail: one for each indicator it names
// and each city it names (or none).
func indicatorRows(event int64, detail string) []eventIndicatorRow {
	if !namesIndicator(detail) {
		return nil
	}
	indicators, cities := detailIndicators(detail)
	if len(cities) == 0 {
		cities = []string{""}
	}
	var rows []eventIndicatorRow
	for _, ind := range indicators {
		for _, c := range cities {
			rows = append(rows, eventIndicatorRow{ind, c, event})
		}
	}
	return rows
}

// eventIndicatorRowsPerInsert bounds the rows of one INSERT into
// event_indicator (3 arguments each).
const eventIndicatorRowsPerInsert = 300

// writeIndicatorRows inserts rows into event_indicator inside tx, those
// it holds already left as they are.
func writeIndicatorRows(ctx context.Context, tx *sql.Tx, rows []eventIndicatorRow) error {
	for len(rows) > 0 {
		run := rows[:min(len(rows), eventIndicatorRowsPerInsert)]
		rows = rows[len(run):]
		args := make([]any, 0, 3*len(run))
		for _, r := range run {
			args = append(args, r.indicator, r.city, r.event)
		}
		q := `INSERT INTO event_indicator (indicator, city, event_id) VALUES (?, ?, ?)` +
			strings.Repeat(", (?, ?, ?)", len(run)-1) + ` ON CONFLICT DO NOTHING`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("record the indicators of event %d: %w", run[0].event, err)
		}
	}
	return nil
}
