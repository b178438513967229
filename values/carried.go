package values

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// deletedWhat is what stands for a carried object removed since, in
// both languages.
const deletedWhat, deletedWhatEnglish = "（已删除）", "(deleted)"

// CarriedItem is an object carried into a round with what a coordinator
// needs to decide on it: the claim's statement, the value as written, or
// the linked document's title.
type CarriedItem struct {
	catalog.Carryover
	What string
	// WhatEnglish is a value as English pages write it (15,600 people for
	// 1.56万人: catalog.Value.WrittenIn) or (deleted), "" for a claim or a
	// link.
	WhatEnglish string
	// DocumentID is the linked or cited document, ClaimID the new round's
	// claim, for links to their pages ("" when not applicable).
	DocumentID, ClaimID string
	// Verdict is the review status the claim or value had in the round it
	// came from (its new copy starts 待审核), "" for a link or a source
	// deleted since; Reason is that reviewer's comment. A coordinator
	// confirming a value found 与证据矛盾 last round is warned first.
	Verdict catalog.ClaimStatus
	Reason  string
	// Reopened says the source was sent back to 待审核 after that verdict
	// (a document it cites deleted, its quote to check again): Verdict is
	// still the last one given.
	Reopened bool
	// Restorable is true for a link dropped from the round whose document
	// is neither deleted nor unreadable (failed): 重新计入本轮 can put it
	// back; and for a dropped claim or value whose source is still there
	// (described by it, as the copy was deleted): 恢复 copies it back.
	Restorable bool
	// Filename and DocNumber tell a linked document from another of the
	// same title (the PDF and the DOCX of one 工作总结).
	Filename, DocNumber string
	// DocNumberRead is what was read where DocNumber was inferred from it
	// (catalog.DocNumberGuess), for the page to mark the guess; "" when
	// the 文号 was typed or read as written.
	DocNumberRead string
	// DocumentGone is true for a link whose document was deleted since it
	// was carried: there is nothing to confirm, only to drop.
	DocumentGone bool
	// Unreadable is the linked document when it could not be read
	// (failed): it is no evidence, and confirming it is refused until it
	// is read again.
	Unreadable *catalog.Document
	// UnfoundQuotes are the passages a carried link cites whose quote its
	// document's text does not have (on its page, or at all) or that were
	// not looked for yet (catalog.QuoteMark), for the page to mark them
	// before anyone confirms the link.
	UnfoundQuotes []catalog.LinkPassage
	// ReadQuotes are the quotes of a carried claim's citations, a
	// carried value's citation or a carried link's passages found on
	// their page only approximately on a scan (catalog.QuoteMark.Read:
	// what OCR read), as the claim's card, /values and the document page
	// say: the coordinator confirming them sees that the reviewer will
	// check those characters against the scan. A link's quote on another
	// page is among UnfoundQuotes, its Read said there.
	ReadQuotes []catalog.LinkPassage
	// Returned are the documents a carried claim or value cites that the
	// coordinator returned (退回) on a task and nobody handed in again
	// (catalog.Store.ReturnedSources): 沿用 would carry a number or a
	// statement resting on a file sent back (probe s42 finding 2).
	Returned []ReturnedSource
	// cited are the documents a claim or value cites.
	cited []string
}

// ReturnedSource is a cited document returned on a task: its title and
// the return (who, when, why).
type ReturnedSource struct {
	DocumentID, Title string
	catalog.ReturnedFile
}

