package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// BenchmarkIndicatorFilter reads the newest page of one indicator's
// events in a log of 50,000 (a frequent one's: one event in 50; a rare
// one's: one in 5,000; the rest uploads and other indicators' claims),
// through event_indicator and by the LIKE over every detail it replaced.
// The LIKE stops at a page of a frequent indicator's newest events, found
// in the log's newest few thousand; a rare one's it reads the whole log
// for.
func BenchmarkIndicatorFilter(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir()+"/catalog.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range 50000 {
			e := Event{User: "wang", Action: "document.upload", Object: fmt.Sprintf("D%d", i), Detail: map[string]any{"filename": "学分银行工作总结.docx"}}
			switch {
			case i%50 == 0:
				e = Event{User: "wang", Action: "claim.create", Object: fmt.Sprintf("claim:C%d", i), Detail: map[string]any{"indicator": "2.3.1", "city": "330100", "statement": "杭州市建立学分银行"}}
			case i%5000 == 1:
				e = Event{User: "zhao", Action: "value.set", Object: fmt.Sprintf("value:V%d", i), Detail: map[string]any{"indicator": "9.1.1", "city": "330100", "value": "123"}}
			case i%5 == 0:
				e = Event{User: "li", Action: "claim.create", Object: fmt.Sprintf("claim:C%d", i), Detail: map[string]any{"indicator": fmt.Sprintf("1.%d.1", i%7), "city": "330200", "statement": "宁波市开展社区教育"}}
			}
			if err := s.recordEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, ind := range []struct{ name, code string }{{"frequent", "2.3.1"}, {"rare", "9.1.1"}} {
		want := 100
		if ind.code == "9.1.1" {
			want = 10
		}
		b.Run(ind.name+"/index", func(b *testing.B) {
			for b.Loop() {
				if evs, err := s.FindEvents(ctx, EventFilter{Indicator: ind.code, IndicatorCity: "330100"}); err != nil || len(evs) != want {
					b.Fatalf("%d events, %v", len(evs), err)
				}
			}
		})
		b.Run(ind.name+"/like", func(b *testing.B) {
			cond, args := likeIndicatorCondition(ind.code, "330100")
			for b.Loop() {
				evs, err := s.queryEvents(ctx, `SELECT id, at, username, action, object, detail FROM event WHERE `+cond+` ORDER BY id DESC LIMIT 100`, args...)
				if err != nil || len(evs) != want {
					b.Fatalf("%d events, %v", len(evs), err)
				}
			}
		})
	}
}

// BenchmarkIndicatorFilterInOneCity reads the newest page of a frequent
// indicator's events in one city (杭州: one event in 50 of a log of
// 30,000) whose other cities log it four times as often (宁波, 成都: claims
// and values of 2.3.1), on each store. The IDs a city's page is read
// among (indicatorCondition's candidates) are the city's and those naming
// none (links'): until session 44 they were every city's, and the page's
// cost grew with the other cities' history (bench/README.md).
func BenchmarkIndicatorFilterInOneCity(b *testing.B) {
	for _, o := range bothStores {
		b.Run(o.name, func(b *testing.B) {
			s := o.open(b)
			defer s.Close()
			otherCitiesLog(b, s)
			ctx := context.Background()
			if o.name == "postgres" { // as TestIndicatorFilterPlanStopsAtThePagePostgres
				if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				if evs, err := s.FindEvents(ctx, EventFilter{Indicator: "2.3.1", IndicatorCity: "330100"}); err != nil || len(evs) != 100 {
					b.Fatalf("%d events, %v", len(evs), err)
				}
			}
		})
	}
}

// otherCitiesLog writes BenchmarkIndicatorFilterInOneCity's log: 30,000
// events, 2.3.1's claims in 杭州 one in 50, in 宁波 and 成都 two in 5
// (claims and values), links of 杭州's documents to it one in 500, the
// rest uploads.
func otherCitiesLog(b testing.TB, s *Store) {
	b.Helper()
	ctx := context.Background()
	for i := range 60 {
		if err := s.CreateDocument(ctx, newDoc(fmt.Sprintf("D%d", i), fmt.Sprintf("sha-%d", i)), Submission{User: "wang"}); err != nil {
			b.Fatal(err)
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range 30000 {
			e := Event{User: "wang", Action: "document.upload", Object: fmt.Sprintf("U%d", i), Detail: map[string]any{"filename": "学分银行工作总结.docx"}}
			switch {
			case i%50 == 0:
				e = Event{User: "wang", Action: "claim.create", Object: fmt.Sprintf("claim:C%d", i), Detail: map[string]any{"indicator": "2.3.1", "city": "330100", "statement": "杭州市建立学分银行"}}
			case i%500 == 1:
				e = Event{User: "wang", Action: "link.create", Object: fmt.Sprintf("D%d", i%60), Detail: map[string]any{"indicator": "2.3.1", "link": fmt.Sprintf("L%d", i)}}
			case i%5 == 0:
				e = Event{User: "li", Action: "claim.create", Object: fmt.Sprintf("claim:C%d", i), Detail: map[string]any{"indicator": "2.3.1", "city": "330200", "statement": "宁波市建立学分银行"}}
			case i%5 == 1:
				e = Event{User: "zhou", Action: "value.set", Object: fmt.Sprintf("value:V%d", i), Detail: map[string]any{"indicator": "2.3.1", "city": "510100", "value": "86"}}
			}
			if err := s.recordEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
