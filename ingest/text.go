package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// StoredText is the extracted text of a document as kept in the blob store
// under text/<sha256>.json, so that a reindex never extracts again.
type StoredText struct {
	Extractor string   `json:"extractor"`
	Version   int      `json:"version"`
	Encoding  string   `json:"encoding,omitempty"`
	Title     string   `json:"title,omitempty"`
	Pages     []string `json:"pages"`
	// Head is extract.Result's: the start of the document as written,
	// before its full-width marks were folded, which the title read from
	// the pages takes its marks back from (readFields). Empty for text
	// stored before it existed (Headless): RereadFields adds it when the
	// original reads the same again (addHead); else those titles keep
	// the folded marks until the text is extracted again. Head must stay
	// after Pages: TextPages.readHead decodes only the fields before the
	// pages as it streams a text, and the reading fields after them are
	// decoded into an object that has no head.
	Head string `json:"head,omitempty"`

	// PageSources, OCRConfidence and SealPages are extract.Result's: where
	// each page's text came from, the mean OCR confidence, and the pages
	// with a red official seal. Empty for text stored before they existed.
	PageSources   []string `json:"page_sources,omitempty"`
	OCRConfidence *float64 `json:"ocr_confidence,omitempty"`
	SealPages     []int    `json:"seal_pages,omitempty"`
}

// Reading is how the text's pages were read, for the catalog.
func (t *StoredText) Reading() catalog.Reading {
	return catalog.Reading{PageSources: t.PageSources, OCRConfidence: t.OCRConfidence, SealPages: t.SealPages}
}

// Reader is the reader that gave the text and its rules' version, as the
// catalog records it: a scan's pages OCR'd inside the PDF or OFD reader
// name it pdf+ocr (extract.ReaderOf).
func (t *StoredText) Reader() catalog.TextReader {
	return catalog.TextReader{Name: extract.ReaderOf(t.Extractor, t.PageSources), Version: t.Version}
}

// Outdated says whether older rules than today's read the text.
func (t *StoredText) Outdated() bool {
	r := t.Reader()
	return r.Version < extract.VersionOf(r.Name)
}

// Headless says whether t was stored before texts kept their head as
// written (Head) while it has text to take one from, read from the
// file's own text: re-read from the original, its title takes back the
// full-width marks the document wrote. A text OCR read is not: its head
// would be what OCR reads this time, and a text with nothing on its pages
// has no head to keep.
func (t *StoredText) Headless() bool {
	if t.Head != "" || t.Reading().ByOCR() {
		return false
	}
	if strings.TrimSpace(t.Title) != "" {
		return true
	}
	for _, p := range t.Pages {
		if strings.TrimSpace(p) != "" {
			return true
		}
	}
	return false
}

// SaveText writes t as the text of the document with these bytes and
// returns the hash of what it wrote, for the catalog (RecordTextHash).
func SaveText(ctx context.Context, store blob.Store, sha string, t *StoredText) (catalog.TextHash, error) {
	return saveTextBy(ctx, sha, t, store.Put)
}

// saveTextBy is SaveText through put, a store's Put or PutLazy.
func saveTextBy(ctx context.Context, sha string, t *StoredText, put func(context.Context, string, io.Reader, int64, string) error) (catalog.TextHash, error) {
	buf := textBuffers.Get().(*[]byte)
	defer putTextBuffer(buf)
	body, err := encodeText(buf, t)
	if err != nil {
		return catalog.TextHash{}, fmt.Errorf("encode text: %w", err)
	}
	key := catalog.TextKey(sha)
	if err := put(ctx, key, bytes.NewReader(body), int64(len(body)), "application/json"); err != nil {
		return catalog.TextHash{}, fmt.Errorf("put %s: %w", key, err)
	}
	return hashText(body), nil
}

// textBuffers hold the JSON of texts being saved: a document's text is
// encoded into a buffer the worker used before, not a new slice each time
// (bench/README.md, ingest step 16). The store has read the body when Put
// returns, so the buffer is free again then.
var textBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledText is the largest buffer kept for the next text: a text of
// tens of MiB is not held for the small ones after it.
const maxPooledText = 1 << 20

func putTextBuffer(buf *[]byte) {
	if cap(*buf) <= maxPooledText {
		textBuffers.Put(buf)
	}
}

// encodeText returns t as json.Marshal encodes it (appendTextJSON),
// written into buf, which keeps what it grew to.
func encodeText(buf *[]byte, t *StoredText) ([]byte, error) {
	b, err := appendTextJSON((*buf)[:0], t)
	if err != nil {
		return nil, err
	}
	*buf = b
	return b, nil
}

// LoadText reads the stored text of the document with these bytes;
// ENOTFOUND when it was never extracted, ECONFLICT (with a message that
// says what to do) when the blob is there but is not readable text.
func LoadText(ctx context.Context, store blob.Store, sha string) (*StoredText, error) {
	body, err := readText(ctx, store, sha)
	if err != nil {
		return nil, err
	}
	return decodeText(sha, body)
}

