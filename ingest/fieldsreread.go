package ingest

import (
	"context"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// fieldFill is what the catalog is given of the fields read from a text,
// with the revision of the reader that read them.
func fieldFill(f fields.Fields) *catalog.FieldFill {
	return &catalog.FieldFill{Title: f.Title.Value, DocNumber: f.DocNumber.Value, Issuer: f.Issuer.Value,
		IssuedOn: f.IssuedOn.Value, Revision: fields.Revision}
}

// readFields reads the fields of a stored text from its trusted pages
// (catalog.Reading.TrustedPages) and its embedded title, the title with
// the full-width marks its head wrote (fields.Unfold): the pages are
// stored folded, 管理办法(试行), and a title is shown as the document
// wrote it, 管理办法（试行）. The marks come from the printed page first:
// a title read from the pages from the head's page part only, and the
// file's own title property from the page when the page prints it, else
// from the head's title line, so that an invisible property never
// decides the widths of the printed title.
func readFields(t *StoredText, trusted []string) fields.Fields {
	f := fields.Read(trusted, t.Title)
	titleLine, page := t.headParts()
	if f.Title.Source == fields.SourceEmbedded {
		f.Title.Value = fields.Unfold(f.Title.Value, page, titleLine)
	} else {
		f.Title.Value = fields.Unfold(f.Title.Value, page)
	}
	return f
}

// headParts splits the head as written into the file's own title, on
// its first line when the text has one (extract headOf writes it on one
// line), and the start of its first page with text.
func (t *StoredText) headParts() (titleLine, page string) {
	if t.Title == "" {
		return "", t.Head
	}
	titleLine, page, _ = strings.Cut(t.Head, "\n")
	return titleLine, page
}

// FieldsReread is what RereadFields did.
type FieldsReread struct {
	Read    int                 // documents whose fields were read again
	Changed []*catalog.Document // those of them whose fields changed, as they are now
	// Unreadable counts the documents whose stored text could not be
	// read: their fields are left for a later run.
	Unreadable int
}

// RereadFields reads again, from its stored text, the title, 文号, issuer
// and date of every extracted or indexed document that an older field
// reader read (its fields_revision below fields.Revision), as the pipeline
// reads them from a new text: from the pages read well. A value read from
// the text before takes today's reading (a 文号 the text only cites, taken
// for the document's own, is dropped or replaced); what the uploader typed
// or a person edited stays as it is (catalog.Store.RereadFields). A
// document whose fields changed goes back to extracted, for the pipeline
// to index anew once Start runs, and is returned in Changed. A text that
// cannot be read is Check's and Repair's business: its document is left
// for a later run, counted in Unreadable. progress, when not nil, is told
// of each document read.
func (s *Service) RereadFields(ctx context.Context, progress func(done, total int)) (FieldsReread, error) {
	var docs []*catalog.Document
	err := s.cat.DocumentsWithFieldsBefore(ctx, fields.Revision, func(d *catalog.Document) { docs = append(docs, d) })
	if err != nil {
		return FieldsReread{}, err
	}
	var out FieldsReread
	for i, d := range docs {
		t, err := LoadText(ctx, s.blobs, d.SHA256)
		if storeDown(ctx, err) {
			return out, err
		}
		if err != nil {
			out.Unreadable++
		} else {
			reading := t.Reading()
			changed, err := s.cat.RereadFields(ctx, d.ID, *fieldFill(readFields(t, reading.TrustedPages(t.Pages))))
			if err != nil {
				return out, err
			}
			out.Read++
			if len(changed) > 0 {
				now, err := s.cat.Document(ctx, d.ID)
				if err != nil {
					return out, err
				}
				out.Changed = append(out.Changed, now)
			}
		}
		if progress != nil {
			progress(i+1, len(docs))
		}
	}
	return out, nil
}
