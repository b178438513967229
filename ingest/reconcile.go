package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// Reconcile makes the index follow the catalog: documents the catalog calls
// indexed but the index lacks are queued again, and index entries for
// documents that are gone or failed are removed. The index is listed before
// the catalog is read, so a document the pipeline finishes meanwhile is at
// worst indexed twice, never dropped; Reconcile is safe to run beside the
// pipeline.
func (s *Service) Reconcile(ctx context.Context) error {
	inIndex, err := s.idx.IDs(ctx)
	if err != nil {
		return err
	}
	// One query, so one moment of the catalog: read in two, a document
	// the indexer marks indexed between them would be in neither list,
	// and taken out of the index as stale.
	var indexed, unfinished []string
	err = s.cat.DocumentsWithStatus(ctx, func(d *catalog.Document) {
		if d.Status == catalog.StatusIndexed {
			indexed = append(indexed, d.ID)
		} else {
			unfinished = append(unfinished, d.ID)
		}
	}, catalog.StatusIndexed, catalog.StatusStored, catalog.StatusExtracted)
	if err != nil {
		return err
	}
	slices.Sort(indexed)
	slices.Sort(unfinished)
	missing, extra := diffSorted(indexed, inIndex)
	var stale, held []string
	for _, id := range extra {
		// A document being re-indexed after an edit is still in the index.
		if _, found := slices.BinarySearch(unfinished, id); !found {
			stale = append(stale, id)
		} else {
			held = append(held, id)
		}
	}
	if err := s.refusedNow(); err != nil {
		return err // done again once the node serves again (reconcileServing)
	}
	if len(stale) > 0 {
		if err := s.idx.Delete(ctx, stale...); err != nil {
			return err
		}
		s.unindexLag.remove(stale)
		s.indexChanged()
	}
	// One written to the index whose move to indexed a stop lost has no
	// first indexed time, so no search corrected for its copy: it is
	// given one, and is corrected for until the pipeline, which queued it
	// again at start, writes it anew (review s55). A document the
	// pipeline is writing now may be marked too: its copy is there.
	if len(held) > 0 {
		marked, err := s.cat.MarkInIndex(ctx, held)
		if err != nil {
			return err
		}
		if len(marked) > 0 {
			s.log.Info("documents found in the index before their move to indexed are corrected for as pending", "count", len(marked))
		}
	}
	changes := make([]catalog.StatusChange, len(missing))
	for i, id := range missing {
		changes[i] = catalog.StatusChange{ID: id, Status: catalog.StatusExtracted}
	}
	if len(changes) > 0 {
		if err := s.cat.SetStatus(ctx, changes...); err != nil {
			return err
		}
		for _, id := range missing {
			s.queue.push(id)
		}
		s.requeued = append(s.requeued, missing...)
	}
	if len(missing)+len(stale) > 0 {
		s.log.Info("index reconciled with catalog", "requeued", len(missing), "removed", len(stale))
	}
	return nil
}

// diffSorted returns what is in a but not b, and in b but not a.
func diffSorted(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			onlyA = append(onlyA, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

// Rebuild indexes every indexed or extracted document of the catalog from
// its stored text into idx (normally a fresh index), in batches, calling
// progress after each batch, and links its near duplicates (so documents
// read before they existed get them). A batch holds at most batchSize
// documents and, as the pipeline's indexer cuts them, index.MaxBatchText
// bytes of text or one longer document, so what a rebuild holds does not
// grow with the texts' length. Documents whose text is missing are
// reported in the returned list and left out; on a catalog only this
// node uses they are queued to be read again, while on a shared one they
// are left as they are (queuing is a change every node acts on, and
// rebuilding one node's index changes nothing else): check names them
// and repair reads them again.
func Rebuild(ctx context.Context, cat *catalog.Store, blobs blob.Store, idx index.Index, batchSize int,
	progress func(done, total int)) (missing []string, err error) {
	var docs []*catalog.Document
	err = cat.DocumentsWithStatus(ctx, func(d *catalog.Document) { docs = append(docs, d) },
		catalog.StatusIndexed, catalog.StatusExtracted)
	if err != nil {
		return nil, err
	}
	if batchSize <= 0 {
		batchSize = 64
	}
	b := &rebuildBatch{cat: cat, idx: idx, max: batchSize}
	sets := newRebuildSets(docs)
	report := func(done int) {
		if progress != nil {
			progress(done, len(docs))
		}
	}
	for i, d := range docs {
		t, err := LoadText(ctx, blobs, d.SHA256)
		if catalog.IsNotFound(err) || errors.Is(err, ErrBadText) {
			missing = append(missing, d.ID)
			if cat.Shared() {
				continue
			}
			if err := cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored}); err != nil {
				return missing, err
			}
			continue
		}
		if err != nil {
			return missing, err
		}
		// Documents read before near duplicates existed get them here.
		if _, err := linkNearDuplicates(ctx, cat, blobs, d, t.Pages, sets, t.Reading()); err != nil {
			return missing, err
		}
		if sent, err := b.add(ctx, d, IndexDocument(d, t.Pages), i); err != nil {
			return missing, err
		} else if sent >= 0 {
			report(sent)
		}
	}
	if err := b.flush(ctx); err != nil {
		return missing, err
	}
	report(len(docs))
	return missing, nil
}

