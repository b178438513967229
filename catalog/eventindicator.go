package catalog

import (
	"encoding/json"
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
	// Deleted since: a claim's or value's event by its detail, and a
	// link's (its row deleted or not) on a document of the city.
	logged := `(action LIKE 'claim.%' OR action LIKE 'value.%') AND ` + detailHas
	links := `action LIKE 'link.%' AND ` + detailHas
	loggedArgs, linkArgs := []any{detailLike("indicator", code)}, []any{detailLike("indicator", code)}
	if city != "" {
		logged += ` AND ` + detailHas
		loggedArgs = append(loggedArgs, detailLike("city", city))
		links += ` AND object IN (SELECT id FROM document WHERE city = ?)`
		linkArgs = append(linkArgs, city)
	}
	conds = append(conds, `(`+logged+`)`, `(`+links+`)`)
	args = append(append(args, loggedArgs...), linkArgs...)
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// detailLike is the LIKE pattern of an event's detail holding key with
// value, as eventDetail's json.Marshal writes it ("indicator":"2.1.3"),
// LIKE's own marks in it escaped.
func detailLike(key, value string) string {
	b, _ := json.Marshal(map[string]string{key: value})
	pair := strings.TrimSuffix(strings.TrimPrefix(string(b), "{"), "}")
	return "%" + likeEscaper.Replace(pair) + "%"
}

// detailHas is the condition of an event's detail matching a detailLike
// pattern.
const detailHas = `detail LIKE ? ESCAPE '\'`

// likeEscaper escapes LIKE's wildcards with a backslash, the escape
// character detailHas names.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
