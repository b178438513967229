package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/lowprio"
	"github.com/lcmonitor/evidence/neardup"
)

// indexJob is a document whose text is ready for the index. ext, when
// not nil, is what its extraction has still to record in the catalog: the
// indexer records the extractions of a batch together (recordExtractions).
type indexJob struct {
	doc   *catalog.Document
	pages []string
	ext   *catalog.Extraction
	// recorded says its extraction was recorded with this batch.
	recorded bool
	// lazyText says its text was saved by a lazy put (blob.LazyPutter),
	// to be made durable before its extraction is recorded, when
	// lazySince flushes had started (textFlushes.lost).
	lazyText  bool
	lazySince uint64
	// linkQuotes says its text was read for the first time: the quotes
	// of the links given while it was read are looked for with its batch
	// (lookForLinkQuotes).
	linkQuotes bool
	// lease is the node's hold on its job, on a shared catalog, kept
	// until its batch ends (or it is dropped).
	lease *jobLease
	// set is the shingle set of its pages (fingerprint), when every page
	// is trusted, so that the batch's comparisons (planComparisons,
	// linkParts) take it instead of shingling the text twice more
	// (bench/README.md, session 50); nil when not known.
	set neardup.Set
	// text is the SHA-256 of the stored text its pages are, for a long
	// text with set: its set is kept under it (setCache) once its
	// extraction is recorded; "" for none.
	text string
}

// readByOCR says whether any page of the job's text was read by OCR.
func (j indexJob) readByOCR() bool {
	if j.ext != nil && j.ext.Alone.Reading != nil {
		return j.ext.Alone.Reading.ByOCR()
	}
	return j.doc.Reading.ByOCR()
}

// Start runs the pipeline until ctx ends or Close is called: extraction
// workers, one batching indexer, and a first pass that re-queues unfinished
// work and reconciles the index with the catalog.
func (s *Service) Start(ctx context.Context) error {
	ctx, s.cancel = context.WithCancel(ctx)
	s.running = ctx
	s.toIndex = make(chan indexJob, s.cfg.BatchSize*2)
	s.reconciled = make(chan struct{})
	// Before any request: a hand-in still uploading now was left by a
	// server that stopped mid-upload, and would hold its task for ever
	// (on a one-machine catalog only; catalog.AbandonDeadHandIns).
	if n, err := s.cat.AbandonDeadHandIns(ctx); err != nil {
		s.cancel()
		return err
	} else if n > 0 {
		s.log.Info("hand-ins left by a server that stopped mid-upload no longer hold their tasks", "count", n)
	}
	// On a shared catalog the other nodes go by this node's beat instead
	// (nodealive.go): the first before any request it takes.
	if s.cfg.Shared {
		if err := s.startNodeBeat(ctx); err != nil {
			s.cancel()
			return err
		}
	}
	if err := s.requeueUnfinished(ctx); err != nil {
		if s.cfg.Shared {
			// Its beat began: left, it would make the next start
			// wait a beat to see that this run is dead.
			s.forgetThisRun(ctx)
		}
		s.cancel()
		return err
	}
	if err := s.startBandScheme(ctx); err != nil {
		s.cancel()
		return err
	}

	var workers sync.WaitGroup
	s.handed.start()
	for range s.cfg.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			s.work(ctx, s.queue, false)
		}()
	}
	for range s.cfg.OCRWorkers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			s.work(ctx, s.ocrQueue, true)
		}()
	}
	workers.Add(1)
	go func() {
		defer workers.Done()
		s.workBeside(ctx)
	}()
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		workers.Wait()
		s.handed.stop()
		s.giveBackWaiting(ctx)
		close(s.toIndex)
	}()
	go func() {
		defer s.wg.Done()
		s.runIndexer(ctx)
	}()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.watchSchema(ctx)
	}()
	if s.cfg.Shared {
		s.wg.Add(3)
		go func() {
			defer s.wg.Done()
			s.runFollower(ctx)
		}()
		go func() {
			defer s.wg.Done()
			s.adoptOrphans(ctx)
		}()
		go func() {
			defer s.wg.Done()
			s.keepNodeAlive(ctx)
		}()
	}
	if s.cfg.Shared {
		// The follower brings this node's index to the catalog from the
		// stored text; reconciling here would mark every document this
		// node lacks for re-indexing on every node.
		close(s.reconciled)
		return nil
	}
	// In the background: listing a large index takes a while, and start-up
	// should not wait for it.
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(s.reconciled)
		s.reconcileServing(ctx)
	}()
	return nil
}

// StartFor runs the pipeline as Start does, but for a command that reads
// a few documents again (repair): of the documents left stored or
// extracted, only ids are queued; the others stay as they are, for serve
// to read. On a shared catalog only ids are taken over from a node that
// died, too (adoptOrphans). The pass over the index and the catalog runs as at Start, and
// Reindexed says which documents it queued.
func (s *Service) StartFor(ctx context.Context, ids []string) error {
	s.only = map[string]bool{}
	for _, id := range ids {
		s.only[id] = true
	}
	return s.Start(ctx)
}

// Reindexed waits for the pass over the index and the catalog that Start
// began, and returns the documents it queued to be indexed again (the
// index lacked them); none on a shared catalog, where the follower does
// that. While the node is refused before that pass is done, it returns
// the refusal: the pass waits for the node to serve again.
func (s *Service) Reindexed(ctx context.Context) ([]string, error) {
	if err := s.awaitReconciled(ctx); err != nil {
		return nil, err
	}
	return s.requeued, nil
}