// rebuildBatch is Rebuild's batch being filled.
type rebuildBatch struct {
	cat  *catalog.Store
	idx  index.Index
	max  int              // documents
	docs []index.Document // to index
	ids  []string         // of those to mark indexed
	text int              // bytes of docs' text (index.Document.TextSize)
}

// add puts doc, the i-th document of the rebuild, in the batch, writing
// the batch first when doc's text would take it past index.MaxBatchText,
// as the pipeline's indexer does (pendingBatch.offer), and after when it
// is full. It returns how many of the rebuild's documents are written
// when it wrote, else -1. Cut by count alone, 256 texts of 4.5 MB were
// held at once, a gigabyte, though Index writes them to Bleve one by one.
func (b *rebuildBatch) add(ctx context.Context, d *catalog.Document, doc index.Document, i int) (int, error) {
	sent := -1
	size := doc.TextSize()
	if len(b.docs) > 0 && b.text+size > index.MaxBatchText {
		if err := b.flush(ctx); err != nil {
			return sent, err
		}
		sent = i
	}
	b.docs, b.text = append(b.docs, doc), b.text+size
	// Only a document not yet indexed changes status: rewriting an
	// indexed one would be a change every other node's index follows,
	// so a reindex of one node would make all of them reindex.
	if d.Status != catalog.StatusIndexed {
		b.ids = append(b.ids, d.ID)
	}
	if len(b.docs) >= b.max || b.text >= index.MaxBatchText {
		if err := b.flush(ctx); err != nil {
			return sent, err
		}
		sent = i + 1
	}
	return sent, nil
}

// flush indexes the batch's documents, marks those not yet indexed
// indexed, and empties it.
func (b *rebuildBatch) flush(ctx context.Context) error {
	if len(b.docs) == 0 {
		return nil
	}
	if err := fillIndicators(ctx, b.cat, b.docs); err != nil {
		return err
	}
	if err := b.idx.Index(ctx, b.docs); err != nil {
		return err
	}
	changes := make([]catalog.StatusChange, len(b.ids))
	for i, id := range b.ids {
		changes[i] = catalog.StatusChange{ID: id, Status: catalog.StatusIndexed}
	}
	clear(b.docs) // the texts are not held till the next batch fills
	b.docs, b.ids, b.text = b.docs[:0], b.ids[:0], 0
	if len(changes) == 0 {
		return nil
	}
	return b.cat.SetStatus(ctx, changes...)
}

// Problem is one inconsistency found by Check.
type Problem struct {
	DocumentID string
	Kind       ProblemKind
	What       string
	// WhatEnglish is What in English; "" when it has none.
	WhatEnglish string
	// NotInIndex says the catalog calls the document indexed and the
	// index lacks it.
	NotInIndex bool
}

// problem is a Problem whose What is said in both languages.
func problem(id string, kind ProblemKind, what catalog.Words) Problem {
	return Problem{DocumentID: id, Kind: kind, What: what.Chinese, WhatEnglish: what.English}
}