// CarriedItems lists what was carried into a city's round (0: the current
// round), items still 待确认 first. A city u may not see is ENOTFOUND; a
// coordinator's city is the default.
func (s *Service) CarriedItems(ctx context.Context, u *catalog.User, city string, round int) ([]CarriedItem, int, error) {
	if city == "" && u.City != "" {
		city = u.City
	}
	if err := u.SeeObject(city, catalog.ObjectCity, city); err != nil {
		return nil, 0, err
	}
	var err error
	if round == 0 {
		if round, err = s.cat.CurrentRound(ctx); err != nil {
			return nil, 0, err
		}
	}
	list, err := s.cat.Carryovers(ctx, catalog.CarryFilter{City: city, Round: round})
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	verdicts, err := s.cat.CarriedVerdicts(ctx, ids) // one query for the page, not three an item
	if err != nil {
		return nil, 0, fmt.Errorf("last round's verdicts on what was carried into %s's round %d: %w", city, round, err)
	}
	out := make([]CarriedItem, 0, len(list))
	for _, c := range list {
		it, err := s.describe(ctx, c)
		if catalog.ErrorCode(err) == catalog.ENOTFOUND && c.State == catalog.CarryDropped && c.Kind != catalog.CarryLink {
			// Dropping deleted the round's copy: what was dropped is its
			// source, which RestoreCarried copies back.
			it, err = s.describeDropped(ctx, c)
		}
		if catalog.ErrorCode(err) == catalog.ENOTFOUND {
			it.What, it.WhatEnglish, err = deletedWhat, deletedWhatEnglish, nil // removed since it was carried; the decision still stands
		}
		if err != nil {
			return nil, 0, err
		}
		v := verdicts[c.ID]
		it.Verdict, it.Reason, it.Reopened = v.Status, strings.TrimSpace(v.Comment), v.Reopened
		if c.State == catalog.CarryToConfirm {
			out = append([]CarriedItem{it}, out...)
		} else {
			out = append(out, it)
		}
	}
	if err := s.describeLinks(ctx, out); err != nil {
		return nil, 0, err
	}
	if err := s.describeReturned(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, round, nil
}

// describeLinks names the documents of the carried links among items and
// says which were deleted or could not be read since, in three queries
// for the page however many links a round carries (not three a link).
func (s *Service) describeLinks(ctx context.Context, items []CarriedItem) error {
	var linkIDs []string
	for _, it := range items {
		if it.Kind == catalog.CarryLink {
			linkIDs = append(linkIDs, it.ObjectID)
		}
	}
	if len(linkIDs) == 0 {
		return nil
	}
	links, err := s.cat.LinksByID(ctx, linkIDs)
	if err != nil {
		return fmt.Errorf("carried links: %w", err)
	}
	var ids []string
	for i := range items {
		if it := &items[i]; it.Kind == catalog.CarryLink {
			if l, ok := links[it.ObjectID]; ok {
				it.DocumentID = l.DocumentID
				ids = append(ids, l.DocumentID)
				for _, p := range l.Passages() {
					if !p.Checked || !p.QuoteFound {
						it.UnfoundQuotes = append(it.UnfoundQuotes, p)
					} else {
						it.ReadQuotes = appendRead(it.ReadQuotes, p)
					}
				}
			} else {
				it.What, it.WhatEnglish = deletedWhat, deletedWhatEnglish // removed since it was carried; the decision still stands
			}
		}
	}
	docs, err := s.cat.DocumentsAnyStateByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("documents of carried links: %w", err)
	}
	live, err := s.cat.DocumentsByID(ctx, ids) // live documents only
	if err != nil {
		return fmt.Errorf("documents of carried links: %w", err)
	}
	for i := range items {
		it := &items[i]
		if it.Kind != catalog.CarryLink || it.DocumentID == "" {
			continue
		}
		d, ok := docs[it.DocumentID]
		if !ok {
			it.What, it.WhatEnglish, it.DocumentID = deletedWhat, deletedWhatEnglish, "" // removed since it was carried
			continue
		}
		it.What, it.Filename, it.DocNumber, it.DocNumberRead = d.Title, d.Filename, catalog.DocNumberAsWritten(d), catalog.DocNumberGuessRead(d)
		_, alive := live[d.ID]
		it.DocumentGone = !alive
		if alive && d.Status == catalog.StatusFailed {
			it.Unreadable = d
		}
		it.Restorable = it.State == catalog.CarryDropped && !it.DocumentGone && it.Unreadable == nil
	}
	return nil
}

