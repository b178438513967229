package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestOCRQueueTakesCitiesInTurn: one city's coordinator uploads many scans
// that need OCR (a minute each), then another city's one scan comes; the
// OCR queue takes the cities in turn, so the second city's scan is read
// second, not after all of the first city's.
func TestOCRQueueTakesCitiesInTurn(t *testing.T) {
	hz := &catalog.Document{City: "杭州市", UploadedBy: "hz-coordinator"}
	nb := &catalog.Document{City: "宁波市", UploadedBy: "nb-coordinator"}
	q := newQueue()
	for i := range 20 {
		q.pushFor(ownerOf(t, hz), fmt.Sprintf("hz-%02d", i))
	}
	q.pushFor(ownerOf(t, nb), "nb-00")
	var got []string
	for range 3 {
		id, ok := q.tryPop()
		if !ok {
			t.Fatal("the queue ran out")
		}
		got = append(got, id)
	}
	if want := []string{"hz-00", "nb-00", "hz-01"}; !slices.Equal(got, want) {
		t.Errorf("took %v first, want %v: 宁波市's one scan waits behind 杭州市's twenty", got, want)
	}
	if q.len() != 18 {
		t.Errorf("%d waiting, want 18", q.len())
	}
}

// ownerOf is the owner under which handle queues d for OCR.
func ownerOf(t *testing.T, d *catalog.Document) string {
	t.Helper()
	var n *needsOCR
	if err := ownOCR(d, fmt.Errorf("read %s: %w", d.City, extract.ErrNeedsOCR)); !errors.As(err, &n) || !errors.Is(err, extract.ErrNeedsOCR) {
		t.Fatalf("ownOCR(%s) = %v: the OCR queue does not learn whose document it is", d.City, err)
	}
	return n.owner
}

func TestQueueTurns(t *testing.T) {
	type push struct {
		owner string
		ids   []string
	}
	tests := []struct {
		name   string
		pushes []push
		want   []string
	}{
		{"one owner is first in first out", []push{{"", []string{"a", "b", "c"}}}, []string{"a", "b", "c"}},
		{"owners in turn", []push{{"甲", []string{"a1", "a2", "a3"}}, {"乙", []string{"b1", "b2"}}, {"丙", []string{"c1"}}},
			[]string{"a1", "b1", "c1", "a2", "b2", "a3"}},
		{"a document already waiting is not queued twice", []push{{"甲", []string{"a1", "a2"}}, {"乙", []string{"a1", "b1"}}},
			[]string{"a1", "b1", "a2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newQueue()
			for _, p := range tt.pushes {
				q.pushFor(p.owner, p.ids...)
			}
			var got []string
			ctx := context.Background()
			for q.len() > 0 {
				id, _ := q.pop(ctx)
				got = append(got, id)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("took %v, want %v", got, tt.want)
			}
			if _, ok := q.tryPop(); ok {
				t.Error("an empty queue gave an ID")
			}
		})
	}
}
