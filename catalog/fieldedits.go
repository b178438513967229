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

// FieldEdits returns, for each field named in the document's
// EditedFields, the latest document.edit entry of the audit log that
// patched it. A field whose edit the log no longer holds (or whose entry
// predates the field's name in the detail) is missing from the map; the
// field still counts as edited.
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
			if _, ok := e.Detail[f]; ok {
				out[f] = FieldEdit{By: e.User, At: e.At}
				break
			}
		}
	}
	return out, nil
}