// ProblemKind sorts what Check finds by what mends it.
type ProblemKind string

// The kinds of problems: a bad original can only be restored from a
// backup; bad text is re-extracted by Repair; the index is rebuilt by
// reindex (or at start-up).
const (
	ProblemOriginal ProblemKind = "original"
	ProblemText     ProblemKind = "text"
	ProblemIndex    ProblemKind = "index"
)

// Check re-hashes every live document's original against the catalog,
// verifies its extracted text against the hash recorded when it was
// written (or, for text older than those hashes, that it reads), and
// compares the index with the catalog (when idx is not nil). It returns
// every problem found; an empty list means consistent.
func Check(ctx context.Context, cat *catalog.Store, blobs blob.Store, idx index.Index, progress func(done, total int)) ([]Problem, error) {
	var docs []*catalog.Document
	err := cat.DocumentsWithStatus(ctx, func(d *catalog.Document) { docs = append(docs, d) },
		catalog.StatusStored, catalog.StatusExtracted, catalog.StatusIndexed, catalog.StatusFailed)
	if err != nil {
		return nil, err
	}
	var problems []Problem
	var indexed []string
	for i, d := range docs {
		p, err := checkOriginal(ctx, blobs, d)
		if err != nil {
			return problems, err
		}
		if p.Chinese != "" {
			problems = append(problems, problem(d.ID, ProblemOriginal, p))
		}
		if d.Status == catalog.StatusExtracted || d.Status == catalog.StatusIndexed {
			p, err := checkText(ctx, cat, blobs, d)
			if err != nil {
				return problems, err
			}
			if p.Chinese != "" {
				problems = append(problems, problem(d.ID, ProblemText, p))
			}
		}
		if d.Status == catalog.StatusIndexed {
			indexed = append(indexed, d.ID)
		}
		if progress != nil {
			progress(i+1, len(docs))
		}
	}
	if idx == nil {
		return problems, nil // no index to compare (a damaged one)
	}
	slices.Sort(indexed)
	p, err := compareIndex(ctx, indexed, idx)
	return append(problems, p...), err
}

// CheckIndex compares the index with the catalog, as the last step of
// Check does.
func CheckIndex(ctx context.Context, cat *catalog.Store, idx index.Index) ([]Problem, error) {
	var indexed []string
	err := cat.DocumentsWithStatus(ctx, func(d *catalog.Document) { indexed = append(indexed, d.ID) }, catalog.StatusIndexed)
	if err != nil {
		return nil, err
	}
	slices.Sort(indexed)
	return compareIndex(ctx, indexed, idx)
}

// compareIndex lists the documents indexed (sorted) that the index lacks
// and those the index has that are not indexed.
func compareIndex(ctx context.Context, indexed []string, idx index.Index) ([]Problem, error) {
	inIndex, err := idx.IDs(ctx)
	if err != nil {
		return nil, err
	}
	var problems []Problem
	missing, extra := diffSorted(indexed, inIndex)
	for _, id := range missing {
		p := problem(id, ProblemIndex, catalog.Words{Chinese: "目录中已索引，搜索索引中却没有",
			English: "indexed in the catalog, missing from the search index"})
		p.NotInIndex = true
		problems = append(problems, p)
	}
	for _, id := range extra {
		problems = append(problems, problem(id, ProblemIndex, catalog.Words{Chinese: "在搜索索引中，目录中却不是已索引的文档",
			English: "in the search index, but not an indexed document in the catalog"}))
	}
	return problems, nil
}

