package catalog

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
)

// The indicator filter in a city finds the link events of the city's
// documents, made and deleted, in the city the document is in now (a
// document moved takes them along), and a link event whose detail names
// a city in that city, as a claim's: not in its document's, nor found
// twice. No link event the archive writes names a city; one written by
// hand here stands for any that would.
func TestIndicatorFilterPlacesLinkEventsByTheirCity(t *testing.T) {
	forEachStore(t, testIndicatorFilterPlacesLinkEventsByTheirCity)
}

func testIndicatorFilterPlacesLinkEventsByTheirCity(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "3", "2.3.1")
	hz, nb, moved := newDoc("HZ", "sha-hz"), newDoc("NB", "sha-nb"), newDoc("MV", "sha-mv")
	hz.Title, nb.Title, moved.Title = "杭州市学分银行管理办法", "宁波市社区教育工作总结", "误归杭州的宁波市终身学习条例"
	nb.City = "330200"
	for _, d := range []*Document{hz, nb, moved} {
		if err := s.CreateDocument(ctx, d, Submission{User: "wang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "HZ", IndicatorCode: "2.3.1", CreatedBy: "wang"},
		{DocumentID: "NB", IndicatorCode: "2.3.1", CreatedBy: "li"}, {DocumentID: "MV", IndicatorCode: "2.3.1", CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	links, err := s.LinksOfDocuments(ctx, []string{"HZ"})
	if err != nil || len(links) != 1 {
		t.Fatalf("links of HZ: %v %v", links, err)
	}
	if err := s.DeleteLink(ctx, links[0].ID, "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MoveDocument(ctx, "MV", "330200", "admin"); err != nil {
		t.Fatal(err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range []Event{
			{User: "zhao", Action: "link.create", Object: "HZ", Detail: map[string]any{"indicator": "2.3.1", "city": "330200", "link": "手写"}},
			{User: "li", Action: "claim.create", Object: "claim:宁波", Detail: map[string]any{"indicator": "2.3.1", "city": "330200", "statement": "宁波市建立学分银行"}},
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
	for _, tt := range []struct {
		city string
		want []string
	}{
		{"330100", []string{"link.delete HZ", "link.create HZ"}},
		{"330200", []string{"claim.create claim:宁波", "link.create HZ 330200", "link.create MV", "link.create NB"}},
		{"", []string{"claim.create claim:宁波", "link.create HZ 330200", "link.delete HZ", "link.create MV", "link.create NB", "link.create HZ"}},
	} {
		evs, err := s.FindEvents(ctx, EventFilter{Indicator: "2.3.1", IndicatorCity: tt.city, Limit: 50})
		if err != nil {
			t.Fatalf("events of 2.3.1 in %q: %v", tt.city, err)
		}
		var got []string
		for _, e := range evs {
			line := e.Action + " " + e.Object
			if c, ok := e.Detail["city"].(string); ok && strings.HasPrefix(e.Action, "link.") {
				line += " " + c
			}
			got = append(got, line)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("events of 2.3.1 in %q, newest first: %q, want %q", tt.city, got, tt.want)
		}
	}
}

// A city's page is read among the events event_indicator places in that
// city, never among the other cities' (nor their link events, which name
// no city): every read of event_indicator in the plans, SQLite's and
// PostgreSQL's, is by the indicator and the place.
func TestIndicatorFilterReadsOnlyTheCitysCandidates(t *testing.T) {
	forEachStore(t, testIndicatorFilterReadsOnlyTheCitysCandidates)
}

func testIndicatorFilterReadsOnlyTheCitysCandidates(t *testing.T, s *Store) {
	ctx := context.Background()
	indicatorLog(t, s, 700)
	if _, err := s.writer.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	for _, f := range []EventFilter{
		{Indicator: "2.3.1", IndicatorCity: "330100"},
		{Indicator: "2.3.1", IndicatorCity: "330100", Before: 300, Limit: 50},
		{Indicator: "1.1.2", IndicatorCity: "310000", User: "li", Action: "link."},
	} {
		q, args, _ := eventsQuery(s.dialect, f)
		plan := explain(t, s, q, args)
		read := 0
		for i, step := range plan {
			switch {
			case s.dialect.name == "sqlite" && strings.Contains(step, " event_indicator "):
				read++
				if !strings.Contains(step, "place=?") {
					t.Errorf("%+v: the plan reads event_indicator through %q, not by the place:\n%s", f, step, strings.Join(plan, "\n"))
				}
			case s.dialect.name == "postgres" && strings.Contains(step, " on event_indicator"):
				// A scan's first condition follows it: Index Cond,
				// Recheck Cond (a bitmap) or Filter (a sequential scan,
				// reading every row, fails).
				read++
				if strings.Contains(step, "Seq Scan") || i+1 >= len(plan) || !strings.Contains(plan[i+1], "place = ") {
					t.Errorf("%+v: the plan reads event_indicator through %q, not by the place:\n%s", f, step, strings.Join(plan, "\n"))
				}
			}
		}
		if read == 0 {
			t.Errorf("%+v: the plan never reads event_indicator:\n%s", f, strings.Join(plan, "\n"))
		}
	}
}

// explain is the plan of q on s's database, a step a line: SQLite's
// EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN without costs, sequential
// scans off, so that the plan of a test's small tables shows which index
// each read can use (on them the planner reads every table whole).
func explain(t *testing.T, s *Store, q string, args []any) []string {
	t.Helper()
	if s.dialect.name == "sqlite" {
		return queryPlan(t, s, q, args)
	}
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `RESET enable_seqscan`)
	rows, err := conn.QueryContext(ctx, `EXPLAIN (COSTS OFF) `+q, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}
