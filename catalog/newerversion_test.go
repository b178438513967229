package catalog

import (
	"context"
	"testing"
	"time"
)

// TestNewerVersionNamesWhatTheReviewerChecksAgainst: of the documents the
// catalog records as versions of a deleted document, uploaded after it in
// its city, a near duplicate is named first (newest first), then one its
// whole text is part of (part_of: it holds every passage cited), then one
// holding only part of its text (contains); one of another city, or
// uploaded before it, never. Only near duplicates were named (review s57:
// values/history.go:66), so a draft's one page kept as a photo and its
// full notice uploaded later left the reviewer with nothing.
func TestNewerVersionNamesWhatTheReviewerChecksAgainst(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	type other struct {
		id       string
		relation Relation
		after    time.Duration // uploaded this long after the cited document
		city     string
	}
	near1 := other{"近似-早", Near, time.Hour, "330100"}
	near2 := other{"近似-新", Near, 3 * time.Hour, "330100"}
	whole := other{"全文", PartOf, 4 * time.Hour, "330100"}
	part := other{"一页", HasPart, 6 * time.Hour, "330100"}
	elsewhere := other{"外市", Near, 5 * time.Hour, "510100"}
	before := other{"更早", Near, -time.Hour, "330100"}
	for _, c := range []struct {
		name   string
		others []other
		want   string
		rel    Relation
	}{
		{"a near duplicate before the rest, the newest", []other{near1, near2, whole, part}, near2.id, Near},
		{"the whole before a part, though older", []other{whole, part}, whole.id, PartOf},
		{"a part alone", []other{part}, part.id, HasPart},
		{"none of the city uploaded after it", []other{elsewhere, before}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTestStore(t)
			ctx := context.Background()
			cited := newDoc("引用", "cited")
			cited.UploadedAt = t0
			if err := s.CreateDocument(ctx, cited, Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
			for _, o := range c.others {
				d := newDoc(o.id, "sha-"+o.id)
				d.City, d.UploadedAt = o.city, t0.Add(o.after)
				if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
					t.Fatal(err)
				}
				var err error
				switch o.relation {
				case Near:
					err = s.AddNearDuplicates(ctx, cited.ID, []NearDuplicate{{ID: o.id, Similarity: 0.95}})
				case PartOf:
					err = s.AddPartOf(ctx, cited.ID, o.id, 0.9)
				case HasPart:
					err = s.AddPartOf(ctx, o.id, cited.ID, 0.9)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.NewerVersion(ctx, cited, "330100")
			if err != nil {
				t.Fatal(err)
			}
			if got == nil && c.want != "" || got != nil && (got.ID != c.want || got.Relation != c.rel) {
				t.Errorf("newer version %+v, want %q (%s)", got, c.want, c.rel)
			}
		})
	}
}
