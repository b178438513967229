package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// likeIndicatorCondition is the indicator filter as it was before
// event_indicator (migration 043): the details matched with LIKE, every
// event's read. The index must find what it found.
func likeIndicatorCondition(code, city string) (string, []any) {
	conds, args := itemConditions(code, city)
	like := func(key, value string) string {
		b, _ := json.Marshal(map[string]string{key: value})
		pair := strings.TrimSuffix(strings.TrimPrefix(string(b), "{"), "}")
		return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(pair) + "%"
	}
	const has = `detail LIKE ? ESCAPE '\'`
	logged := `(action LIKE 'claim.%' OR action LIKE 'value.%') AND ` + has
	links := `action LIKE 'link.%' AND ` + has
	loggedArgs, linkArgs := []any{like("indicator", code)}, []any{like("indicator", code)}
	if city != "" {
		logged += ` AND ` + has
		loggedArgs = append(loggedArgs, like("city", city))
		// A link event by the city its detail names, its document's
		// when it names none (indicatorCondition).
		links += ` AND (` + has + ` OR detail NOT LIKE '%"city":"%' AND object IN (SELECT id FROM document WHERE city = ?))`
		linkArgs = append(linkArgs, like("city", city), city)
	}
	conds = append(conds, `(`+logged+`)`, `(`+links+`)`)
	args = append(append(args, loggedArgs...), linkArgs...)
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// indicatorFilters are the filters the tests ask both ways: codes of the
// mixed log, one beginning alike (2.3.10), a parent (2.3), cities.
var indicatorFilters = []struct{ code, city string }{
	{"2.3.1", ""}, {"2.3.1", "330100"}, {"2.3.1", "330200"}, {"2.3.10", ""}, {"2.3.10", "330100"},
	{"1.1.2", ""}, {"1.1.2", "330100"}, {"2.3", ""}, {"1.1.1", "330100"}, {"9.9.9", ""},
}

// assertIndicatorFilterAsLike fails t unless FindEvents by each of
// indicatorFilters lists the events the LIKE filter lists, and at least
// one filter lists some.
func assertIndicatorFilterAsLike(t *testing.T, s *Store, when string) {
	t.Helper()
	ctx := context.Background()
	found := 0
	for _, f := range indicatorFilters {
		got, err := s.FindEvents(ctx, EventFilter{Indicator: f.code, IndicatorCity: f.city, Limit: maxEvents})
		if err != nil {
			t.Fatalf("%s: events of %s in %q: %v", when, f.code, f.city, err)
		}
		cond, args := likeIndicatorCondition(f.code, f.city)
		want, err := s.queryEvents(ctx, `SELECT id, at, username, action, object, detail FROM event WHERE `+cond+` ORDER BY id DESC`, args...)
		if err != nil {
			t.Fatalf("%s: events of %s in %q by LIKE: %v", when, f.code, f.city, err)
		}
		if g, w := eventLines(got), eventLines(want); !slices.Equal(g, w) {
			t.Errorf("%s: events of %s in %q:\n%s\nwant, as LIKE finds them:\n%s", when, f.code, f.city, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatalf("%s: no filter found an event: the log tests nothing", when)
	}
}

func eventLines(evs []Event) []string {
	var out []string
	for _, e := range evs {
		d, _ := json.Marshal(e.Detail)
		out = append(out, e.Action+" "+e.Object+" "+string(d))
	}
	return out
}

// mixedIndicatorLog writes a log of every kind the filter reads and
// leaves out, in Chinese: a claim and its citations, values, links made
// and removed, a document's deletion naming the claim, a claim since
// dropped, events of several in one transaction (one of them naming
// other objects), a detail naming the indicator deep inside, one quoting
// it in its text, one of a code beginning alike, and events of other
// kinds naming an indicator (a note) or none.
func mixedIndicatorLog(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	c := claimWithCitations(t, s, citeDoc("D1", 1, "学分银行管理办法"))
	importSmallFramework(t, s, "3", "2.3.1", "2.3.10", "1.1.2")
	other := newDoc("D4", "sha-D4")
	other.City = "330200"
	other.Title = "宁波市社区教育工作总结"
	if err := s.CreateDocument(ctx, other, Submission{User: "li"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "2.3.1", CreatedBy: "wang"},
		{DocumentID: "D2", IndicatorCode: "2.3.10", CreatedBy: "wang"}, {DocumentID: "D4", IndicatorCode: "2.3.1", CreatedBy: "li"}}, false); err != nil {
		t.Fatal(err)
	}
	links, err := s.LinksOfDocuments(ctx, []string{"D4"})
	if err != nil || len(links) == 0 {
		t.Fatalf("links of D4: %v %v", links, err)
	}
	if err := s.DeleteLink(ctx, links[0].ID, "li"); err != nil {
		t.Fatal(err)
	}
	vals := []*Value{{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 12000, Given: "1.2万", Unit: "人", Citation: citeDoc("D3", 2, "1.2万人")}}
	if err := s.SaveValues(ctx, vals, "zhang"); err != nil {
		t.Fatal(err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range []Event{
			{User: "wang", Action: "claim.edit", Object: "claim:" + c.ID, Detail: map[string]any{"statement": "杭州市建立学分银行"}},
			{User: "admin", Action: "document.delete", Object: "D2", Also: []string{"claim:" + c.ID}},
			{User: "zhao", Action: "claim.create", Object: "claim:已删除", Detail: map[string]any{"city": "330200", "indicator": "2.3.1", "statement": "宁波市建立学分银行"}},
			{User: "zhao", Action: "claim.drop", Object: "claim:已删除", Detail: map[string]any{"before": map[string]any{"indicator": "2.3.1", "city": "330200"}}},
			{User: "zhao", Action: "value.delete", Object: "value:已删除", Detail: map[string]any{"indicator": "2.3.10", "city": "330100"}},
			{User: "wang", Action: "claim.edit", Object: "claim:引用", Detail: map[string]any{"statement": `原文写有 "indicator":"2.3.1" 字样`}},
			{User: "wang", Action: "note.create", Object: "D1", Detail: map[string]any{"indicator": "2.3.1", "note": "学分银行"}},
			{User: "wang", Action: "link.create", Object: "D3", Detail: map[string]any{"indicator": "2.3.1", "city": "330200"}},
			{User: "admin", Action: "user.create", Object: "user:zhao", Detail: map[string]any{"department": "市教育局"}},
		} {
			if err := s.recordEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The indicator filter read through event_indicator lists, for every
// filter, the events the LIKE over details listed, on a mixed log.
func TestIndicatorFilterAsLike(t *testing.T) { forEachStore(t, testIndicatorFilterAsLike) }

func testIndicatorFilterAsLike(t *testing.T, s *Store) {
	mixedIndicatorLog(t, s)
	assertIndicatorFilterAsLike(t, s, "written")
}

// Events logged before event_indicator (migration 043) are found by their
// indicator once the catalog has filled it, a batch a transaction: a fill
// stopped half-way goes on from its last batch, and one run again, or the
// migration run again, changes nothing.
func TestIndicatorFilterFindsEventsLoggedBefore(t *testing.T) {
	forEachStore(t, testIndicatorFilterFindsEventsLoggedBefore)
}

func testIndicatorFilterFindsEventsLoggedBefore(t *testing.T, s *Store) {
	ctx := context.Background()
	mixedIndicatorLog(t, s)
	suffix := "_event_indicator.sql"
	if s.dialect.twin != "" {
		suffix = "_event_indicator" + s.dialect.twin
	}
	at := migrationAt(t, s, suffix)
	// The catalog as it was before: no event_indicator, and an event
	// written by the code of then, whose INSERT knew nothing of it.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DROP TABLE event_indicator`, `DROP TABLE event_indicator_fill`,
			`INSERT INTO event (at, username, action, object, detail) VALUES ('2024-05-01T08:00:00Z', 'zhao', 'claim.create', 'claim:旧',
				'{"city":"330100","indicator":"2.3.1","statement":"杭州市设立终身学习活动周"}')`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var events int64
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM event`).Scan(&events); err != nil {
		t.Fatal(err)
	}
	// Opened, the catalog runs 043 and the migrations after it, among
	// them 048, which places the rows (the fill writes them placed).
	runMigrationAgain(t, s, at)
	runMigrationAgain(t, s, migrationAt(t, s, strings.Replace(suffix, "_event_indicator", "_event_indicator_place", 1)))
	s.indicatorBatch = 3
	stop := errorAfterBatches(s, 2)
	if err := s.fillEventIndicators(ctx); err == nil {
		t.Fatal("fill stopped after 2 batches: no error")
	}
	var done, upto int64
	if err := s.db.QueryRowContext(ctx, `SELECT done, upto FROM event_indicator_fill`).Scan(&done, &upto); err != nil {
		t.Fatal(err)
	}
	var doneAt int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM event ORDER BY id LIMIT 1 OFFSET 5`).Scan(&doneAt); err != nil {
		t.Fatal(err)
	}
	if done != doneAt || upto <= done || events <= 6 {
		t.Fatalf("fill stopped after 2 batches of 3 of %d events: mark at %d of %d, want at the 6th event, %d", events, done, upto, doneAt)
	}
	stop()
	if err := s.fillEventIndicators(ctx); err != nil {
		t.Fatal(err)
	}
	evs, err := s.FindEvents(ctx, EventFilter{Indicator: "2.3.1", IndicatorCity: "330100"})
	if err != nil || !slices.ContainsFunc(evs, func(e Event) bool { return e.Object == "claim:旧" }) {
		t.Fatalf("events of 2.3.1 in 330100 after the fill: %v, %v; want the one logged before", eventLines(evs), err)
	}
	assertIndicatorFilterAsLike(t, s, "filled")
	runMigrationAgain(t, s, at)
	if err := s.fillEventIndicators(ctx); err != nil {
		t.Fatal(err)
	}
	assertIndicatorFilterAsLike(t, s, "migrated and filled again")
}

// errorAfterBatches makes s's fill fail as its batch after n is about to
// commit, as a start stopped there; the func it returns lets it go on.
func errorAfterBatches(s *Store, n int) func() {
	batches := 0
	s.indicatorBatchFilled = func(int64) error {
		if batches++; batches > n {
			return errors.New("start stopped")
		}
		return nil
	}
	return func() { s.indicatorBatchFilled = nil }
}

// The indicator filter reads indexes, not the whole log: SQLite's plan of
// FindEvents' query reads events only by their object or their ID (no
// SCAN event, nor a range of IDs or times, which on a page back or a
// since is most of the log), for an indicator alone and in a city, alone
// and with the other filters.
func TestIndicatorFilterPlanReadsIndexes(t *testing.T) {
	s := openTestStore(t)
	mixedIndicatorLog(t, s)
	if _, err := s.writer.Exec(`ANALYZE`); err != nil {
		t.Fatal(err)
	}
	for _, f := range []EventFilter{
		{Indicator: "2.3.1"},
		{Indicator: "2.3.1", IndicatorCity: "330100"},
		{Indicator: "2.3.1", IndicatorCity: "330100", Before: 1000, Limit: 50},
		{Indicator: "2.3.1", IndicatorCity: "330100", After: 3},
		{Indicator: "2.3.1", User: "wang", Action: "claim.", Since: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
	} {
		q, args, _ := eventsQuery(s.dialect, f)
		plan := queryPlan(t, s, q, args)
		for _, step := range plan {
			readsEvents := step == "SCAN event" || strings.HasPrefix(step, "SCAN event ") || strings.HasPrefix(step, "SEARCH event ")
			if readsEvents && !strings.Contains(step, "(object=?") && !strings.Contains(step, "(rowid=?)") {
				t.Errorf("%+v: the plan reads the log through %q:\n%s", f, step, strings.Join(plan, "\n"))
			}
		}
	}
}

// queryPlan is SQLite's EXPLAIN QUERY PLAN of q, a step a line.
func queryPlan(t *testing.T, s *Store, q string, args []any) []string {
	t.Helper()
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notUsed int
		var detail string
		if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// detailIndicators reads what the LIKE matched: an "indicator" or "city"
// key's string at any depth, each once; not one quoted inside a string,
// nor a number, nor a key that only ends alike.
func TestDetailIndicators(t *testing.T) {
	for _, tt := range []struct {
		detail             map[string]any
		indicators, cities []string
	}{
		{map[string]any{"indicator": "2.3.1", "city": "330100", "statement": "杭州市建立学分银行"}, []string{"2.3.1"}, []string{"330100"}},
		{map[string]any{"before": map[string]any{"indicator": "2.3.1"}, "after": map[string]any{"indicator": "2.3.10", "city": "宁波"}}, []string{"2.3.1", "2.3.10"}, []string{"宁波"}},
		{map[string]any{"links": []any{map[string]any{"indicator": "1.1.2"}, map[string]any{"indicator": "1.1.2"}}}, []string{"1.1.2"}, nil},
		{map[string]any{"note": `原文写有 "indicator":"2.3.1"，"city":"330100"`}, nil, nil},
		{map[string]any{"old_indicator": "2.3.1", "indicator": 231, "city_name": "杭州"}, nil, nil},
		{map[string]any{"indicator": `指标"甲"\乙`}, []string{`指标"甲"\乙`}, nil},
		{nil, nil, nil},
	} {
		detail, err := eventDetail(Event{Action: "claim.edit", Detail: tt.detail})
		if err != nil {
			t.Fatal(err)
		}
		inds, cities := detailIndicators(detail)
		slices.Sort(inds)
		if !slices.Equal(inds, tt.indicators) || !slices.Equal(cities, tt.cities) {
			t.Errorf("%s: indicators %q, cities %q; want %q, %q", detail, inds, cities, tt.indicators, tt.cities)
		}
	}
}

// itemConditions are the indicator filter's conditions on the events of
// an indicator's claims, values and carried-over items (in a city), as
// the filter wrote them before event_indicator and before its one list
// of IDs: the part the old queries the tests keep share.
func itemConditions(code, city string) ([]string, []any) {
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
	return conds, args
}
