package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// orIndicatorCondition is the indicator filter as it was before its
// parts became one list of IDs (indicatorCondition): the same parts
// joined by OR, on which the database read every matching event and
// sorted them all before taking a page. The pages of the new query must
// be its pages.
func orIndicatorCondition(code, city string) (string, []any) {
	conds, args := itemConditions(code, city)
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
		links += ` AND (id IN (SELECT event_id FROM event_indicator WHERE indicator = ? AND city = ?)` +
			` OR id IN (SELECT event_id FROM event_indicator WHERE indicator = ? AND city = '') AND object IN (SELECT id FROM document WHERE city = ?))`
		linkArgs = append(linkArgs, code, city, code, city)
	}
	conds = append(conds, `(`+logged+`)`, `(`+links+`)`)
	args = append(append(args, loggedArgs...), linkArgs...)
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// Indicators and cities of the generated log (indicatorLog).
var (
	logIndicators = []string{"2.3.1", "2.3.10", "1.1.2", "3.2.1"}
	logCities     = []string{"330100", "330200", "310000"}
)

// indicatorLog gives s a framework of logIndicators, a document and a
// claim (定性描述) of each in each of logCities, and then n events in
// Chinese, of every kind the indicator filter reads or leaves out, spread
// over the indicators and cities: claims created (their detail naming
// the indicator) and edited (found by their object alone), links made on
// a document (by the detail, in the document's city), a document's edit
// naming a claim (event_about), values deleted since (by the detail
// alone), notes naming an indicator (never found) and uploads.
func indicatorLog(tb testing.TB, s *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	inds := []Indicator{{Code: "1", Level: 1, Name: "组织保障"}, {Code: "1.1", ParentCode: "1", Level: 2, Name: "规划与政策法规"}}
	for _, c := range logIndicators {
		inds = append(inds, Indicator{Code: c, ParentCode: "1.1", Level: 3, Name: "指标 " + c, Kind: Qualitative})
	}
	if _, err := s.ImportFramework(ctx, Framework{ID: "demo", Name: "示例", Version: "1"}, inds, "admin"); err != nil {
		tb.Fatal(err)
	}
	claims := map[[2]string]string{}
	for ci, city := range logCities {
		d := newDoc(fmt.Sprintf("D%d", ci), fmt.Sprintf("sha-%d", ci))
		d.City, d.Title = city, "关于推进学习型城市建设的实施意见"
		if err := s.CreateDocument(ctx, d, Submission{User: "wang"}); err != nil {
			tb.Fatal(err)
		}
		for _, ind := range logIndicators {
			c := &Claim{City: city, Round: 2018, Indicator: ind, Statement: "已建立市民终身学习学分银行", CreatedBy: "wang"}
			if err := s.CreateClaim(ctx, c); err != nil {
				tb.Fatal(err)
			}
			claims[[2]string{ind, city}] = "claim:" + c.ID
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			ind, ci := logIndicators[i%len(logIndicators)], (i/len(logIndicators))%len(logCities)
			city, doc, claim := logCities[ci], fmt.Sprintf("D%d", ci), claims[[2]string{ind, logCities[ci]}]
			var e Event
			switch i % 7 {
			case 0:
				e = Event{User: "wang", Action: "claim.create", Object: fmt.Sprintf("claim:旧%d", i), Detail: map[string]any{"indicator": ind, "city": city, "statement": "开展全民终身学习活动周"}}
			case 1:
				e = Event{User: "zhao", Action: "claim.edit", Object: claim, Detail: map[string]any{"statement": "社区学习共同体覆盖全部街道"}}
			case 2:
				e = Event{User: "li", Action: "link.create", Object: doc, Detail: map[string]any{"indicator": ind, "link": fmt.Sprintf("L%d", i)}}
			case 3:
				e = Event{User: "li", Action: "document.edit", Object: doc, Also: []string{claim}, Detail: map[string]any{"title": "学分银行管理办法"}}
			case 4:
				e = Event{User: "zhao", Action: "value.delete", Object: fmt.Sprintf("value:已删除%d", i), Detail: map[string]any{"indicator": ind, "city": city}}
			case 5:
				e = Event{User: "wang", Action: "note.create", Object: doc, Detail: map[string]any{"indicator": ind, "note": "需补充佐证材料"}}
			default:
				e = Event{User: "wang", Action: "document.upload", Object: doc, Detail: map[string]any{"filename": "学习型城市建设工作总结.docx"}}
			}
			if err := s.recordEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// oldEvents is the page FindEvents listed for f before (orIndicatorCondition).
func oldEvents(ctx context.Context, s *Store, f EventFilter) ([]Event, error) {
	q, args, oldestFirst := eventsQueryBy(f, orIndicatorCondition)
	events, err := s.queryEvents(ctx, q, args...)
	if oldestFirst {
		slices.Reverse(events)
	}
	return events, err
}

// The indicator filter's pages are the pages it listed when its parts
// were joined by OR, on a generated log of several indicators and cities:
// every page back (Before) from the newest to the oldest, the pages
// forward again (After), for each indicator alone and in each city, also
// with the other filters.
func TestIndicatorFilterPagesAsBefore(t *testing.T) {
	forEachStore(t, testIndicatorFilterPagesAsBefore)
}

func testIndicatorFilterPagesAsBefore(t *testing.T, s *Store) {
	ctx := context.Background()
	indicatorLog(t, s, 700)
	var filters []EventFilter
	for _, ind := range append(slices.Clone(logIndicators), "2.3", "9.9.9") {
		for _, city := range append([]string{""}, logCities...) {
			filters = append(filters, EventFilter{Indicator: ind, IndicatorCity: city, Limit: 9})
		}
	}
	filters = append(filters,
		EventFilter{Indicator: "2.3.1", User: "li", Limit: 4},
		EventFilter{Indicator: "2.3.1", IndicatorCity: "330200", Action: "claim.", Limit: 5},
		EventFilter{Indicator: "1.1.2", Action: "link.create", Limit: 6},
		EventFilter{Indicator: "3.2.1", IndicatorCity: "310000", Object: "D2", Limit: 3})
	listed := 0
	for _, f := range filters {
		pages := 0
		for {
			got, err := s.FindEvents(ctx, f)
			if err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			want, err := oldEvents(ctx, s, f)
			if err != nil {
				t.Fatalf("%+v, as before: %v", f, err)
			}
			if g, w := eventIDs(got), eventIDs(want); !slices.Equal(g, w) {
				t.Fatalf("%+v: page %d lists events %v, want %v as before", f, pages, g, w)
			}
			listed += len(got)
			if len(got) < f.Limit {
				break
			}
			pages++
			if f.After != 0 {
				f.After = got[0].ID
			} else {
				f.Before = got[len(got)-1].ID
			}
		}
		if f.Before != 0 && f.After == 0 {
			// Forward again from the oldest page back.
			f.After, f.Before = f.Before, 0
			for range pages + 1 {
				got, err := s.FindEvents(ctx, f)
				want, werr := oldEvents(ctx, s, f)
				if err != nil || werr != nil {
					t.Fatalf("%+v: %v, as before %v", f, err, werr)
				}
				if g, w := eventIDs(got), eventIDs(want); !slices.Equal(g, w) {
					t.Fatalf("%+v: lists events %v, want %v as before", f, g, w)
				}
				if len(got) == 0 {
					break
				}
				f.After = got[0].ID
			}
		}
	}
	if listed < 1000 {
		t.Fatalf("the filters listed %d events in all: the log tests too little", listed)
	}
}

func eventIDs(evs []Event) []int64 {
	out := make([]int64, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

// BenchmarkIndicatorPage reads the newest page (100) and a page back of
// one indicator's events in a log where it has about 1,000 and 10,000
// (of 4 indicators in 3 cities, with uploads and notes between), by the
// query of IDs (new) and by the parts joined by OR (old), on SQLite.
func BenchmarkIndicatorPage(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{5600, 56000} {
		s, err := Open(ctx, b.TempDir()+"/catalog.db")
		if err != nil {
			b.Fatal(err)
		}
		indicatorLog(b, s, n)
		all, err := s.FindEvents(ctx, EventFilter{Indicator: "2.3.1", Limit: maxEvents})
		if err != nil {
			b.Fatal(err)
		}
		var total int
		for f := (EventFilter{Indicator: "2.3.1", Limit: maxEvents}); ; {
			page, err := s.FindEvents(ctx, f)
			if err != nil {
				b.Fatal(err)
			}
			total += len(page)
			if len(page) < maxEvents {
				break
			}
			f.Before = page[len(page)-1].ID
		}
		back := all[len(all)/2].ID
		for _, way := range []struct {
			name string
			find func(EventFilter) ([]Event, error)
		}{
			{"new", func(f EventFilter) ([]Event, error) { return s.FindEvents(ctx, f) }},
			{"old", func(f EventFilter) ([]Event, error) { return oldEvents(ctx, s, f) }},
		} {
			for _, f := range []struct {
				name string
				f    EventFilter
			}{
				{"newest", EventFilter{Indicator: "2.3.1"}},
				{"city", EventFilter{Indicator: "2.3.1", IndicatorCity: "330100"}},
				{"back", EventFilter{Indicator: "2.3.1", Before: back}},
			} {
				b.Run(fmt.Sprintf("events=%d/%s/%s", total, f.name, way.name), func(b *testing.B) {
					for b.Loop() {
						if evs, err := way.find(f.f); err != nil || len(evs) != 100 {
							b.Fatalf("%d events, %v", len(evs), err)
						}
					}
				})
			}
		}
		s.Close()
	}
}

// indicatorPageFilters are the filters whose plans the tests read: an
// indicator alone and in a city, a page back, a page forward, with the
// other filters.
var indicatorPageFilters = []EventFilter{
	{Indicator: "2.3.1"},
	{Indicator: "2.3.1", IndicatorCity: "330100"},
	{Indicator: "2.3.1", IndicatorCity: "330100", Before: 500, Limit: 50},
	{Indicator: "2.3.1", After: 300},
	{Indicator: "2.3.1", User: "wang", Action: "claim.", Since: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
}

// SQLite reads the events of an indicator's page by their IDs, in order,
// from the list of the IDs the indexes give, and stops at the page: its
// plan reads the event table by rowid and sorts nothing but the IDs (no
// temporary B-tree for the ORDER BY of the events themselves).
func TestIndicatorFilterPlanStopsAtThePage(t *testing.T) {
	s := openTestStore(t)
	indicatorLog(t, s, 700)
	if _, err := s.writer.Exec(`ANALYZE`); err != nil {
		t.Fatal(err)
	}
	for _, f := range indicatorPageFilters {
		q, args, _ := eventsQuery(s.dialect, f)
		var top []string
		for _, step := range queryPlanSteps(t, s, q, args) {
			if step.parent == 0 {
				top = append(top, step.detail)
			}
		}
		if len(top) == 0 || top[0] != "SEARCH event USING INTEGER PRIMARY KEY (rowid=?)" || slices.ContainsFunc(top, func(d string) bool {
			return strings.HasPrefix(d, "USE TEMP B-TREE")
		}) {
			t.Errorf("%+v: the plan's outer steps %q; want the events read by rowid from the list of IDs, nothing sorted", f, top)
		}
	}
}

type planStep struct {
	parent int
	detail string
}

// queryPlanSteps is queryPlan with each step's parent (0 for the outer
// query's own steps).
func queryPlanSteps(t *testing.T, s *Store, q string, args []any) []planStep {
	t.Helper()
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	defer rows.Close()
	var plan []planStep
	for rows.Next() {
		var id, notUsed int
		var step planStep
		if err := rows.Scan(&id, &step.parent, &notUsed, &step.detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, step)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// PostgreSQL reads the events of an indicator's page through the primary
// key by the IDs the indexes give (id = ANY(…)), newest first, and stops
// at the page: no sort of the events, nor a filter over every event read
// back from the newest (which for a rare indicator was the whole log).
func TestIndicatorFilterPlanStopsAtThePagePostgres(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	indicatorLog(t, s, 700)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	for _, f := range indicatorPageFilters {
		q, args, _ := eventsQuery(s.dialect, f)
		rows, err := s.db.QueryContext(ctx, `EXPLAIN (COSTS OFF) `+q, args...)
		if err != nil {
			t.Fatalf("explain %+v: %v", f, err)
		}
		var plan []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		scan := slices.IndexFunc(plan, func(l string) bool {
			return strings.HasPrefix(l, "  ->  Index Scan") && strings.Contains(l, " using event_pkey on event")
		})
		if len(plan) == 0 || plan[0] != "Limit" || scan < 0 || scan+1 >= len(plan) ||
			!strings.Contains(plan[scan+1], "Index Cond: ") || !strings.Contains(plan[scan+1], "(id = ANY (") {
			t.Errorf("%+v: want the page read by the primary key from the list of IDs under its Limit:\n%s", f, strings.Join(plan, "\n"))
		}
	}
}
