package catalog

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"
)

// On PostgreSQL a notice read again as a long text while the fill of
// short bands holds its old bands (read, compared, not yet written) keeps
// only the bands of its new text: the reading waits for the fill's lock
// on the document and clears the short bands the fill added. Unlocked, the
// reading committed first and the fill then added the old text's short
// bands after its new ones, and short scans of the old text still found
// it.
func TestShortBandFillAndAReadingAgainOfTheDocument(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d := newDoc("A", "sha-A")
	d.Title = "关于召开社区教育工作会议的通知"
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	old := append(bandsFrom(100, 16), bandsFrom(200, 32)...) // the notice as first read, short
	if err := s.SetNearDuplicateBands(ctx, "A", old[:16], nil); err != nil {
		t.Fatal(err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM short_band_fill`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO short_band_fill (id, done, upto) VALUES (1, '', 'A')`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	held, release := make(chan struct{}), make(chan struct{})
	s.shortBandsRead = pauseAtFirstCall(held, release)
	filled := make(chan error, 1)
	go func() {
		_, err := s.AddShortBands(ctx, []NewBands{{ID: "A", Bands: old}}, "")
		filled <- err
	}()
	<-held
	// 通知 read again with its attachment: a long text, 16 new bands.
	long := bandsFrom(300, 16)
	recorded := make(chan error, 1)
	go func() {
		_, err := s.RecordExtractions(ctx, []Extraction{{ID: "A", SHA256: "sha-A", Bands: long}}, 32)
		recorded <- err
	}()
	if err, ended := waitOrDone(ctx, t, s, 1, recorded); ended {
		recorded <- err // committed before the fill wrote: the fill must then leave A as it is
	}
	close(release)
	if err := <-filled; err != nil {
		t.Fatalf("fill: %v", err)
	}
	if err := <-recorded; err != nil {
		t.Fatalf("record A read again: %v", err)
	}
	var got []int64
	rows, err := s.db.QueryContext(ctx, `SELECT hash FROM near_duplicate_band WHERE document_id = 'A' ORDER BY band`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var h int64
		if err := rows.Scan(&h); err != nil {
			t.Fatal(err)
		}
		got = append(got, h)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, long) {
		t.Fatalf("bands of A after the fill and its reading again as a long text: %d bands %v; want its 16 new ones alone", len(got), got)
	}
}
