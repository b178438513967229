package documents

import (
	"context"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// Tombstone is what is left to say of a deleted document: what it was,
// who deleted it and when, that its original is still kept, and the
// claims and values that still cite it.
type Tombstone struct {
	Document  *catalog.Document
	DeletedBy string
	DeletedAt time.Time // zero when the log has no deletion (deleted before it was recorded)
	// Downloadable is true when u may download the original by its
	// SHA-256 (GET /api/v1/originals/{sha256}): the rule of
	// CitedOriginal, bytes a claim u may see cites.
	Downloadable bool
	Citing       []catalog.Citing
	// OriginalGone is true when the original is no longer in the blob
	// store: the document cannot be restored, only uploaded again.
	OriginalGone bool
	// CanRestore is true when u may restore it (Restore): an admin or
	// the city's coordinator, its original still stored.
	CanRestore bool
}

// Tombstone returns the tombstone of a deleted document u may see. A
// live document, one of another city, or none is ENOTFOUND, as Get says
// of a deleted one, so callers ask after Get refused.
func (s *Service) Tombstone(ctx context.Context, u *catalog.User, id string) (*Tombstone, error) {
	d, err := s.cat.DocumentAnyState(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(d.City, catalog.ObjectDocument, id); err != nil {
		return nil, err
	}
	if live, err := s.cat.DocumentsByID(ctx, []string{id}); err != nil {
		return nil, err
	} else if live[id] != nil {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "文档 %s 不存在", id)
	}
	t := &Tombstone{Document: d}
	events, err := s.cat.FindEvents(ctx, catalog.EventFilter{Object: id, Action: "document.delete", Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("deletion of %s: %w", id, err)
	}
	if len(events) > 0 {
		t.DeletedBy, t.DeletedAt = events[0].User, events[0].At
	}
	citing, err := s.cat.CitingDocument(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, c := range citing {
		if u.CanSee(c.City) {
			t.Citing = append(t.Citing, c)
		}
	}
	cities, err := s.cat.CitedBySHA256(ctx, d.SHA256)
	if err != nil {
		return nil, err
	}
	for _, c := range cities {
		t.Downloadable = t.Downloadable || u.CanSee(c)
	}
	switch err := s.checkOriginalKept(ctx, d); {
	case catalog.ErrorCode(err) == catalog.ECONFLICT:
		t.OriginalGone, t.Downloadable = true, false
	case err != nil:
		return nil, err
	}
	t.CanRestore = !t.OriginalGone && u.CanEdit(d.City) == nil
	return t, nil
}

// DeletedError is the answer to a request for a deleted document: still
// ENOTFOUND (it is no document to read or change any more), saying who
// deleted it and when, and that its original is kept.
func DeletedError(t *Tombstone) error {
	title := t.Document.Title
	if title == "" {
		title = t.Document.Filename
	}
	if t.DeletedAt.IsZero() {
		return catalog.Errorf(catalog.ENOTFOUND, "文档《%s》已删除；原件仍保留（SHA-256：%s）", title, t.Document.SHA256)
	}
	return catalog.Errorf(catalog.ENOTFOUND, "文档《%s》已于 %s 由 %s 删除；原件仍保留（SHA-256：%s）",
		title, catalog.ShowTime(t.DeletedAt), t.DeletedBy, t.Document.SHA256)
}

// Affected is what deleting documents takes evidence from: the claims and
// values citing them u may see, and the indicators they are linked to.
type Affected struct {
	Citing     []catalog.Citing
	Indicators []string // linked indicator codes, each once, in order met
}

// Affects says what deleting the documents ids would take evidence from,
// for the confirmation to say before, not after.
func (s *Service) Affects(ctx context.Context, u *catalog.User, ids []string) (*Affected, error) {
	a := &Affected{}
	seen := map[string]bool{}
	for _, id := range ids {
		citing, err := s.cat.CitingDocument(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, c := range citing {
			if u.CanSee(c.City) {
				a.Citing = append(a.Citing, c)
			}
		}
		links, err := s.cat.DocumentLinks(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("links of %s: %w", id, err)
		}
		for _, l := range links {
			if !seen[l.IndicatorCode] {
				seen[l.IndicatorCode] = true
				a.Indicators = append(a.Indicators, l.IndicatorCode)
			}
		}
	}
	return a, nil
}