// checkText says what is wrong with a document's stored text, "" when
// nothing is. Only a failure to ask the catalog is an error.
func checkText(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document) (catalog.Words, error) {
	key := catalog.TextKey(d.SHA256)
	body, err := readText(ctx, blobs, d.SHA256)
	if catalog.IsNotFound(err) {
		return catalog.Words{Chinese: "提取文字缺失：" + key, English: "the extracted text is missing: " + key}, nil
	}
	if storeDown(ctx, err) {
		// The store, not the text: repair would delete a good text.
		return catalog.Words{}, err
	}
	if err != nil {
		return catalog.Words{Chinese: "提取文字无法读取：" + err.Error(), English: "the extracted text cannot be read: " + err.Error()}, nil
	}
	t, p, err := verifyText(ctx, cat, d.SHA256, body)
	if err != nil || p.Chinese != "" {
		return p, err
	}
	if d.Pages > 0 && len(t.Pages) != d.Pages {
		return catalog.Words{Chinese: fmt.Sprintf("提取文字有 %d 页，目录记录 %d 页", len(t.Pages), d.Pages),
			English: fmt.Sprintf(catalog.ChooseForms("the extracted text has %d {page|pages}, the catalog records %d", []any{len(t.Pages)}), len(t.Pages), d.Pages)}, nil
	}
	return catalog.Words{}, nil
}

// TextProblem says what is wrong with body, read as the stored text of
// the original with SHA-256 sha: that it is not what the catalog recorded
// when it was written, or, for text older than those records, that it
// does not read as text the archive saves. Nothing when nothing is; only
// a failure to ask the catalog is an error. Backup holds each text to it
// before copying one.
func TextProblem(ctx context.Context, cat *catalog.Store, sha string, body []byte) (catalog.Words, error) {
	_, p, err := verifyText(ctx, cat, sha, body)
	return p, err
}

// verifyText is TextProblem, with the text decoded when it has none.
func verifyText(ctx context.Context, cat *catalog.Store, sha string, body []byte) (*StoredText, catalog.Words, error) {
	key := catalog.TextKey(sha)
	want, err := cat.TextHashOf(ctx, sha)
	switch {
	case catalog.IsNotFound(err):
		// Written before hashes were recorded: it must at least read.
	case err != nil:
		return nil, catalog.Words{}, err
	case len(body) == 0:
		return nil, catalog.Words{Chinese: fmt.Sprintf("提取文字被清空：%s 为 0 字节，写入时是 %d 字节", key, want.Size),
			English: fmt.Sprintf("the extracted text was emptied: %s is 0 bytes, %d bytes when written", key, want.Size)}, nil
	default:
		if got := hashText(body); got.SHA256 != want.SHA256 {
			return nil, catalog.Words{Chinese: fmt.Sprintf("提取文字被替换或损坏：%s（%d 字节）的 SHA-256 是 %s，写入时是 %s（%d 字节）",
				key, len(body), got.SHA256, want.SHA256, want.Size),
				English: fmt.Sprintf("the extracted text was replaced or damaged: the SHA-256 of %s (%d bytes) is %s, %s (%d bytes) when written",
					key, len(body), got.SHA256, want.SHA256, want.Size)}, nil
		}
	}
	t, err := decodeText(sha, body)
	if err != nil {
		return nil, catalog.Words{Chinese: fmt.Sprintf("提取文字无法读取：%s（%d 字节）不是保存的文字", key, len(body)),
			English: fmt.Sprintf("the extracted text cannot be read: %s (%d bytes) is not text as the archive saves it", key, len(body))}, nil
	}
	return t, catalog.Words{}, nil
}

// Repair re-extracts the documents whose stored text a Check found bad:
// it deletes each one's text and puts the document back to stored, so
// that the pipeline reads its original again (and indexes it anew). It
// returns the documents queued; the caller runs the pipeline and waits.
// Originals and the index are not its business: a bad original comes
// back from a backup, the index from reindex. A document whose original
// is bad too is left as it is: reading it again would fail it, or take
// its text from the wrong bytes (all the originals look missing when the
// blob folder is not mounted).
func Repair(ctx context.Context, cat *catalog.Store, blobs blob.Store, problems []Problem) ([]string, error) {
	badOriginal := map[string]bool{}
	for _, p := range problems {
		if p.Kind == ProblemOriginal {
			badOriginal[p.DocumentID] = true
		}
	}
	var ids []string
	for _, p := range problems {
		if p.Kind != ProblemText || badOriginal[p.DocumentID] || slices.Contains(ids, p.DocumentID) {
			continue
		}
		d, err := cat.Document(ctx, p.DocumentID)
		if err != nil {
			return ids, err
		}
		if err := readAgain(ctx, cat, blobs, d); err != nil {
			return ids, err
		}
		ids = append(ids, d.ID)
	}
	return ids, nil
}

