package catalog

import (
	"context"
	"fmt"
	"time"
)

// FieldEdit says who last gave a field of a document a value by an edit,
// and when, as the audit log has it.
type FieldEdit struct {
	By string
	At time.Time
}

// editedKey names, in a document.edit entry's detail, the fields the
// edit gave a new value; the detail holds every field patched besides,
// changed or not (the web form posts them all).
const editedKey = "edited"

// FieldEdits returns, for each field named in the document's
// EditedFields, the latest document.edit entry of the audit log that gave
// it a new value (its detail's "edited"; an entry written before edits
// said so counts for every field it patched). A field whose edit the log
// no longer holds (or whose entry predates the field's name in the
// detail) is missing from the map; the field still counts as edited.
func (s *Store) FieldEdits(ctx context.Context, d *Document) (map[string]FieldEdit, error) {
	out := map[string]FieldEdit{}
	if len(d.EditedFields) == 0 {
		return out, nil
	}
	events, err := s.queryEvents(ctx, `SELECT id, at, username, action, object, detail FROM event
		WHERE object = ? AND action = 'document.edit' ORDER BY id DESC`, d.ID)
	if err != nil {
		return nil, fmt.Errorf("find edits of %s: %w", d.ID, err)
	}
	for _, f := range d.EditedFields {
		for _, e := range events {
			if editedBy(e, f) {
				out[f] = FieldEdit{By: e.User, At: e.At}
				break
			}
		}
	}
	return out, nil
}

// editedBy reports whether the document.edit entry e gave field f a new
// value: f is in its "edited" list, or, in an entry older than that list,
// f was patched.
func editedBy(e Event, f string) bool {
	list, ok := e.Detail[editedKey]
	if !ok {
		_, patched := e.Detail[f]
		return patched
	}
	names, _ := list.([]any)
	for _, n := range names {
		if n == f {
			return true
		}
	}
	return false
}
