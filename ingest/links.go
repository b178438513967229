package ingest

import (
	"context"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// editableDocument returns a live document that u may change; another
// city's document is "not found", a document u may only read is
// EFORBIDDEN.
func (s *Service) editableDocument(ctx context.Context, u *catalog.User, id string) (*catalog.Document, error) {
	d, err := s.cat.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if !u.CanSee(d.City) {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "文档 %q 不存在", id)
	}
	if err := u.CanEdit(d.City); err != nil {
		return nil, err
	}
	return d, nil
}

// AddLink links a document to a key indicator on behalf of u (an admin or
// the city's coordinator) and rewrites the document's index entry, so that
// search by indicator follows at once. A document linked to the indicator
// already is ECONFLICT, unless l has a quote: the link gets it, with its
// page (catalog.AddLinkQuote), and l becomes the link, l.Quoted saying
// what was done. A quote given is then looked for in the document's text
// (lookForLinkQuote), so that l says whether it is there.
func (s *Service) AddLink(ctx context.Context, u *catalog.User, l *catalog.Link) error {
	d, err := s.editableDocument(ctx, u, l.DocumentID)
	if err != nil {
		return err
	}
	l.CreatedBy = u.Username
	err = s.cat.CreateLinks(ctx, []*catalog.Link{l}, false)
	if catalog.ErrorCode(err) == catalog.ECONFLICT && l.Quote != "" {
		err = s.cat.AddLinkQuote(ctx, l)
	}
	if err != nil {
		return err
	}
	s.lookForLinkQuote(ctx, d, l)
	s.refreshLogged(ctx, l.DocumentID)
	return nil
}

// lookForLinkQuote looks for the quotes of the link l just written in
// the text of its document d, and records their marks only
// (Quotes.RecheckLinkQuotes): the claims' and values' quotes in that text
// keep theirs, for the text did not change. Then l is read back with its
// marks. A link without a quote, or a document with no text yet (its
// reading looks for them), costs nothing more; a look that fails leaves
// the link saved, its quote marked not looked for yet (引文尚未核对)
// until the text is read anew.
func (s *Service) lookForLinkQuote(ctx context.Context, d *catalog.Document, l *catalog.Link) {
	if l.Quote == "" || d.SHA256 == "" || s.quotes == nil {
		return
	}
	// Looked for whenever the text is stored, whatever the document's
	// status: a reading saves the text, then asks whether a link has a
	// quote (extract), and records its status only later; a link written
	// in between would else be looked for by neither. A mark is recorded
	// only while the document has the text d.SHA256, and looked for again
	// when the text is put again meanwhile (claims.RecheckLink): a repair
	// reading it anew keeps the marks of the new text.
	if _, err := s.quotes.RecheckLinkQuotes(ctx, d.SHA256, l.ID); err != nil {
		if !catalog.IsNotFound(err) { // no text yet: its reading looks for it
			s.log.Warn("look for a link's quote", "link", l.ID, "sha256", d.SHA256, "err", err)
		}
		return
	}
	now, err := s.cat.Link(ctx, l.ID)
	if err != nil {
		s.log.Warn("read a link back after looking for its quote", "link", l.ID, "err", err)
		return
	}
	quoted := l.Quoted
	*l = *now
	l.Quoted = quoted
}

// AddLinkInRound is AddLink for a monitoring round: round 0 or the
// document's own round is AddLink; another round (a document of 2017
// that is evidence in 2018 too) makes the link count there
// (catalog.LinkInRound, one transaction): a link the document already
// has to the indicator is used in the round as it is, and l becomes that
// link (a page, quote or note that differ from it are refused); a new
// link counts in that round only, so the document's own round does not
// change.
func (s *Service) AddLinkInRound(ctx context.Context, u *catalog.User, l *catalog.Link, round int) error {
	d, err := s.editableDocument(ctx, u, l.DocumentID)
	if err != nil {
		return err
	}
	if round == 0 || strconv.Itoa(round) == d.Round {
		return s.AddLink(ctx, u, l)
	}
	if ok, err := s.cat.RoundExists(ctx, round); err != nil {
		return err
	} else if !ok {
		return catalog.FieldErrorf("round", catalog.EINVALID, "监测轮次 %d 不存在", round)
	}
	l.CreatedBy = u.Username
	if err := s.cat.LinkInRound(ctx, []*catalog.Link{l}, round, u.Username); err != nil {
		return err
	}
	s.lookForLinkQuote(ctx, d, l)
	s.refreshLogged(ctx, d.ID)
	return nil
}