// readAgain deletes a document's stored text and puts it back to stored,
// so that the pipeline reads its original again and indexes it anew.
func readAgain(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document) error {
	if err := blobs.Delete(ctx, catalog.TextKey(d.SHA256)); err != nil {
		return fmt.Errorf("delete the stored text of %s: %w", d.ID, err)
	}
	// After the text: stopped in between, the text is missing and its
	// next reading records its hash anew.
	if err := cat.ForgetTextHash(ctx, d.SHA256); err != nil {
		return err
	}
	return cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored})
}

// KeptText is a document whose text older reading rules gave and which
// RereadOutdated leaves as it is: claims or values cite passages found in
// it (Cited), or its original could not be read anew (Reason).
type KeptText struct {
	Document *catalog.Document
	Cited    int    // citations found in the text, of any document with its bytes
	Reason   string // why the new reading failed, when it did
}

// RereadOutdated reads again, from its original, every extracted or
// indexed document whose stored text older extraction rules read
// (StoredText.Outdated): documents archived before a
// reader was mended (a photo stored sideways, a Word web page named .doc)
// stay as they were read until then. The new text replaces the old only
// once it is read: a reading that fails (a reader missing on this
// machine, a time limit) leaves the document searchable as it was, and
// says why (kept, with Reason). The documents read anew go back to stored,
// for the pipeline to index from the new text (and read its fields and
// near duplicates from it), once Start runs. A text in which a claim or a
// value found its quoted passage is kept, with every document that shares
// it (a deleted document's citations count too: a citation keeps its
// bytes): read anew, the passage could move to another page or change, and
// the citation would no longer point at what the reviewer checked. A text
// that cannot be read is Check's and Repair's business, not this. The
// reader of a text the catalog had not recorded (extracted before it did)
// is recorded as its text is loaded, for CountOutdated. Only those texts
// and the ones the catalog says older readers gave are loaded: a text
// today's reader gave is not (DocumentsToReread).
// progress, when not nil, is told of each text looked at (an unknown or
// an older reader's) and then of each original read, one count over both:
// the total grows by the originals to read once the texts are looked at.
func (s *Service) RereadOutdated(ctx context.Context, progress func(done, total int)) (queued []string, kept []KeptText, err error) {
	return s.RereadOutdatedQuotes(ctx, progress, nil)
}

// RereadOutdatedQuotes is RereadOutdated telling quotes, when not nil,
// what looking again for the quotes cited in each text read anew did.
func (s *Service) RereadOutdatedQuotes(ctx context.Context, progress func(done, total int), quotes func(QuoteChecks)) (queued []string, kept []KeptText, err error) {
	texts, err := s.textsToReread(ctx)
	if err != nil {
		return nil, nil, err
	}
	outdated, queued, kept, err := s.lookAtTexts(ctx, texts, progress)
	if err != nil {
		return nil, nil, err
	}
	looked := len(texts.order)
	if progress != nil && looked > 0 {
		progress(looked, looked+len(outdated))
	}
	for i, sha := range outdated {
		moved, keep, err := s.rereadOriginal(ctx, sha, texts.bySHA[sha], quotes)
		queued, kept = append(queued, moved...), append(kept, keep...)
		if err != nil {
			return queued, kept, err
		}
		if progress != nil {
			progress(looked+i+1, looked+len(outdated))
		}
	}
	return queued, kept, nil
}

// rereadTexts are the texts a run of RereadOutdated looks at, with their
// documents.
type rereadTexts struct {
	bySHA   map[string][]*catalog.Document
	order   []string        // the texts, in the catalog's order
	unknown map[string]bool // texts whose reader the catalog lacks: recorded as they are loaded
	// stale holds the documents the catalog says an older reader read:
	// when their stored text is already the current reader's (re-read by
	// a run that could not send them back to stored, an extracted
	// document's pipeline job then indexing its old text), they are sent
	// back now.
	stale map[string]bool
}

