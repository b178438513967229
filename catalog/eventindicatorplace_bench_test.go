package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// benchCities are the pilot cities the migrations seed, 杭州 first.
var benchCities = []string{"330100", "330200", "310000", "110000", "510100", "420100", "430100", "140100"}

// BenchmarkIndicatorFilterLinksByCity reads the newest page of 2.3.1's
// events in 杭州 on a catalog of 1 city and of 8, each city logging 2,000
// events of it: its documents linked to 2.3.1 and unlinked from it (link
// events, whose details name no city), every tenth a claim, on each store. The page's
// cost should follow the city's events: until session 45 a city's page
// was read among every city's link events, and cost 8 times as much
// where 8 cities link the indicator (bench/README.md, "Session 45").
func BenchmarkIndicatorFilterLinksByCity(b *testing.B) {
	for _, o := range bothStores {
		for _, cities := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/cities=%d", o.name, cities), func(b *testing.B) {
				s := o.open(b)
				defer s.Close()
				citiesLinkLog(b, s, benchCities[:cities], 2000)
				ctx := context.Background()
				if _, err := s.writer.ExecContext(ctx, `ANALYZE`); err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					if evs, err := s.FindEvents(ctx, EventFilter{Indicator: "2.3.1", IndicatorCity: "330100"}); err != nil || len(evs) != 100 {
						b.Fatalf("%d events, %v", len(evs), err)
					}
				}
			})
		}
	}
}

// citiesLinkLog gives each of cities 10 documents and n events of links
// of them to 2.3.1 made and deleted (details naming the indicator, not
// the city), with a claim of 2.3.1 in the city every tenth event.
func citiesLinkLog(b testing.TB, s *Store, cities []string, n int) {
	b.Helper()
	ctx := context.Background()
	for ci, city := range cities {
		for i := range 10 {
			d := newDoc(fmt.Sprintf("D%d-%d", ci, i), fmt.Sprintf("sha-%d-%d", ci, i))
			d.City, d.Title = city, "关于推进学习型城市建设的实施意见"
			if err := s.CreateDocument(ctx, d, Submission{User: "wang"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			for ci, city := range cities {
				doc := fmt.Sprintf("D%d-%d", ci, i%10)
				e := Event{User: "li", Action: "link.create", Object: doc, Detail: map[string]any{"indicator": "2.3.1", "link": fmt.Sprintf("L%d-%d", ci, i)}}
				switch {
				case i%10 == 9:
					e = Event{User: "wang", Action: "claim.create", Object: fmt.Sprintf("claim:C%d-%d", ci, i), Detail: map[string]any{"indicator": "2.3.1", "city": city, "statement": "已建立市民终身学习学分银行"}}
				case i%2 == 1:
					e = Event{User: "li", Action: "link.delete", Object: doc, Detail: map[string]any{"indicator": "2.3.1", "link": fmt.Sprintf("L%d-%d", ci, i-1)}}
				}
				if err := s.recordEvent(ctx, tx, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