// RemoveLink deletes a link on behalf of u and rewrites the index entry.
func (s *Service) RemoveLink(ctx context.Context, u *catalog.User, id string) (*catalog.Link, error) {
	l, err := s.cat.Link(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.editableDocument(ctx, u, l.DocumentID); err != nil {
		if catalog.IsNotFound(err) {
			return nil, catalog.Errorf(catalog.ENOTFOUND, "关联 %s 不存在", id)
		}
		return nil, err
	}
	if err := s.cat.DeleteLink(ctx, id, u.Username); err != nil {
		return nil, err
	}
	s.refreshLogged(ctx, l.DocumentID)
	return l, nil
}

// linkOfRound is the link id that u may take out of round or put back
// into it: u edits its document (another city's link is not found) and
// the round exists.
func (s *Service) linkOfRound(ctx context.Context, u *catalog.User, id string, round int) (*catalog.Link, error) {
	l, err := s.cat.Link(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.editableDocument(ctx, u, l.DocumentID); err != nil {
		if catalog.IsNotFound(err) {
			return nil, catalog.Errorf(catalog.ENOTFOUND, "关联 %s 不存在", id)
		}
		return nil, err
	}
	if ok, err := s.cat.RoundExists(ctx, round); err != nil {
		return nil, err
	} else if !ok {
		return nil, catalog.FieldErrorf("round", catalog.EINVALID, "监测轮次 %d 不存在", round)
	}
	return l, nil
}

// DropLinkFromRound makes a link no longer count in a monitoring round on
// behalf of u, while it keeps counting in the other rounds that use it
// (catalog.DropLinkFromRound): a coordinator's "not in this round", where
// RemoveLink takes the link from every round.
func (s *Service) DropLinkFromRound(ctx context.Context, u *catalog.User, id string, round int) (*catalog.Link, error) {
	l, err := s.linkOfRound(ctx, u, id, round)
	if err != nil {
		return nil, err
	}
	if err := s.cat.DropLinkFromRound(ctx, id, round, u.Username); err != nil {
		return nil, err
	}
	return l, nil
}

// RestoreLinkToRound puts a link taken out of a round (DropLinkFromRound,
// or 本轮不用) back into it on behalf of u, with the same checks: a
// coordinator's undo of a mistaken drop (catalog.RestoreLinkToRound).
func (s *Service) RestoreLinkToRound(ctx context.Context, u *catalog.User, id string, round int) (*catalog.Link, error) {
	l, err := s.linkOfRound(ctx, u, id, round)
	if err != nil {
		return nil, err
	}
	if err := s.cat.RestoreLinkToRound(ctx, id, round, u.Username); err != nil {
		return nil, err
	}
	return l, nil
}

// refreshLogged refreshes the index after a saved change; a failure is
// logged, not returned, because the change is already saved and start-up
// reconciliation or the next change brings the index along.
func (s *Service) refreshLogged(ctx context.Context, ids ...string) {
	if err := s.Refresh(ctx, ids...); err != nil {
		s.log.Error("refresh index after change; queued for the pipeline", "documents", ids, "err", err)
		for _, id := range ids {
			// The pipeline only rewrites documents that are not indexed.
			if d, derr := s.cat.Document(ctx, id); derr == nil && d.Status == catalog.StatusIndexed {
				if serr := s.cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusExtracted}); serr != nil {
					s.log.Error("mark for reindexing", "id", id, "err", serr)
				}
			}
			s.queue.push(id)
		}
	}
}

// RefreshAfterChange is Refresh for callers that have saved a change and
// must not fail because of the index: a failure is logged and the
// documents go to the pipeline, which indexes them again.
func (s *Service) RefreshAfterChange(ctx context.Context, ids ...string) {
	s.refreshLogged(ctx, ids...)
}

// lookForLinkQuotes looks for the quotes cited in the texts of the jobs
// read for the first time (indexJob.linkQuotes) that have a link with a
// quote: a link given one while its document was read. Which have one is
// asked once for the batch (catalog.LinkQuotedDocuments); a failure to
// tell is logged and taken as yes for all, which costs a look each.
func (s *Service) lookForLinkQuotes(ctx context.Context, jobs []indexJob) {
	var ids []string
	for _, j := range jobs {
		if j.linkQuotes {
			ids = append(ids, j.doc.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	quoted, err := s.cat.LinkQuotedDocuments(ctx, ids)
	if err != nil {
		s.log.Warn("tell which documents have link quotes", "documents", len(ids), "err", err)
	}
	for _, j := range jobs {
		if j.linkQuotes && (err != nil || quoted[j.doc.ID]) {
			s.recheckQuotes(ctx, j.doc.SHA256)
		}
	}
}
