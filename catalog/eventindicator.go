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
// Every part goes through an index: the items by their indicator, the
// events by their object (event_object, event_about's key), and what the
// details name by event_indicator, which records it as each event is
// written (detailIndicators) — not a LIKE over every event's detail, which
// read the whole log.
func indicatorCondition(code, city string) (string, []any) {
	var conds []string
	var args []any
	for _, it := range indicatorItems {
		items := `SELECT '` + it.prefix + `' || id FROM ` + it.table + ` WHERE indicator_code = ?`
		itemArgs := []any{code}
		if city != "" {
			items += ` AND city = ?`
			itemArgs = append(itemArgs, city)
		}
		conds = append(conds, `object IN (`+items+`)`, `id IN (SELECT event_id FROM event_about WHERE object IN (`+items+`))`)
		args = append(append(args, itemArgs...), itemArgs...)
	}
	// Deleted since: a claim's or value's event by the indicator (and
	// city) its detail names, and a link's (its row deleted or not) on a
	// document of the city.
	logged := `(action LIKE 'claim.%' OR action LIKE 'value.%') AND id IN (SELECT event_id FROM event_indicator WHERE indicator = ?`
	loggedArgs := []any{code}
	if city != "" {
		logged += ` AND city = ?`
		loggedArgs = append(loggedArgs, city)
	}
	logged += `)`
	links := `action LIKE 'link.%' AND id IN (SELECT event_id FROM event_indicator WHERE indicator = ?)`
	linkArgs := []any{code}
	if city != "" {
		links += ` AND object IN (SELECT id FROM document WHERE city = ?)`
		linkArgs = append(linkArgs, city)
	}
	conds = append(conds, `(`+logged+`)`, `(`+links+`)`)
	args = append(append(args, loggedArgs...), linkArgs...)
	return "(" + strings.Join(conds, " OR ") + ")", args
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