// Settle waits until the pipeline started by Start has no work left: its
// pass over the index and the catalog done, and no document stored or
// extracted but not yet indexed or failed. A command that runs the
// pipeline for a while (repair) calls it before closing, or the
// re-indexing that pass queued would stop half done. progress, when not
// nil, is told how many documents are left each time that changes. While
// the node is refused (Refusal) it returns the refusal.
func (s *Service) Settle(ctx context.Context, progress func(left int)) error {
	if err := s.awaitReconciled(ctx); err != nil {
		return fmt.Errorf("wait for the pipeline: %w", err)
	}
	last := -1
	for {
		if err := s.Refusal(); err != nil {
			return fmt.Errorf("wait for the pipeline: %w", err) // it reads nothing more
		}
		counts, err := s.cat.CountByStatus(ctx)
		if err != nil {
			return fmt.Errorf("wait for the pipeline: %w", err)
		}
		left := counts[catalog.StatusStored] + counts[catalog.StatusExtracted]
		if left == 0 {
			return nil
		}
		if progress != nil && left != last {
			progress(left)
		}
		last = left
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close stops the pipeline and waits for it. Work in progress stays in its
// catalog status and is resumed by the next Start.
func (s *Service) Close() {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
	if s.cfg.Sandbox != nil {
		s.cfg.Sandbox.Close()
	}
}

// Pending is the number of documents waiting for extraction, OCR included.
func (s *Service) Pending() int { return s.queue.len() + s.ocrQueue.len() }

func (s *Service) requeueUnfinished(ctx context.Context) error {
	n := 0
	err := s.cat.DocumentsWithStatus(ctx, func(d *catalog.Document) {
		if s.only != nil && !s.only[d.ID] {
			return // left for serve (StartFor)
		}
		s.queue.push(d.ID)
		n++
	}, catalog.StatusStored, catalog.StatusExtracted)
	if err != nil {
		return fmt.Errorf("re-queue unfinished documents: %w", err)
	}
	if n > 0 {
		s.log.Info("re-queued unfinished documents", "count", n)
	}
	return nil
}

// work takes documents from q until ctx ends. The OCR workers read what
// needs OCR; the others read everything else first and pass a document on
// to the OCR queue when they find it needs OCR, so a scan never holds up
// born-digital files.
func (s *Service) work(ctx context.Context, q *queue, ocr bool) {
	for {
		id, ok := q.pop(ctx)
		if !ok {
			return
		}
		if !s.handle(ctx, id, ocr) {
			return
		}
	}
}

// longOCR is how many pages a document must have left to OCR for it to
// count as long: while every OCR worker reads a long document, the
// documents behind it are read beside it (workBeside).
const longOCR = 10

// besideInterval is how often the worker beside the OCR workers looks
// whether it is wanted.
const besideInterval = 250 * time.Millisecond

// workBeside is one more OCR worker, which takes documents from the OCR
// queue only while every OCR worker is on a long document (longOCR pages
// or more left): a scanned report of hundreds of pages took over an hour,
// and the phone photos uploaded meanwhile waited all that time behind it.
// OCR of a long document thus shares the machine with the next document
// in the queue rather than holding it back; when no long document is
// read, OCR runs on Config.OCRWorkers workers as before.
func (s *Service) workBeside(ctx context.Context) {
	for {
		if s.progress.long(longOCR) >= s.cfg.OCRWorkers {
			if id, ok := s.ocrQueue.tryPop(); ok {
				if !s.handle(ctx, id, true) {
					return
				}
				continue
			}
		}
		select {
		case <-time.After(besideInterval):
		case <-ctx.Done():
			return
		}
	}
}

// handle reads one document (ocr: with OCR) and sends it on to the
// indexer, to the OCR queue when it needs OCR and ocr is false, or marks
// it failed. It returns false when ctx ended.
func (s *Service) handle(ctx context.Context, id string, ocr bool) bool {
	// No job is taken while the node is refused: this one waits here, the
	// others in the queue.
	s.parked("take", id)
	if !s.waitServing(ctx) {
		return false
	}
	// The lease it waited in the OCR queue with, if it did, ends: the
	// take renews it as this worker's, no new attempt.
	s.ocrWaits.release(id)
	// Taken whatever becomes of the job: a job another node holds is
	// read by it.
	handed := s.handed.take(id)
	token, ok := s.takeJob(ctx, id)
	if !ok {
		return true // another node holds it, or it is done
	}
	lease := s.keepLease(ctx, id, token)
	job, err := s.prepare(ctx, id, handed, ocr, lease)
	if errors.Is(err, errRefused) {
		// Left where it was, its job given back uncounted for a newer
		// node to take; read again from the start if this node serves
		// again, by a worker that sends a scan on to the OCR queue in
		// its owner's lane.
		s.giveBack(ctx, lease)
		s.queue.push(id)
		return true
	}
	if err != nil && ctx.Err() != nil {
		s.giveBack(ctx, lease) // stopping: the next start, or another node, reads it
		return true
	}
	if errors.Is(err, extract.ErrNeedsOCR) {
		s.waitForOCR(ctx, id, err, lease)
		return true
	}
	if job == nil || err != nil {
		lease.end()
	}
	if err != nil {
		s.handleFailure(ctx, id, lease, stageExtract, atRead, err)
		return true
	}
	s.passed(id, atRead)
	if job == nil {
		return true
	}
	select {
	case s.toIndex <- *job:
		return true
	case <-ctx.Done():
		lease.end()
		return false
	}
}

// waitForOCR queues document id for the OCR workers, in the lane of the
// owner err names. Its job stays this node's, lease kept renewed while it
// waits (ocrWaits); held before it is queued, for an OCR worker to find.
// Held after the refusal gave back the waiting jobs (refuse), it is given
// back here: the refusal is read after the hold, so one of the two finds
// it.
func (s *Service) waitForOCR(ctx context.Context, id string, err error, lease *jobLease) {
	var owned *needsOCR
	owner := ""
	if errors.As(err, &owned) {
		owner = owned.owner
	}
	s.ocrWaits.hold(id, lease)
	s.ocrQueue.pushFor(owner, id)
	if s.refusedNow() != nil {
		s.giveBackWaiting(ctx)
	}
}

// prepare brings a document to the point where it can be indexed:
// extracting and storing its text if that was not done yet. It returns nil
// for documents that need nothing (deleted, already indexed or failed).
// lease is this node's taking of its job, which the job returned carries.
// handed is the document as its upload wrote it (handedDocs), or nil.
func (s *Service) prepare(ctx context.Context, id string, handed *catalog.Document, ocr bool, lease *jobLease) (*indexJob, error) {
	d, err := s.document(ctx, id, handed)
	if catalog.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	switch d.Status {
	case catalog.StatusExtracted:
		t, err := LoadText(ctx, s.blobs, d.SHA256)
		if catalog.IsNotFound(err) || errors.Is(err, ErrBadText) {
			job, err := s.extract(ctx, d, ocr, lease)
			return job, ownOCR(d, err)
		}
		if err != nil {
			return nil, err
		}
		return &indexJob{doc: d, pages: t.Pages, lease: lease}, nil
	case catalog.StatusStored:
		job, err := s.extract(ctx, d, ocr, lease)
		return job, ownOCR(d, err)
	}
	// Already indexed (by a refresh that came first) or failed: done, and
	// whoever waits for it is told so.
	s.finished(d)
	return nil, nil
}

func (s *Service) extract(ctx context.Context, d *catalog.Document, ocr bool, lease *jobLease) (*indexJob, error) {
	var text *catalog.TextRecord
	var t *StoredText
	var lazyText bool
	var lazySince uint64
	body, err := readText(ctx, s.blobs, d.SHA256)
	// Never read before (a fresh upload, a replaced original): no claim
	// or value cites its text, for they cite only a document read
	// (extracted or indexed); only a link given a quote while it was
	// being read can, so its quotes are looked for only then. Repair and
	// retry keep the pages counted, and a text bad or outdated has them
	// looked for again.
	neverRead := catalog.IsNotFound(err) && d.Pages == 0
	// A text stored but never recorded (a reading stopped between the
	// two) is a first reading's too: its links' quotes are looked for
	// with its batch unless looked for here.
	looked := false
	if err == nil {
		t, err = decodeText(d.SHA256, body)
	}
	if err == nil && (t.Outdated() || t.Headless()) {
		// Read by older rules: the same bytes uploaded again (after a
		// delete) or retried are read by today's readers, which may read a
		// photo stored sideways or a Word web page that the old ones
		// indexed as garbage; a text stored before texts kept their head
		// as written gets one, for its title's full-width marks. Not
		// while another document uses that text:
		// its index entry and the passages its claims and values cite
		// were cut from it, and would no longer agree with it.
		inUse, uerr := s.cat.SHA256InUse(ctx, d.SHA256, d.ID)
		if uerr != nil {
			return nil, uerr
		}
		if !inUse {
			err = errOutdatedText
		}
	}
	if err == nil {
		if text, err = textRecordIfMissing(ctx, s.cat, d.SHA256, body); err != nil {
			return nil, err
		}
		// Found with no hash recorded, it was saved by an extraction not
		// recorded (a crash, a failed flush, or another document of the
		// same bytes still on its way), by a lazy put perhaps, whose
		// failed write a flush would not write again: it is put again
		// and flushed before it is recorded, as one saved now would be.
		if text != nil && s.lazyStore() {
			if lazySince, err = s.putTextLazily(ctx, d.SHA256, body); err != nil {
				return nil, err
			}
			lazyText = true
		}
	} else {
		// Missing or damaged: the text is read again from the original.
		if !catalog.IsNotFound(err) && !errors.Is(err, ErrBadText) && !errors.Is(err, errOutdatedText) {
			return nil, err
		}
		if !ocr && extract.Format(d.Format) == extract.FormatImage {
			return nil, fmt.Errorf("image %s: %w", d.ID, extract.ErrNeedsOCR)
		}
		if t, err = s.extractOriginal(ctx, d, ocr); err != nil {
			return nil, err
		}
		// A fresh upload's text on a catalog of its own is made durable
		// with its batch's, before the batch is recorded
		// (recordExtractions); on a shared one the extraction is recorded
		// at once, below.
		h, since, lazy, err := s.saveText(ctx, d.SHA256, t, neverRead && !s.cfg.Shared)
		if err != nil {
			return nil, err
		}
		// Read anew (repair, older rules): the quotes cited in the old
		// text are looked for in the new. Read first: the quotes of links
		// given while it was being read are looked for with its batch,
		// the text stored and made durable (a lazy put is a first
		// reading's only).
		if !neverRead {
			// Its hash first: the quotes are read through the services,
			// which hold a text to its record (VerifiedTexts), and the
			// pages shown meanwhile read the new text as the one kept.
			if err := s.cat.RecordTextHash(ctx, d.SHA256, h); err != nil {
				return nil, err
			}
			s.recheckQuotes(ctx, d.SHA256)
			looked = true
		}
		lazyText, lazySince = lazy, since
		// Recorded with the bands, in their transaction.
		text = &catalog.TextRecord{Original: d.SHA256, Hash: h}
	}
	reading := t.Reading()
	// The fields the uploader left empty are filled with the status, so
	// the index job below carries them.
	// Fields and fingerprints come from the pages read well: a page OCR
	// read with low confidence would give a wrong 文号 or date, and bands
	// of garbage.
	trusted := reading.TrustedPages(t.Pages)
	read := readFields(t, trusted, d.Filename)
	if err := settleMisreadNumber(ctx, s.cat, d, &read); err != nil {
		return nil, err
	}
	fill := fieldFill(read)
	change := catalog.StatusChange{ID: d.ID, Status: catalog.StatusExtracted, Pages: len(t.Pages), Reading: &reading, Fill: fill,
		Reader: new(t.Reader())}
	set, bands := fingerprint(trusted)
	var legacy []int64
	if s.bandScheme.legacy.Load() {
		// Until the catalog's bands of scheme 1 are computed again.
		legacy = legacyBands(set)
	}
	job := &indexJob{doc: d, pages: t.Pages, ext: &catalog.Extraction{ID: d.ID, SHA256: d.SHA256, Bands: bands,
		Legacy: legacy, Text: text, Alone: change}, lazyText: lazyText, lazySince: lazySince, linkQuotes: d.Pages == 0 && !looked, lease: lease}
	job.set = setOfAllPages(reading, set)
	job.text = s.keptTextHash(job.set, text, body)
	if !s.cfg.Shared {
		return job, nil // recorded with the batch it is indexed in (recordExtractions)
	}
	if err := s.refusedNow(); err != nil {
		return nil, err // its text saved and not recorded: read as such next time
	}
	// On a shared catalog this node's lease on the job ends with this
	// function: recorded now, as a batch of one. A failure is handled
	// there; a document deleted meanwhile needs nothing more.
	ready := s.recordExtractions(ctx, []indexJob{*job})
	if len(ready) == 0 {
		return nil, nil
	}
	return &ready[0], nil
}

// setOfAllPages returns set, the shingles of a text's trusted pages,
// when they are all its pages, as the batch's comparisons shingle them;
// nil when a page is left out.
func setOfAllPages(r catalog.Reading, set neardup.Set) neardup.Set {
	if r.Unreliable() {
		return nil
	}
	return set
}

// keptTextHash is the SHA-256 of the stored text of a job with set (nil:
// none to keep), whose hash is that of text when it is recorded with the
// job, else of body, the stored bytes its pages were decoded from; "" for
// a text too short to keep (minCachedText) or when no set is kept.
func (s *Service) keptTextHash(set neardup.Set, text *catalog.TextRecord, body []byte) string {
	switch {
	case s.sets == nil || set == nil:
		return ""
	case text != nil:
		if text.Hash.Size < minCachedText {
			return ""
		}
		return text.Hash.SHA256
	case len(body) >= minCachedText:
		return hashText(body).SHA256
	}
	return ""
}

// errOutdatedText marks a stored text read by older extraction rules
// (StoredText.Outdated).
var errOutdatedText = errors.New("stored text read by older extraction rules")

// logFilled logs the fields an extraction filled in from the text.
func (s *Service) logFilled(d *catalog.Document) {
	if len(d.ExtractedFields) > 0 {
		s.log.Info("fields read from the text", "id", d.ID, "fields", d.ExtractedFields, "title", d.Title,
			"doc_number", d.DocNumber, "issuer", d.Issuer, "issued_on", d.IssuedOn, "round", d.Round)
	}
}

// extractOriginal extracts the text of a document's original. Extractors
// and pdftotext need a file: an original the blob store keeps as a local
// file is read in place (originals never change: their key is their
// hash); any other is copied to a temporary file first.
func (s *Service) extractOriginal(ctx context.Context, d *catalog.Document, ocr bool) (*StoredText, error) {
	rc, err := s.blobs.Get(ctx, catalog.OriginalKey(d.SHA256))
	if catalog.IsNotFound(err) {
		// The store's own words name a key no coordinator knows.
		return nil, fmt.Errorf("get original of %s: %w: %w", d.ID, catalog.Errorf(catalog.ENOTFOUND,
			"原件在存储中缺失，无法读取文字；请重新上传该文件（%s），或请管理员从文件存储的备份中取回原件", d.Filename), err)
	}
	if err != nil {
		return nil, fmt.Errorf("get original of %s: %w", d.ID, err)
	}
	defer rc.Close()
	start := time.Now()
	lim := s.cfg.Limits
	lim.DeferOCR = !ocr
	if ocr {
		lim.Progress = func(done, total int) { s.progress.set(d.ID, done, total) }
		defer s.progress.clear(d.ID)
	}
	// A reading writes nothing, so the refusal of the node cuts it at
	// once (an hour of OCR is not finished for nothing), and none of it
	// is written after.
	rctx, release := s.untilRefused(ctx)
	res, err := s.extractFrom(rctx, extract.Format(d.Format), rc, lim)
	cut := errors.Is(context.Cause(rctx), errRefused)
	release()
	if cut {
		return nil, s.stopped()
	}
	if err != nil {
		return nil, fmt.Errorf("extract %s (%s): %w", d.ID, d.Filename, err)
	}
	s.log.Info("text extracted", "id", d.ID, "extractor", res.Extractor, "pages", len(res.Pages), "took", time.Since(start))
	return &StoredText{Extractor: res.Extractor, Version: res.Version, Encoding: res.Encoding, Title: res.Title, Pages: res.Pages,
		Head: res.Head, PageSources: res.PageSources, OCRConfidence: res.OCRConfidence, SealPages: res.SealPages}, nil
}

// extractFrom extracts the text of the original rc: a local file is read
// as it is open (a plain-text one without opening it again), any other
// from a temporary copy.
func (s *Service) extractFrom(ctx context.Context, format extract.Format, rc io.Reader, lim extract.Limits) (*extract.Result, error) {
	if f, ok := rc.(*os.File); ok {
		if s.cfg.Sandbox != nil {
			return s.cfg.Sandbox.ExtractOpen(ctx, format, f, lim)
		}
		return extract.ExtractOpen(ctx, format, f, lim)
	}
	path, cleanup, err := s.localCopy(rc)
	if err != nil {
		return nil, fmt.Errorf("copy original: %w", err)
	}
	defer cleanup()
	if s.cfg.Sandbox != nil {
		return s.cfg.Sandbox.Extract(ctx, format, path, lim)
	}
	return extract.Extract(ctx, format, path, lim)
}

// localCopy returns the path of a temporary copy of the reader's bytes,
// which cleanup removes.
func (s *Service) localCopy(rc io.Reader) (path string, cleanup func(), err error) {
	if err := os.MkdirAll(s.cfg.TempDir, 0o755); err != nil {
		return "", nil, fmt.Errorf("create temp folder: %w", err)
	}
	f, err := os.CreateTemp(s.cfg.TempDir, "extract-*")
	if err != nil {
		return "", nil, fmt.Errorf("create temp file: %w", err)
	}
	_, err = io.Copy(f, rc)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", nil, err
	}
	return f.Name(), func() { os.Remove(f.Name()) }, nil
}

// DocumentFailedMessage is the log message of a document marked failed
// (a command that reports failures itself leaves it out of its log).
const DocumentFailedMessage = "document failed"

// handleFailure marks a document failed with a reason a person can act on,
// except when the object store or the catalog is only unavailable: then the
// document keeps its status and is tried again shortly. lease is this
// node's taking of its job (nil on a catalog of one node).
func (s *Service) handleFailure(ctx context.Context, id string, lease *jobLease, stage catalog.Words, at stallPoint, err error) {
	if ctx.Err() != nil {
		return
	}
	if s.refusedNow() != nil {
		// A failure found as the node was refused is not written into
		// the newer catalog: it is found again if this node serves again.
		s.giveBack(ctx, lease)
		s.queue.push(id)
		return
	}
	err = diskFull(err)
	if catalog.ErrorCode(err) == catalog.EUNAVAILABLE {
		s.unavailable(ctx, id, at, err)
		return
	}
	s.log.Warn(DocumentFailedMessage, "id", id, "err", err)
	reason, english := failureReason(stage, err)
	change := catalog.StatusChange{ID: id, Status: catalog.StatusFailed, Error: reason, ErrorEnglish: english}
	if serr := s.cat.SetStatus(ctx, change); serr != nil {
		s.log.Error("record failure", "id", id, "err", serr)
		s.unavailable(ctx, id, at, serr)
		return
	}
	if d, derr := s.cat.Document(ctx, id); derr == nil {
		s.finished(d)
	}
}

// A batch goes to the index when it is full (Config.BatchSize documents, or
// index.MaxBatchText bytes of text), when no document has come for
// indexIdleDelay, or indexMaxDelay after its first document. So a lone
// upload is searchable after 100 ms, while a bulk load, whose documents
// keep coming, fills large batches: fewer segments, less merging, and
// fewer writes that make the index forget the results it keeps for
// searches. During a bulk load a document is searchable within 3 s of
// being read (1 s before: under the load tool, searches per second rose
// by a quarter and uploads by a tenth; bench/README.md).
const (
	indexIdleDelay = 100 * time.Millisecond
	indexMaxDelay  = 3 * time.Second
)

// maxIndexLag is how long after its upload a document may wait to be
// indexed while the index's background work gives way to searches
// (internal/lowprio): a batch holding one uploaded longer ago, and the
// merges after it, run at the searches' priority, so that searches that
// keep every core busy cannot put the indexing of uploads off without
// end. Three times a bulk load's indexMaxDelay.
const maxIndexLag = 10 * time.Second

// behindUploads says whether jobs hold a document uploaded more than
// maxIndexLag before now.
func behindUploads(jobs []indexJob, now time.Time) bool {
	for _, j := range jobs {
		if uploadedLongAgo(j.doc, now) {
			return true
		}
	}
	return false
}

// uploadedLongAgo says whether d was uploaded more than maxIndexLag
// before now.
func uploadedLongAgo(d *catalog.Document, now time.Time) bool {
	return !d.UploadedAt.IsZero() && now.Sub(d.UploadedAt) > maxIndexLag
}

// retryLater puts a document back on the queue after Config.RetryDelay,
// for failures that say nothing about the document itself.
func (s *Service) retryLater(ctx context.Context, id string) {
	time.AfterFunc(s.cfg.RetryDelay, func() {
		if ctx.Err() == nil {
			s.queue.push(id)
		}
	})
}

// runIndexer batches documents into the index, then marks them indexed in
// one catalog transaction, so that the catalog never claims a document is
// searchable before it is. It works in two steps that overlap: while one
// batch is written to the index (writeBatch), the next one's extractions
// are recorded (recordExtractions). On the benchmark's corpus the
// indexer is what the pipeline waits for, and recording took a fifteenth
// of its time with the index idle (bench/README.md, ingest step 14).
func (s *Service) runIndexer(ctx context.Context) {
	recorded := make(chan []indexJob, 1)
	written := make(chan struct{})
	go func() {
		defer close(written)
		for jobs := range recorded {
			// Begun, as far as the keepers of its leases know, before
			// the refusal is looked at: a refusal after the look leaves
			// the batch to finish, and its leases renewed till its end.
			for _, j := range jobs {
				j.lease.finish()
			}
			if !s.putBackRefused(ctx, jobs) {
				if s.batchBegun != nil {
					s.batchBegun()
				}
				s.writeBatch(ctx, jobs)
			}
			endLeases(jobs)
		}
	}()
	defer func() {
		close(recorded)
		<-written
	}()
	batch := pendingBatch{jobs: make([]indexJob, 0, s.cfg.BatchSize), maxJobs: s.cfg.BatchSize}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	record := func(jobs []indexJob) {
		if s.putBackRefused(ctx, jobs) {
			endLeases(jobs)
			return
		}
		leases := map[*jobLease]bool{}
		for _, j := range jobs {
			leases[j.lease] = true
		}
		ready := s.recordExtractions(ctx, jobs) // may reuse jobs' storage
		for _, j := range ready {
			delete(leases, j.lease)
		}
		for l := range leases {
			l.end() // left out: failed, gone or tried again later
		}
		if len(ready) > 0 {
			recorded <- slices.Clone(ready) // the batch's storage is reused
		}
	}
	for {
		select {
		case job, ok := <-s.toIndex:
			if !ok {
				batch.send(record)
				return
			}
			if batch.offer(job, record) {
				timer.Reset(min(indexIdleDelay, indexMaxDelay-time.Since(batch.first)))
			} else {
				timer.Stop()
			}
		case <-timer.C:
			batch.send(record)
		}
	}
}

// pendingBatch is the indexer's batch being filled.
type pendingBatch struct {
	jobs    []indexJob
	maxJobs int
	text    int       // bytes of the jobs' text
	first   time.Time // when the first job came
}

// offer puts job in the batch and reports whether jobs are left waiting
// in it. The batch is sent on (send) when it is full: maxJobs documents,
// or index.MaxBatchText bytes of text; and before job joins it when job's
// text would take it past index.MaxBatchText, which Index writes as one
// Bleve batch (a longer document goes alone). A batch taken past it was
// cut in two by Index, a document going alone: for documents of 17 KB
// nearly every batch, and the pipeline's Bleve work cost 40 % more CPU
// than raw Bleve's (bench/README.md, ingest step 12).
func (b *pendingBatch) offer(job indexJob, send func([]indexJob)) (waiting bool) {
	size := index.Document{Pages: job.pages}.TextSize()
	if b.text+size > index.MaxBatchText {
		b.send(send)
	}
	if len(b.jobs) == 0 {
		b.first = time.Now()
	}
	b.jobs = append(b.jobs, job)
	b.text += size
	if len(b.jobs) >= b.maxJobs || b.text >= index.MaxBatchText {
		b.send(send)
		return false
	}
	return true
}

// send sends the batch's jobs on, if it has any, and empties it, keeping
// its storage: send must not keep the slice.
func (b *pendingBatch) send(send func([]indexJob)) {
	if len(b.jobs) == 0 {
		return
	}
	send(b.jobs)
	clear(b.jobs)
	b.jobs, b.text = b.jobs[:0], 0
}

// writeBatch writes jobs, whose extractions are recorded, to the index,
// links the documents of one 文号, and marks them indexed.
func (s *Service) writeBatch(ctx context.Context, jobs []indexJob) {
	docs := make([]index.Document, len(jobs))
	for i, j := range jobs {
		docs[i] = IndexDocument(j.doc, j.pages)
	}
	live, err := s.writeIndexed(ctx, docs, behindUploads(jobs, time.Now()))
	if err != nil {
		if ctx.Err() != nil {
			return // stopping: the documents stay extracted, and the next Start indexes them
		}
		s.log.Error("index batch", "size", len(docs), "err", err)
		for _, j := range jobs {
			s.handleFailure(ctx, j.doc.ID, j.lease, stageIndex, atIndex, fmt.Errorf("index: %w", err))
		}
		return
	}
	// The documents one is part of, or that are part of it, are found by
	// its 文号 once its fields are read, and linked before it is marked
	// indexed, as its near duplicates are. When the catalog or the store
	// is down, a document whose links could not be looked for stays
	// extracted and is tried again (unavailable), as for its near
	// duplicates: a later document of its 文号 compares only itself, so
	// the pair would otherwise be linked only by a reindex. A candidate
	// whose text is missing or damaged is skipped (linkParts).
	numbered := make([]*catalog.Document, len(jobs))
	for i, j := range jobs {
		if numbered[i] = j.doc; live[j.doc.ID] != nil {
			numbered[i] = live[j.doc.ID]
		}
	}
	failed := map[string]error{}
	byNumber, err := s.cat.SameDocNumber(ctx, numbered, maxPartCandidates)
	if err != nil {
		if ctx.Err() != nil {
			return // stopping: the documents stay extracted, and the next Start links and marks them
		}
		for _, d := range numbered {
			if d.DocNumber != "" {
				failed[d.ID] = fmt.Errorf("find the documents of its 文号: %w", err)
			}
		}
	}
	for i, j := range jobs {
		if failed[j.doc.ID] != nil {
			continue
		}
		if _, err := linkParts(ctx, s.cat, s.blobs, numbered[i], j.set, j.pages, byNumber[j.doc.ID]); err != nil {
			if ctx.Err() != nil {
				return
			}
			failed[j.doc.ID] = err
		}
	}
	for _, j := range jobs {
		if err := failed[j.doc.ID]; err != nil {
			s.unavailable(ctx, j.doc.ID, atIndex, err)
		}
	}
	if len(failed) > 0 {
		jobs = slices.DeleteFunc(slices.Clone(jobs), func(j indexJob) bool { return failed[j.doc.ID] != nil })
		if len(jobs) == 0 {
			return
		}
	}
	// Marked indexed only from extracted: a document 重新读取 sent back to
	// stored while this job, built from its old text, was on its way is
	// left stored, for the pipeline to index from its new text.
	changes := make([]catalog.StatusChange, len(jobs))
	for i, j := range jobs {
		changes[i] = catalog.StatusChange{ID: j.doc.ID, Status: catalog.StatusIndexed,
			From: []catalog.Status{catalog.StatusExtracted}}
	}
	moved, err := s.cat.MoveStatus(ctx, changes...)
	if err != nil {
		if ctx.Err() != nil {
			return // stopping: the documents stay extracted, and the next Start marks them
		}
		// The documents stay extracted; index them again shortly.
		s.log.Error("mark indexed", "size", len(changes), "err", err)
		for _, j := range jobs {
			s.unavailable(ctx, j.doc.ID, atIndex, err)
		}
		return
	}
	for i, j := range jobs {
		if !moved[i] {
			continue
		}
		d := j.doc
		if cd, ok := live[d.ID]; ok {
			d = cd // with the fields its extraction filled in
			if j.recorded {
				s.logFilled(d)
			}
		}
		d.Status = catalog.StatusIndexed
		s.finished(d)
	}
}

// recordExtractions records in the catalog what the extraction of each
// job with one found (catalog.RecordExtractions: bands, text hash, status
// and fields in one transaction for the batch), links the near duplicates
// of those that share a band with another document, and returns the jobs
// that are ready for the index. A job whose extraction could not be
// recorded is handled as a failed extraction; when the batch's
// transaction fails, each extraction is recorded alone, so one document's
// fault fails no other. Before anything is recorded, the texts saved by
// lazy puts are made durable (flushBatchTexts), then the quotes of the
// links of the documents read for the first time are looked for in them,
// asked for once for the batch (lookForLinkQuotes).
func (s *Service) recordExtractions(ctx context.Context, jobs []indexJob) []indexJob {
	var exts []catalog.Extraction
	for _, j := range jobs {
		if j.ext != nil {
			exts = append(exts, *j.ext)
		}
	}
	if len(exts) == 0 {
		return jobs
	}
	jobs, exts = s.flushBatchTexts(ctx, jobs, exts)
	if len(exts) == 0 {
		return jobs
	}
	// Looked for in texts made durable: their marks are recorded now.
	s.lookForLinkQuotes(ctx, jobs)
	leases := make(map[string]*jobLease, len(jobs))
	for _, j := range jobs {
		leases[j.doc.ID] = j.lease
	}
	outs, err := s.cat.RecordExtractions(ctx, exts, maxNearDuplicateCandidates)
	// A batch cut off by the stop (ctx ended) is left to the next start,
	// as one that found the catalog unavailable is to a retry: neither
	// says anything of one document.
	if err != nil && len(exts) > 1 && catalog.ErrorCode(err) != catalog.EUNAVAILABLE && ctx.Err() == nil {
		s.log.Warn("record a batch of extractions, recording each alone", "size", len(exts), "err", err)
		outs, err = make([]catalog.ExtractionOutcome, len(exts)), nil
		for i := range exts {
			one, oneErr := s.cat.RecordExtractions(ctx, exts[i:i+1], maxNearDuplicateCandidates)
			if oneErr != nil {
				outs[i] = catalog.ExtractionOutcome{Gone: true} // handled: left out below
				s.handleFailure(ctx, exts[i].ID, leases[exts[i].ID], stageExtract, atRecord, oneErr)
				continue
			}
			outs[i] = one[0]
		}
	}
	if err != nil {
		for _, e := range exts {
			s.handleFailure(ctx, e.ID, leases[e.ID], stageExtract, atRecord, err)
		}
		outs = make([]catalog.ExtractionOutcome, len(exts))
		for i := range outs {
			outs[i].Gone = true
		}
	}
	var linking []indexJob
	var linkCands [][]catalog.Candidate
	k := 0
	for _, j := range jobs {
		if j.ext == nil {
			continue
		}
		if o := outs[k]; !o.Gone && !o.Applied {
			linking, linkCands = append(linking, j), append(linkCands, o.Candidates)
		}
		k++
	}
	linkErrs := s.linkNearDuplicates(ctx, jobs, linking, linkCands)
	s.keepSets(jobs, outs)
	ready := jobs[:0]
	k, l := 0, 0
	for _, j := range jobs {
		if j.ext == nil {
			ready = append(ready, j)
			continue
		}
		o := outs[k]
		k++
		if o.Gone {
			continue
		}
		if !o.Applied {
			err := linkErrs[l]
			l++
			if err != nil {
				s.handleFailure(ctx, j.doc.ID, j.lease, stageExtract, atRecord, err)
				continue
			}
		}
		j.ext, j.recorded = nil, true
		s.passed(j.doc.ID, atRecord)
		ready = append(ready, j)
	}
	return ready
}

// keepSets keeps the sets of the long texts of jobs whose extraction was
// recorded (outs, in the order of the jobs with one), for the later
// versions of those texts to compare with (setCache).
func (s *Service) keepSets(jobs []indexJob, outs []catalog.ExtractionOutcome) {
	k := 0
	for _, j := range jobs {
		if j.ext == nil {
			continue
		}
		if !outs[k].Gone && j.text != "" {
			s.sets.put(j.text, j.set, j.readByOCR())
		}
		k++
	}
}

// flushBatchTexts makes the texts of the batch's jobs saved by lazy puts
// durable, by one flush, before their extractions are recorded. A job
// whose text a failed flush may concern (this one, or an earlier one
// after its text was put: textFlushes) is left out and its document tried
// again later (the store is at fault, not the document); the retry finds
// its text with no hash recorded and puts it again. It returns the jobs
// left and their extractions, and may reuse the storage of jobs.
func (s *Service) flushBatchTexts(ctx context.Context, jobs []indexJob, exts []catalog.Extraction) ([]indexJob, []catalog.Extraction) {
	lazy := func(j indexJob) bool { return j.ext != nil && j.lazyText }
	if !slices.ContainsFunc(jobs, lazy) {
		return jobs, exts
	}
	if err := s.flushTexts(ctx); err != nil && ctx.Err() != nil {
		return nil, nil // stopping: the documents stay stored, and the next Start extracts them
	}
	lost := map[string]bool{}
	for _, j := range jobs {
		if !lazy(j) {
			continue
		}
		if cause := s.flushes.lost(j.lazySince); cause != nil {
			lost[j.doc.ID] = true
			s.unavailable(ctx, j.doc.ID, atRecord, cause)
		}
	}
	if len(lost) == 0 {
		return jobs, exts
	}
	jobs = slices.DeleteFunc(jobs, func(j indexJob) bool { return lazy(j) && lost[j.doc.ID] })
	exts = exts[:0]
	for _, j := range jobs {
		if j.ext != nil {
			exts = append(exts, *j.ext)
		}
	}
	return jobs, exts
}

// linkNearDuplicates compares the text of each of linking, jobs of batch,
// with its candidates and records its status with the links found; it
// returns each one's error. A candidate of the same batch is compared
// from the text in memory; the others' stored texts are read as streams,
// maxTextReads at a time and once for all the jobs that have them as
// candidates (many versions of one text in a bulk load, or a slow object
// store, would otherwise hold up the indexer with reads one after
// another), within the server's memory budget (comparer). A text the store
// fails to give fails only the jobs that have it as a candidate.
func (s *Service) linkNearDuplicates(ctx context.Context, batch, linking []indexJob, cands [][]catalog.Candidate) []error {
	errs := make([]error, len(linking))
	inBatch := map[string]indexJob{} // by the SHA-256 of the original
	for _, j := range batch {
		inBatch[j.doc.SHA256] = j
	}
	held, stored := planComparisons(inBatch, linking, cands)
	reads := make([]*textRead, 0, len(stored))
	for _, r := range stored {
		reads = append(reads, r)
	}
	s.comparer().readAll(ctx, s.compareKept(ctx, reads))
jobs:
	for i, j := range linking {
		text := held[j.doc.SHA256]
		var found []catalog.NearDuplicate
		for _, c := range cands[i] {
			if other, ok := inBatch[c.SHA256]; ok {
				o := held[other.doc.SHA256]
				found = appendSimilar(found, c, neardup.Similarity(text.Text, o.Text, text.Set, o.Set))
				continue
			}
			r := stored[c.SHA256]
			if r.err != nil {
				errs[i] = fmt.Errorf("near duplicates of %s: %w", j.doc.ID, r.err)
				continue jobs
			}
			if r.sims != nil {
				found = appendSimilar(found, c, r.sims[slices.Index(r.ids, j.doc.ID)])
			}
		}
		change := j.ext.Alone
		change.NearDuplicates = found
		errs[i] = s.cat.SetStatus(ctx, change)
	}
	return errs
}

// planComparisons returns the texts of the batch to compare, held, and
// the stored texts to read, each with the held texts of the jobs that
// have it as a candidate; both by SHA-256 of the original.
func planComparisons(inBatch map[string]indexJob, linking []indexJob,
	cands [][]catalog.Candidate) (map[string]*neardup.Held, map[string]*textRead) {
	held := map[string]*neardup.Held{}
	heldText := func(j indexJob) *neardup.Held {
		h, ok := held[j.doc.SHA256]
		if !ok {
			h = newHeldText(j.pages, j.readByOCR(), j.set)
			held[j.doc.SHA256] = h
		}
		return h
	}
	stored := map[string]*textRead{}
	for i, j := range linking {
		text := heldText(j)
		for _, c := range cands[i] {
			if other, ok := inBatch[c.SHA256]; ok {
				heldText(other)
				continue
			}
			r, ok := stored[c.SHA256]
			if !ok {
				r = &textRead{sha: c.SHA256}
				stored[c.SHA256] = r
			}
			if !slices.Contains(r.ids, j.doc.ID) {
				r.held, r.ids = append(r.held, text), append(r.ids, j.doc.ID)
			}
		}
	}
	return held, stored
}

// writeIndex writes documents to the index with the catalog's metadata and
// links as they are now: it reloads both inside the lock, so the last write
// of a document always carries its latest title, type and links, whether
// it comes from the pipeline or from an edit, and a document deleted
// meanwhile is removed instead of written back. behind says the write,
// and the merges after it, are late for someone (lowprio.Behind): they
// then run at the searches' priority.
func (s *Service) writeIndex(ctx context.Context, docs []index.Document, behind bool) error {
	_, err := s.writeIndexed(ctx, docs, behind)
	return err
}

// writeIndexed is writeIndex that also returns the catalog's documents it
// wrote, by ID.
func (s *Service) writeIndexed(ctx context.Context, docs []index.Document, behind bool) (map[string]*catalog.Document, error) {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	// Said inside the lock: a batch and an edit's write in turn each
	// run with their own.
	lowprio.Behind(behind)
	return s.writeIndexLocked(ctx, docs)
}

// writeEdited writes documents whose links or metadata were edited to the
// index at the searches' priority (lowprio.Behind): a user who edited
// them waits to find them so. Once written, the last batch's word holds
// again: the merges after an edit are late for no one, and left behind
// they ran at the searches' priority until the next batch, perhaps hours
// away (review s59, low).
func (s *Service) writeEdited(ctx context.Context, docs []index.Document) error {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	// Every write says its word under the lock, and an edit's gives the
	// word back as it found it: what it finds is the last batch's.
	batchBehind := lowprio.IsBehind()
	lowprio.Behind(true)
	defer lowprio.Behind(batchBehind)
	_, err := s.writeIndexLocked(ctx, docs)
	return err
}

// writeIndexLocked is writeIndexed's write, under indexMu.
func (s *Service) writeIndexLocked(ctx context.Context, docs []index.Document) (map[string]*catalog.Document, error) {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	live, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	fresh := make([]index.Document, 0, len(docs))
	var gone []string
	for _, d := range docs {
		cd, ok := live[d.ID]
		if !ok {
			gone = append(gone, d.ID)
			continue
		}
		fresh = append(fresh, IndexDocument(cd, d.Pages))
	}
	if err := fillIndicators(ctx, s.cat, fresh); err != nil {
		return nil, err
	}
	if len(fresh) > 0 {
		if err := s.idx.Index(ctx, fresh); err != nil {
			return nil, err
		}
		// Restored after a removal that failed: the index's copy is the
		// live document's now, which searches must no longer leave out
		// (DeletesNotApplied).
		written := make([]string, len(fresh))
		for i, d := range fresh {
			written[i] = d.ID
		}
		s.unindexLag.remove(written)
	}
	if len(gone) > 0 {
		if err := s.idx.Delete(ctx, gone...); err != nil {
			return nil, err
		}
		s.unindexLag.remove(gone)
	}
	// The documents' cities as given too: the catalog has none for a
	// document deleted meanwhile.
	s.indexChanged(citiesOf(fresh, docs)...)
	return live, nil
}

func fillIndicators(ctx context.Context, cat *catalog.Store, docs []index.Document) error {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	inds, err := cat.DocumentIndicators(ctx, ids)
	if err != nil {
		return err
	}
	for i := range docs {
		docs[i].Indicators = inds[docs[i].ID]
	}
	return nil
}

// Refresh rewrites the index entries of documents whose links or metadata
// changed, so that search follows at once. Documents not yet indexed are
// left to the pipeline, which reads links when it indexes them.
//
// A document sent back to stored after it was indexed (重新读取, a
// repair) keeps its index copy till the pipeline reads it again, and no
// search corrects for it (it is not pending): while it has a stored text
// (重新读取 saves the new one before it sends it back) its entry is
// written from it too, and it is left stored; without one (repair
// deleted it, a fresh upload of bytes never read), or with one the
// pipeline will read anew (outdated), it is left to the pipeline
// (review s55: it was found by its old values till then). A fresh
// upload of bytes read before has their stored text: edited before its
// reading, it is written from that text, in its own city, as the
// pipeline would write it.
func (s *Service) Refresh(ctx context.Context, ids ...string) error {
	var docs []index.Document
	var catDocs []*catalog.Document
	for _, id := range ids {
		d, err := s.cat.Document(ctx, id)
		if catalog.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		stored := d.Status == catalog.StatusStored
		if d.Status != catalog.StatusIndexed && d.Status != catalog.StatusExtracted && !stored {
			continue
		}
		t, err := LoadText(ctx, s.blobs, d.SHA256)
		if stored && (catalog.IsNotFound(err) || errors.Is(err, ErrBadText)) {
			continue
		}
		if err != nil {
			return fmt.Errorf("refresh %s: %w", id, err)
		}
		if stored && (t.Outdated() || t.Headless()) {
			// The pipeline reads it anew (extract): written here, the
			// old text could land after the new.
			continue
		}
		docs = append(docs, IndexDocument(d, t.Pages))
		catDocs = append(catDocs, d)
	}
	if len(docs) == 0 {
		return nil
	}
	// At the searches' priority: a refresh's write at low priority
	// waited for every search, with the last batch's word, perhaps hours
	// old, deciding (review s58, low).
	if err := s.writeEdited(ctx, docs); err != nil {
		return err
	}
	// An edit moves an indexed document back to extracted so a crash before
	// this point is repaired on restart; now it is indexed again.
	// Only from extracted or indexed: one 重新读取 sent back to stored
	// meanwhile is indexed again from its new text by the pipeline.
	changes := make([]catalog.StatusChange, len(docs))
	for i, d := range docs {
		changes[i] = catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed,
			From: []catalog.Status{catalog.StatusExtracted, catalog.StatusIndexed}}
	}
	moved, err := s.cat.MoveStatus(ctx, changes...)
	if err != nil {
		return err
	}
	for i, d := range catDocs {
		if !moved[i] {
			continue
		}
		d.Status = catalog.StatusIndexed
		s.finished(d)
	}
	return nil
}

// IndexDocument is the index's view of a catalog document with its text;
// its Indicators are filled in when it is written.
func IndexDocument(d *catalog.Document, pages []string) index.Document {
	doc := index.Document{
		ID: d.ID, Title: d.Title, Pages: pages, City: d.City, DocType: string(d.DocType),
		Department: d.Department, Year: d.Year(), Round: d.MonitoringRound(), DocNumber: d.DocNumber,
	}
	if d.IsExtracted(catalog.FieldDocNumber) {
		// The 文号 as OCR read it, while the 文号 is the guess from it.
		doc.DocNumberRead = d.DocNumberRead
	}
	// A month without its day is dated on the 1st, so that a range of
	// days finds it in its month; a bare year is left to the year filter.
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, d.IssuedOn); err == nil {
			doc.IssuedOn = t
			break
		}
	}
	return doc
}