// describeDropped describes a claim or value dropped from the round by
// its source in the round it came from, Restorable while that source is
// there to copy back (a claim not withdrawn); ENOTFOUND when it is gone.
func (s *Service) describeDropped(ctx context.Context, c catalog.Carryover) (CarriedItem, error) {
	src := c
	src.ObjectID = c.SourceID
	it, err := s.describe(ctx, src)
	it.Carryover = c
	if err != nil {
		return it, err
	}
	it.Restorable = true
	if c.Kind == catalog.CarryClaim {
		cl, err := s.cat.Claim(ctx, c.SourceID)
		if err != nil {
			return it, err
		}
		it.Restorable = cl.Status != catalog.ClaimWithdrawn
	}
	return it, nil
}

func (s *Service) describe(ctx context.Context, c catalog.Carryover) (CarriedItem, error) {
	it := CarriedItem{Carryover: c}
	switch c.Kind {
	case catalog.CarryClaim:
		cl, err := s.cat.Claim(ctx, c.ObjectID)
		if err != nil {
			return it, err
		}
		it.What, it.ClaimID = cl.Statement, cl.ID
		for _, c := range cl.Citations {
			it.ReadQuotes = appendRead(it.ReadQuotes, citedPassage(c))
			it.cited = append(it.cited, c.DocumentID)
		}
	case catalog.CarryValue:
		v, err := s.cat.Value(ctx, c.ObjectID)
		if err != nil {
			return it, err
		}
		it.What, it.WhatEnglish, it.DocumentID = v.Written(), v.WrittenIn(true), v.Citation.DocumentID
		it.ReadQuotes = appendRead(it.ReadQuotes, citedPassage(v.Citation))
		it.cited = []string{v.Citation.DocumentID}
	case catalog.CarryLink:
		// Described with all the page's links at once
		// (describeLinks).
	}
	return it, nil
}

// citedPassage is a claim's or a value's citation as a passage with its
// quote's mark, as a link's passages are.
func citedPassage(c catalog.Citation) catalog.LinkPassage {
	return catalog.LinkPassage{Page: c.Page, Quote: c.Quote,
		QuoteMark: catalog.QuoteMark{Checked: true, QuoteFound: c.QuoteFound, FoundOnPage: c.FoundOnPage, Read: c.QuoteRead}}
}

// appendRead appends p to read when its quote was found on its page only
// approximately on a scan.
func appendRead(read []catalog.LinkPassage, p catalog.LinkPassage) []catalog.LinkPassage {
	if p.Checked && p.QuoteFound && p.Read != "" {
		return append(read, p)
	}
	return read
}

// lastVerdict is the review status of a carried claim's or value's source
// in the round it came from (or, if nobody reviewed that copy, of the
// latest reviewed one it was carried from); "" for a link or a source
// deleted since.
func (s *Service) lastVerdict(ctx context.Context, c catalog.Carryover) (catalog.ClaimStatus, error) {
	verdicts, err := s.cat.CarriedVerdicts(ctx, []string{c.ID})
	if err != nil {
		return "", fmt.Errorf("last round's verdict on %s: %w", c.SourceID, err)
	}
	return verdicts[c.ID].Status, nil
}

// describeReturned names, beside each carried claim or value still to
// confirm, the documents it cites that were returned on a task, in two
// queries for the page.
func (s *Service) describeReturned(ctx context.Context, items []CarriedItem) error {
	var ids []string
	for _, it := range items {
		if it.State == catalog.CarryToConfirm {
			ids = append(ids, it.cited...)
		}
	}
	returned, err := s.cat.ReturnedSources(ctx, ids)
	if err != nil || len(returned) == 0 {
		return err
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("documents returned that carried items cite: %w", err)
	}
	for i := range items {
		it := &items[i]
		if it.State != catalog.CarryToConfirm {
			continue
		}
		for _, id := range it.cited {
			r, ok := returned[id]
			if d := docs[id]; ok && d != nil && !slices.ContainsFunc(it.Returned, func(x ReturnedSource) bool { return x.DocumentID == id }) {
				it.Returned = append(it.Returned, ReturnedSource{DocumentID: id, Title: d.Title, ReturnedFile: r})
			}
		}
	}
	return nil
}