// readText reads the stored text blob of the document with these bytes as
// it is; ENOTFOUND when there is none, ErrBadText when it breaks off while
// the store is up (a damaged file: the text is read again from the
// original).
func readText(ctx context.Context, store blob.Store, sha string) ([]byte, error) {
	key := catalog.TextKey(sha)
	rc, err := store.Get(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	defer rc.Close()
	body, err := io.ReadAll(rc)
	if storeDown(ctx, err) {
		return nil, fmt.Errorf("read %s: %w", key, err)
	}
	if err != nil {
		return nil, errBadText(sha, err)
	}
	return body, nil
}

// decodeText reads a text blob's bytes as stored text (ErrBadText when
// they are not).
func decodeText(sha string, body []byte) (*StoredText, error) {
	var t StoredText
	if err := json.Unmarshal(body, &t); err != nil {
		return nil, errBadText(sha, err)
	}
	if t.Pages == nil {
		return nil, errBadText(sha, errors.New("no pages"))
	}
	return &t, nil
}

// hashText is what the catalog records of a text blob's bytes, and what
// check holds the blob to.
func hashText(body []byte) catalog.TextHash {
	sum := sha256.Sum256(body)
	return catalog.TextHash{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(body))}
}

// ErrBadText marks a stored text that exists but cannot be used.
var ErrBadText = errors.New("stored text damaged")

func errBadText(sha string, cause error) error {
	return fmt.Errorf("%w: text/%s.json: %v: %w", ErrBadText, sha, cause,
		catalog.Errorf(catalog.ECONFLICT, "该文档保存的提取文字已损坏，暂时无法显示；请管理员运行 evidence check 查明，再用 evidence repair 重新提取"))
}

// textRecordIfMissing returns the hash record of an original's stored
// text body when the catalog has none, nil when it has one: a text saved
// by an extraction whose transaction then failed lost its hash with it,
// and check can only hold a text to a recorded hash.
func textRecordIfMissing(ctx context.Context, cat *catalog.Store, sha string, body []byte) (*catalog.TextRecord, error) {
	if _, err := cat.TextHashOf(ctx, sha); !catalog.IsNotFound(err) {
		return nil, err
	}
	return &catalog.TextRecord{Original: sha, Hash: hashText(body)}, nil
}

// saveText saves t as SaveText does, by a lazy put when lazy is asked and
// the store takes one (blob.LazyPutter); it says whether it did, with the
// flushes started before the put (textFlushes.lost): the text must then be
// flushed (flushTexts) before anything records it.
func (s *Service) saveText(ctx context.Context, sha string, t *StoredText, lazy bool) (h catalog.TextHash, since uint64, put bool, err error) {
	lp, ok := s.blobs.(blob.LazyPutter)
	if !lazy || !ok {
		h, err := SaveText(ctx, s.blobs, sha, t)
		return h, 0, false, err
	}
	since = s.flushes.started.Load()
	h, err = saveTextBy(ctx, sha, t, lp.PutLazy)
	return h, since, err == nil, err
}

// putTextLazily puts a text's stored bytes again by a lazy put and
// returns the flushes started before it.
func (s *Service) putTextLazily(ctx context.Context, sha string, body []byte) (uint64, error) {
	since := s.flushes.started.Load()
	key := catalog.TextKey(sha)
	if err := s.blobs.(blob.LazyPutter).PutLazy(ctx, key, bytes.NewReader(body), int64(len(body)), "application/json"); err != nil {
		return 0, fmt.Errorf("put %s: %w", key, err)
	}
	return since, nil
}

// lazyStore says whether the store takes lazy puts.
func (s *Service) lazyStore() bool {
	_, ok := s.blobs.(blob.LazyPutter)
	return ok
}

// textFlushes counts the flushes of texts saved by lazy puts and keeps the
// last that failed. A failed flush may concern any text put before it,
// even one that a later flush reports durable (a page whose write failed
// is not written again: blob.LazyPutter), so such a text is put again
// before it is recorded.
type textFlushes struct {
	started atomic.Uint64 // flushes started, read before each lazy put
	mu      sync.Mutex    // one flush at a time: a failure is known before the next one's callers ask
	failed  uint64        // the number of the last flush that failed, 0 for none
	cause   error
}

// lost returns why a text put when since flushes had started must be put
// again (a flush that failed since it was put), nil when none failed. A
// flush that failed before since had ended before the put began, for
// flushes run one at a time.
func (f *textFlushes) lost(since uint64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failed != 0 && f.failed >= since {
		return f.cause
	}
	return nil
}

// flushTexts makes the texts saved by lazy puts so far durable.
func (s *Service) flushTexts(ctx context.Context) error {
	f := &s.flushes
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.started.Add(1)
	if err := s.blobs.(blob.LazyPutter).Flush(ctx); err != nil {
		f.failed, f.cause = n, fmt.Errorf("sync extracted texts: %w", err)
		return f.cause
	}
	return nil
}
