package ingest

import (
	"context"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// fieldFill is what the catalog is given of the fields read from a text,
// with the revision of the reader that read them.
func fieldFill(f fields.Fields) *catalog.FieldFill {
	return &catalog.FieldFill{Title: f.Title.Value, DocNumber: f.DocNumber.Value, Issuer: f.Issuer.Value,
		IssuedOn: f.IssuedOn.Value, Revision: fields.Revision, DocNumberRead: f.DocNumber.Read,
		DocNumberWritten: f.DocNumber.Written}
}

// readFields reads the fields of a stored text from its trusted pages
// (catalog.Reading.TrustedPages) and its embedded title, the title with
// the full-width marks its head wrote (fields.Unfold): the pages are
// stored folded, 管理办法(试行), and a title is shown as the document
// wrote it, 管理办法（试行）. The marks come from the printed page first:
// a title read from the pages from the head's page part only, and the
// file's own title property from the page when the page prints it, else
// from the head's title line, so that an invisible property never
// decides the widths of the printed title. A 文号 the text writes with
// other brackets than 〔〕 keeps them, full-width ones from the head
// (fields.UnfoldDocNumber), unless OCR read its page.
//
// A spreadsheet's text (extract.SheetText: its reader's, or a web page's
// named as a workbook, filename the document's) is read as one
// (fields.ReadSheet): its title from a title row or its sheet's name,
// never a header or data row, and its date and 文号 never from the
// table's cells.
//
// A text whose head page OCR read is read by fields.ReadOCR, which also
// takes a 文号 whose brackets OCR misread (甬教终 .2024] 7号): marks a text
// layer writes so are no 文号.
func readFields(t *StoredText, trusted []string, filename string) fields.Fields {
	var f fields.Fields
	byOCR := headByOCR(t.Reading(), trusted)
	if sheet, named := extract.SheetText(t.Extractor, filename); sheet {
		f = fields.ReadSheet(trusted, t.Title, named)
	} else if byOCR {
		f = fields.ReadOCR(trusted, t.Title)
	} else {
		f = fields.Read(trusted, t.Title)
	}
	titleLine, page := t.headParts()
	if f.Title.Source == fields.SourceEmbedded {
		f.Title.Value = fields.Unfold(f.Title.Value, page, titleLine)
	} else {
		f.Title.Value = fields.Unfold(f.Title.Value, page)
	}
	if f.DocNumber.Written != "" {
		if byOCR {
			// OCR reads the 〔〕 of a printed 文号 as [ ] or ( ): the
			// paper has the 〔〕 of the value, not what OCR made of them
			// (as catalog.ShownForm shows such text).
			f.DocNumber.Written = ""
		} else {
			f.DocNumber.Written = fields.UnfoldDocNumber(f.DocNumber.Written, page)
		}
	}
	return f
}

// headByOCR says whether the first of pages with text, the one the
// fields' reader takes the 文号 from, was read by OCR.
func headByOCR(r catalog.Reading, pages []string) bool {
	for i, p := range pages {
		if strings.TrimSpace(p) != "" {
			s := r.PageSource(i)
			return s == catalog.SourceOCR || s == catalog.SourceOCRLow
		}
	}
	return false
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
	// Heads counts the texts stored before texts kept their head as
	// written (StoredText.Headless) that were given it: their original,
	// read again without OCR, gave the same pages byte for byte.
	// HeadsLeft counts those left without one, the new reading being
	// different or failing: their titles keep their folded marks.
	Heads, HeadsLeft int
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
// for a later run, counted in Unreadable. A text stored before texts
// kept their head as written, read from the file's own text, is given it
// first when its original reads the same again (addHead), so that its
// title takes back the full-width marks the document wrote; counted in
// Heads, or in HeadsLeft when it keeps none. progress, when not nil, is
// told of each document read.
func (s *Service) RereadFields(ctx context.Context, progress func(done, total int)) (FieldsReread, error) {
	var docs []*catalog.Document
	err := s.cat.DocumentsWithFieldsBefore(ctx, fields.Revision, func(d *catalog.Document) { docs = append(docs, d) })
	if err != nil {
		return FieldsReread{}, err
	}
	var out FieldsReread
	tried := map[string]bool{} // originals read again for a head, once each
	for i, d := range docs {
		if err := s.refusedNow(); err != nil {
			return out, err // a run stopped short: the next run reads the rest
		}
		t, err := LoadText(ctx, s.blobs, d.SHA256)
		if storeDown(ctx, err) {
			return out, err
		}
		if err == nil && t.Headless() && !tried[d.SHA256] {
			tried[d.SHA256] = true
			added, herr := s.addHead(ctx, d, t)
			if herr != nil {
				return out, herr
			}
			if added {
				out.Heads++
			} else {
				out.HeadsLeft++
			}
		}
		if err != nil {
			out.Unreadable++
		} else {
			reading := t.Reading()
			read := readFields(t, reading.TrustedPages(t.Pages), d.Filename)
			if err := settleMisreadNumber(ctx, s.cat, d, &read); err != nil {
				return out, err
			}
			changed, err := s.cat.RereadFields(ctx, d.ID, *fieldFill(read))
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

// addHead gives t, a text stored before texts kept their head as written
// (StoredText.Headless), its head: the original of d is read again (in
// the sandbox when there is one, OCR deferred), and when the new reading
// gives the same title and pages byte for byte, t is stored with the new
// head added and its hash recorded. Nothing else of t changes, so the
// quotes found in it, their offsets and the index stay as they are. A
// reading that differs or fails leaves t as it is (false); only the
// store or the catalog being down is an error.
func (s *Service) addHead(ctx context.Context, d *catalog.Document, t *StoredText) (bool, error) {
	n, err := s.extractOriginal(ctx, d, false)
	if storeDown(ctx, err) {
		return false, err
	}
	if err != nil {
		s.log.Warn("head not added: the original could not be read again", "id", d.ID, "err", err)
		return false, nil
	}
	if n.Head == "" || n.Title != t.Title || !slices.Equal(n.Pages, t.Pages) {
		s.log.Info("head not added: the original reads differently now", "id", d.ID, "sha256", d.SHA256)
		return false, nil
	}
	with := *t
	with.Head = n.Head
	h, err := SaveText(ctx, s.blobs, d.SHA256, &with)
	if err != nil {
		return false, err
	}
	if err := s.cat.RecordTextHash(ctx, d.SHA256, h); err != nil {
		return false, err
	}
	t.Head = n.Head
	return true, nil
}
