package ingest

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// misreadHolders bounds the documents of a city read for each of the two
// readings of a misread 文号: one 文号 is held by a few versions of one
// notice, not by more.
const misreadHolders = 16

// settleMisreadNumber takes, for a 文号 the field reader could read two
// ways (fields.Field.Misread: 上政发〔2022〕184, a 184号 whose 号 OCR lost
// or 18号 with its 号 read as 4), the other reading only when the city's
// documents say d is the notice that has it (misreadSettled): the text
// layer of the notice a scan is of says what the scan's number is. The
// 文号 stays a guess either way (推断), for a person to check. The text
// alone cannot tell the two apart: revision 11 of the reader, which
// always took the 4 for the 号, read a true 114 as 11号, and the first
// rule of revision 12, which took it whenever the city had any such
// 文号, read 184 as 18号 in a city holding both (numbers run in order,
// so one with 184号 almost always has 18号), and let two guesses
// confirm each other (review s44 #1).
func settleMisreadNumber(ctx context.Context, cat *catalog.Store, d *catalog.Document, f *fields.Fields) error {
	alt := f.DocNumber.Misread
	if alt == "" {
		return nil
	}
	kept, err := numberHolders(ctx, cat, d, f.DocNumber.Value)
	if err != nil {
		return err
	}
	others, err := numberHolders(ctx, cat, d, alt)
	if err != nil {
		return err
	}
	settled, err := misreadSettled(kept, others, []string{f.Title.Value, d.Title}, func() ([]catalog.NearDuplicate, error) {
		return cat.NearDuplicates(ctx, d.ID)
	})
	if err != nil {
		return fmt.Errorf("near duplicates of %s, whose 文号 %s may be %s: %w", d.ID, f.DocNumber.Value, alt, err)
	}
	if settled {
		f.DocNumber.Value = alt
	}
	return nil
}

// numberHolders returns the live documents of d's city, other than d and
// its bytes, whose 文号 is number, at most misreadHolders of them.
func numberHolders(ctx context.Context, cat *catalog.Store, d *catalog.Document, number string) ([]*catalog.Document, error) {
	probe := &catalog.Document{ID: d.ID, SHA256: d.SHA256, City: d.City, DocNumber: number}
	found, err := cat.SameDocNumber(ctx, []*catalog.Document{probe}, misreadHolders)
	if err != nil {
		return nil, fmt.Errorf("look up the 文号 %s read off %s: %w", number, d.ID, err)
	}
	ids := make([]string, 0, len(found[d.ID]))
	for _, c := range found[d.ID] {
		ids = append(ids, c.ID)
	}
	byID, err := cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read the documents of the 文号 %s: %w", number, err)
	}
	out := make([]*catalog.Document, 0, len(ids))
	for _, id := range ids {
		if h := byID[id]; h != nil {
			out = append(out, h)
		}
	}
	return out, nil
}

// misreadSettled reports whether a misread 文号 (three digits ending in
// 4, no 号) is the other reading, the 4 taken for the 号, by what the
// city's documents say: kept are those with the 文号 as read (184号),
// others those with the other reading (18号), titles the scan's titles
// (as read, as stored), near its near duplicates, asked only when a
// title does not settle it. It settles when
//   - no document states the three digits (numberStated): a city's own
//     184号 makes a 184 read off a scan no misreading;
//   - a document of the other reading has it read as the text layer
//     writes it, 号 and all, or set by a person (numberAttested): a
//     guess, another scan's, confirms nothing;
//   - and that document is the scan's: the same title as the reader reads
//     titles (fields.SameTitle), or already found its near duplicate (a
//     scan of its first page: part of it). Unrelated documents prove
//     nothing: a true 114 is no 11号 because an 11号 notice was uploaded.
func misreadSettled(kept, others []*catalog.Document, titles []string, near func() ([]catalog.NearDuplicate, error)) (bool, error) {
	if slices.ContainsFunc(kept, numberStated) {
		return false, nil
	}
	var attested []*catalog.Document
	for _, o := range others {
		if numberAttested(o) {
			attested = append(attested, o)
		}
	}
	if len(attested) == 0 {
		return false, nil
	}
	for _, o := range attested {
		for _, t := range titles {
			if fields.SameTitle(t, o.Title) {
				return true, nil
			}
		}
	}
	dups, err := near()
	if err != nil {
		return false, err
	}
	for _, n := range dups {
		if n.Relation != catalog.Near && n.Relation != catalog.PartOf {
			continue
		}
		if slices.ContainsFunc(attested, func(o *catalog.Document) bool { return o.ID == n.ID }) {
			return true, nil
		}
	}
	return false, nil
}

// numberStated reports whether d's 文号 is no guess (catalog
// DocNumberGuess): read as written, by a text layer or by OCR, typed or
// edited.
func numberStated(d *catalog.Document) bool {
	return catalog.DocNumberGuess(d).Chinese == ""
}

// numberAttested reports whether d's 文号 says what a 文号 is: set or
// confirmed by a person (not one of the fields read from the text), or
// read, 号 and all, from a text layer. OCR, which may have misread the
// very digits in question, attests nothing.
func numberAttested(d *catalog.Document) bool {
	if !d.IsExtracted(catalog.FieldDocNumber) {
		return true
	}
	return d.DocNumberRead == "" && !d.Reading.ByOCR()
}