// textsToReread lists, from the catalog, the texts of unknown or older
// readers (DocumentsToReread).
func (s *Service) textsToReread(ctx context.Context) (*rereadTexts, error) {
	older, err := s.olderReaders(ctx)
	if err != nil {
		return nil, err
	}
	texts := &rereadTexts{bySHA: map[string][]*catalog.Document{}, unknown: map[string]bool{}, stale: map[string]bool{}}
	err = s.cat.DocumentsToReread(ctx, older, func(d *catalog.Document, r *catalog.TextReader) {
		if _, seen := texts.bySHA[d.SHA256]; !seen {
			texts.order = append(texts.order, d.SHA256)
		}
		texts.bySHA[d.SHA256] = append(texts.bySHA[d.SHA256], d)
		texts.unknown[d.SHA256] = texts.unknown[d.SHA256] || r == nil
		texts.stale[d.ID] = r != nil
	})
	if err != nil {
		return nil, err
	}
	return texts, nil
}

// lookAtTexts loads each of texts, records the reader of one the catalog
// had not recorded, sends back the stale documents of one today's reader
// gave, keeps a cited one, and returns the others (outdated), whose
// originals are to be read again, with the documents sent back (queued)
// and kept.
func (s *Service) lookAtTexts(ctx context.Context, texts *rereadTexts, progress func(done, total int)) (outdated, queued []string, kept []KeptText, err error) {
	cited, err := s.cat.FoundCitations(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, sha := range texts.order {
		if progress != nil && i > 0 {
			progress(i, len(texts.order))
		}
		if err := s.refusedNow(); err != nil {
			return nil, nil, nil, err // a run stopped short: the next run looks again
		}
		t, err := LoadText(ctx, s.blobs, sha)
		if storeDown(ctx, err) {
			return nil, nil, nil, err
		}
		if err != nil {
			continue
		}
		if texts.unknown[sha] {
			if err := s.cat.RecordTextReader(ctx, sha, t.Reader()); err != nil {
				return nil, nil, nil, err
			}
		}
		if !t.Outdated() {
			var ids []string
			for _, d := range texts.bySHA[sha] {
				if texts.stale[d.ID] {
					ids = append(ids, d.ID)
				}
			}
			moved, err := s.sendBack(ctx, ids)
			if err != nil {
				return nil, nil, nil, err
			}
			queued = append(queued, moved...)
			continue
		}
		if n := cited[sha]; n > 0 {
			for _, d := range texts.bySHA[sha] {
				kept = append(kept, KeptText{Document: d, Cited: n})
			}
			continue
		}
		outdated = append(outdated, sha)
	}
	return outdated, queued, kept, nil
}

// rereadOriginal reads again the original of the text sha, shared by
// docs, saves the new text and sends docs back to stored (queued), or
// keeps the old text (kept) when the reading fails or a claim or a value
// has found its passage in it since the run began. quotes, when not nil,
// is told what looking again for the quotes cited in it did.
func (s *Service) rereadOriginal(ctx context.Context, sha string, docs []*catalog.Document, quotes func(QuoteChecks)) (queued []string, kept []KeptText, err error) {
	t, err := s.extractOriginal(ctx, docs[0], true)
	if storeDown(ctx, err) {
		return nil, nil, err
	}
	if err != nil {
		reason, _ := failureReason(stageExtract, err)
		for _, d := range docs {
			kept = append(kept, KeptText{Document: d, Reason: reason})
		}
		return nil, kept, nil
	}
	// Storing the new text and its hash ends the command when it fails:
	// what is left then is a text check finds changed and repair reads
	// again, never one said to be kept.
	// A claim or a value may have found its passage in the old text since
	// the run began (it can take hours): kept then.
	if err := s.refusedNow(); err != nil {
		return nil, nil, err
	}
	if n, err := s.cat.FoundCitationsOf(ctx, sha); err != nil {
		return nil, nil, err
	} else if n > 0 {
		for _, d := range docs {
			kept = append(kept, KeptText{Document: d, Cited: n})
		}
		return nil, kept, nil
	}
	h, err := SaveText(ctx, s.blobs, sha, t)
	if err != nil {
		return nil, nil, err
	}
	if err := s.cat.RecordTextHash(ctx, sha, h); err != nil {
		return nil, nil, err
	}
	if checked := s.recheckQuotes(ctx, sha); quotes != nil {
		quotes(checked)
	}
	ids := make([]string, len(docs))
	for j, d := range docs {
		ids[j] = d.ID
	}
	moved, err := s.sendBack(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	return moved, nil, nil
}

// olderReaders are the readers, and versions of their rules, that gave
// some extracted or indexed document's text and that today's have
// replaced, from the catalog's tally.
func (s *Service) olderReaders(ctx context.Context) ([]catalog.TextReader, error) {
	tallies, err := s.cat.TallyReaders(ctx, fields.Revision)
	if err != nil {
		return nil, err
	}
	var older []catalog.TextReader
	for _, t := range tallies {
		if r := t.Reader; r != nil && r.Version < extract.VersionOf(r.Name) && !slices.Contains(older, *r) {
			older = append(older, *r)
		}
	}
	return older, nil
}

// sendBack moves the documents ids that are still indexed back to
// stored, in one transaction, for the pipeline to index from their new
// text, and returns those it moved. One that is not indexed any more (an
// edit's, a start's job in the pipeline, built from the old text) is left
// as it is: its catalog reader stays the older one, and the next run sends
// it back.
func (s *Service) sendBack(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	changes := make([]catalog.StatusChange, len(ids))
	for i, id := range ids {
		changes[i] = catalog.StatusChange{ID: id, Status: catalog.StatusStored, From: []catalog.Status{catalog.StatusIndexed}}
	}
	moved, err := s.cat.MoveStatus(ctx, changes...)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, ok := range moved {
		if ok {
			out = append(out, ids[i])
		}
	}
	return out, nil
}

// checkOriginal says what is wrong with a document's original, nothing
// when nothing is; only the store's being out of reach is an error. It
// names the object, and says the store's reason in the line's language.
func checkOriginal(ctx context.Context, blobs blob.Store, d *catalog.Document) (catalog.Words, error) {
	key := catalog.OriginalKey(d.SHA256)
	rc, err := blobs.Get(ctx, key)
	if storeDown(ctx, err) {
		return catalog.Words{}, err
	}
	if catalog.IsNotFound(err) {
		return catalog.Words{Chinese: "原件缺失：存储中没有 " + key, English: "the original is missing: the store has no " + key}, nil
	}
	if err != nil {
		return originalUnreadable(key, err), nil
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, rc)
	if storeDown(ctx, err) {
		return catalog.Words{}, err
	}
	if err != nil {
		return originalUnreadable(key, err), nil
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != d.SHA256 {
		return catalog.Words{Chinese: fmt.Sprintf("原件哈希不符：目录记录 %s，存储中为 %s", d.SHA256, got),
			English: fmt.Sprintf("the original's hash differs: the catalog records %s, the store holds %s", d.SHA256, got)}, nil
	}
	if n != d.Size {
		return catalog.Words{Chinese: fmt.Sprintf("原件大小不符：目录记录 %d 字节，存储中为 %d 字节", d.Size, n),
			English: fmt.Sprintf("the original's size differs: the catalog records %d bytes, the store holds %d", d.Size, n)}, nil
	}
	return catalog.Words{}, nil
}

// originalUnreadable is an original the store holds but cannot give: the
// store's own words when it has them (a catalog.Error), else the system's.
func originalUnreadable(key string, err error) catalog.Words {
	var e *catalog.Error
	if errors.As(err, &e) {
		return catalog.Words{Chinese: "原件无法读取：" + key + "（" + catalog.MessageIn(e, false) + "）",
			English: "the original cannot be read: " + key + " (" + catalog.MessageIn(e, true) + ")"}
	}
	return catalog.Words{Chinese: "原件无法读取：" + key + "（" + err.Error() + "）", English: "the original cannot be read: " + key + " (" + err.Error() + ")"}
}

// storeDown says whether err is the blob store's being out of reach (or
// the check's being stopped) rather than something wrong with an object:
// check then fails instead of reporting every object it could not read.
func storeDown(ctx context.Context, err error) bool {
	return err != nil && (catalog.ErrorCode(err) == catalog.EUNAVAILABLE || ctx.Err() != nil)
}
