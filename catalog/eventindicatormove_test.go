package catalog

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// A document moved to another city while the fill of migration 043 is
// between reading the city of its link events' document and writing
// their rows takes those events along: the audit log finds them in the
// city it moved to, not in the one it left. On PostgreSQL the move waits
// for the rows the fill holds; on SQLite for the writer.
func TestFillPlacesLinkEventsOfADocumentMovedMeanwhile(t *testing.T) {
	forEachStore(t, testFillPlacesLinkEventsOfADocumentMovedMeanwhile)
}

func testFillPlacesLinkEventsOfADocumentMovedMeanwhile(t *testing.T, s *Store) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	importSmallFramework(t, s, "3", "2.3.1")
	d := newDoc("D1", "sha-D1")
	d.Title = "杭州市学分银行管理办法"
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "2.3.1", CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	// The catalog as migration 043 left it: the whole log to fill.
	logToFillAgain(t, s)
	held, release := make(chan struct{}), make(chan struct{})
	s.indicatorPlacesRead = pauseAtFirstCall(held, release)
	filled := make(chan error, 1)
	go func() { filled <- s.fillEventIndicators(ctx) }()
	<-held
	moved := make(chan error, 1)
	go func() {
		_, err := s.MoveDocument(ctx, "D1", "330200", "admin")
		moved <- err
	}()
	if s.dialect.name == "postgres" {
		if err, ended := waitOrDone(ctx, t, s, 1, moved); ended {
			moved <- err // done before the fill wrote: the fill must still place the rows in 330200
		}
	} else {
		testfiles.WaitInside(t, "catalog.(*Store).MoveDocument", 1)
	}
	close(release)
	if err := <-filled; err != nil {
		t.Fatalf("fill: %v", err)
	}
	if err := <-moved; err != nil {
		t.Fatalf("move D1 to 330200: %v", err)
	}
	linked := func(evs []Event) bool {
		return slices.ContainsFunc(evs, func(e Event) bool { return e.Action == "link.create" && e.Object == "D1" })
	}
	for _, c := range []struct {
		city string
		want bool
	}{{"330200", true}, {"330100", false}} {
		evs, err := s.FindEvents(ctx, EventFilter{Indicator: "2.3.1", IndicatorCity: c.city})
		if err != nil {
			t.Fatal(err)
		}
		if linked(evs) != c.want {
			t.Errorf("events of 2.3.1 in %s after D1 moved to 330200 during the fill: %v; want D1's link.create there: %v",
				c.city, eventLines(evs), c.want)
		}
	}
}

// logToFillAgain leaves s as migration 043 left a catalog: the whole audit
// log's indicator rows to fill again from the first event.
func logToFillAgain(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM event_indicator`, `DELETE FROM event_indicator_fill`,
			`INSERT INTO event_indicator_fill (id, done, upto) SELECT 1, 0, MAX(id) FROM event`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
