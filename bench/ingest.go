package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/index/indexbench"
)

// IngestDetails are the raw measurements of the ingest figures.
type IngestDetails struct {
	Docs      int   `json:"docs"`
	TextBytes int64 `json:"text_bytes"`
	Clients   int   `json:"clients"`
	// PerRequest is how many files an upload request carried at most.
	PerRequest int `json:"per_request"`
	// FileCreateMicros is the CPU a new 3 KB file cost in the work folder
	// before the rounds (waitForCheapFiles).
	FileCreateMicros float64 `json:"file_create_micros,omitempty"`

	PipelineSeconds float64 `json:"pipeline_seconds"` // first upload to last indexed
	UploadSeconds   float64 `json:"upload_seconds"`   // first upload to last upload answered
	Failed          int     `json:"failed"`
	PipelinePeak    Mem     `json:"pipeline_peak"`            // serve process during bulk ingest and merges
	ServerCPU       float64 `json:"server_cpu_seconds"`       // CPU time of the serve process and its extraction children from the first upload until the index settled
	ServerStartCPU  float64 `json:"server_start_cpu_seconds"` // CPU time of the serve process before the first upload (dictionary, index open): not in ServerCPU
	ClientCPU       float64 `json:"client_cpu_seconds"`       // CPU time of this process (the upload clients) meanwhile
	SettleSeconds   float64 `json:"settle_seconds"`           // waiting for merges after the last document
	IndexBytes      int64   `json:"index_bytes"`              // after merges settled
	IndexPeakBytes  int64   `json:"index_peak_bytes"`

	RawBleveSeconds    float64 `json:"raw_bleve_seconds"`
	RawBleveBatch      int     `json:"raw_bleve_batch"`
	RawBleveIndexBytes int64   `json:"raw_bleve_index_bytes"`
	RawBleveCPU        float64 `json:"raw_bleve_cpu_seconds"` // CPU time of the raw indexing (this process) until its index settled

	SegmentSeconds float64 `json:"segment_seconds"`
	SegmentWorkers int     `json:"segment_workers"`
	SegmentTerms   int64   `json:"segment_terms"`

	// Rounds are the figures of each turn of raw Bleve and the pipeline
	// (--ingest-rounds); the fields above are the round with the median CPU
	// ratio (the higher of the two middle ones for an even count), but for
	// the peak memory: the highest of all rounds.
	Rounds []IngestRound `json:"rounds,omitempty"`
}

// IngestRound is one turn of raw Bleve and the pipeline.
type IngestRound struct {
	PipelineSeconds float64 `json:"pipeline_seconds"`
	ServerCPU       float64 `json:"server_cpu_seconds"`
	RawBleveSeconds float64 `json:"raw_bleve_seconds"`
	RawBleveCPU     float64 `json:"raw_bleve_cpu_seconds"`
}

// cpuRatio is the pipeline's CPU over raw Bleve's for the same text.
func (d *IngestDetails) cpuRatio() float64 { return d.ServerCPU / d.RawBleveCPU }

// roundsNote says, in a baseline's label, that the figure is a median
// round, and the range of the rounds' CPU ratios.
func (d *IngestDetails) roundsNote() string {
	if len(d.Rounds) < 2 {
		return ""
	}
	lo, hi := math.Inf(1), 0.0
	for _, rd := range d.Rounds {
		r := rd.ServerCPU / rd.RawBleveCPU
		lo, hi = min(lo, r), max(hi, r)
	}
	return fmt.Sprintf(" (median of %d rounds, ratios %.2f–%.2f)", len(d.Rounds), lo, hi)
}

func totalText(docs []Doc) int64 {
	var n int64
	for i := range docs {
		n += int64(docs[i].TextBytes())
	}
	return n
}

// measureSegmentation segments every document as the index analyzer does,
// on workers goroutines, without Bleve: the floor under any indexing speed.
func measureSegmentation(docs []Doc, workers int) (time.Duration, int64, error) {
	var terms atomic.Int64
	var firstErr atomic.Value
	next := atomic.Int64{}
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				for _, p := range docs[i].Pages {
					n, err := indexbench.SegmentForIndex([]byte(p))
					if err != nil {
						firstErr.CompareAndSwap(nil, err)
						return
					}
					terms.Add(int64(n))
				}
			}
		}()
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return 0, 0, err
	}
	return time.Since(start), terms.Load(), nil
}

// indexDocument is what the pipeline gives the index for a generated
// document (ingest.IndexDocument of its catalog entry).
func indexDocument(d *Doc, id string) index.Document {
	doc := index.Document{ID: id, Title: d.Title, Pages: d.Pages, City: d.City, DocType: d.DocType}
	if t, err := time.Parse("2006-01-02", d.IssuedOn); err == nil {
		doc.IssuedOn, doc.Year = t, t.Year()
	}
	return doc
}

// measureRawBleve indexes the documents straight into a Bleve index on
// disk in dir, in batches from one goroutine, with the archive's mapping
// and analyzers: no HTTP, catalog, blob store or extraction. It returns
// when the merges have settled (no change to the folder for settle), as
// the pipeline's figures do, so that both sides' CPU holds the merging of
// the same documents; the duration returned ends with the last batch.
func measureRawBleve(ctx context.Context, docs []Doc, dir string, batch int, settle time.Duration) (time.Duration, int64, error) {
	return measureBleve(ctx, docs, dir, batch, index.Open, settle)
}

// measureBleve indexes docs like measureRawBleve into an index opened by
// open (the archive's, or one without the substring fields); settle 0
// closes it at once after the last batch.
func measureBleve(ctx context.Context, docs []Doc, dir string, batch int, open func(string) (*index.Bleve, error), settle time.Duration) (time.Duration, int64, error) {
	idx, err := open(dir)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	buf := make([]index.Document, 0, batch)
	for i := range docs {
		buf = append(buf, indexDocument(&docs[i], fmt.Sprintf("raw%06d", i)))
		if len(buf) == batch || i == len(docs)-1 {
			if err := idx.Index(ctx, buf); err != nil {
				idx.Close()
				return 0, 0, err
			}
			buf = buf[:0]
		}
	}
	took := time.Since(start)
	if settle > 0 {
		if _, _, _, err := waitSettled(ctx, dir, settle, 3*time.Minute); err != nil {
			idx.Close()
			return 0, 0, err
		}
	}
	if err := idx.Close(); err != nil {
		return 0, 0, err
	}
	size, err := dirSize(dir)
	return took, size, err
}

// client talks to a benchmark server over HTTP with its token.
type client struct {
	base, token string
	http        *http.Client
}

func newClient(s *server, conns int) *client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = conns
	return &client{base: s.base, token: s.token, http: &http.Client{Transport: tr, Timeout: 2 * time.Minute}}
}

func (c *client) do(req *http.Request, out any) error {
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: status %d: %s", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	if out != nil {
		return json.Unmarshal(body, out)
	}
	return nil
}

// upload sends documents (one, or a group of one city's) as one
// multipart upload, as a coordinator's browser or script would: each
// file's own title, type and date as field.N for part N.
func (c *client) upload(ctx context.Context, docs []*Doc, bodies [][]byte) error {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i, d := range docs {
		fw, err := mw.CreateFormFile("file", d.Name)
		if err != nil {
			return err
		}
		fw.Write(bodies[i])
	}
	fields := map[string]string{"city": docs[0].City, "doc_type": docs[0].DocType}
	if len(docs) == 1 {
		fields["issued_on"], fields["title"] = docs[0].IssuedOn, docs[0].Title
	} else {
		for i, d := range docs {
			fields[fmt.Sprintf("doc_type.%d", i)] = d.DocType
			fields[fmt.Sprintf("issued_on.%d", i)] = d.IssuedOn
			fields[fmt.Sprintf("title.%d", i)] = d.Title
		}
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/documents", &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var out struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := c.do(req, &out); err != nil {
		return err
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("%d of %d files refused: %s", len(out.Errors), len(docs), out.Errors[0])
	}
	return nil
}

// countStatus returns how many documents have status.
func (c *client) countStatus(ctx context.Context, status string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+"/api/v1/documents?"+url.Values{"status": {status}, "size": {"1"}}.Encode(), nil)
	if err != nil {
		return 0, err
	}
	var out struct{ Total int }
	err = c.do(req, &out)
	return out.Total, err
}

// upload is one file to send: a generated document and its bytes (text, or
// a cached PDF).
type uploadFile struct {
	doc  *Doc
	path string // read from here when set, else doc.Body()
}

// Uploads in groups: as the web page and `evidence ingest --server` send
// a folder, up to PerRequest files or groupBytes a request.
const groupBytes = 16 << 20

// uploadGroups cuts files into the requests that send them: each city's
// files in their order, at most perRequest files (1: a file a request)
// and groupBytes (a larger file alone) a request, as a coordinator sends
// a folder of the city's files; the requests go in the order of their
// first files. The corpus draws each document's city at random, so runs
// of one city's files in corpus order would be one file long, not a
// folder's.
func uploadGroups(files []uploadFile, perRequest int) [][]uploadFile {
	var groups [][]uploadFile
	open := map[string]int{}    // city → its group still filling
	sizes := map[string]int64{} // city → that group's bytes
	for _, f := range files {
		n, city := f.size(), f.doc.City
		if k, ok := open[city]; ok {
			if len(groups[k]) < perRequest && sizes[city]+n <= groupBytes {
				groups[k] = append(groups[k], f)
				sizes[city] += n
				continue
			}
		}
		open[city], sizes[city] = len(groups), n
		groups = append(groups, []uploadFile{f})
	}
	return groups
}

// size is the file's length, its text's when it is generated.
func (f uploadFile) size() int64 {
	if f.path != "" {
		if st, err := os.Stat(f.path); err == nil {
			return st.Size()
		}
		return groupBytes // unknown: sent alone
	}
	n := 0
	for _, p := range f.doc.Pages {
		n += len(p) + 1
	}
	return int64(n)
}

// ingestOverHTTP uploads every file with several concurrent clients, in
// requests of up to perRequest files, and waits until the pipeline has
// indexed (or failed) them all.
func ingestOverHTTP(ctx context.Context, s *server, files []uploadFile, clients, perRequest int) (uploadTook, total time.Duration, failed int, err error) {
	c := newClient(s, clients)
	groups := uploadGroups(files, max(perRequest, 1))
	next := atomic.Int64{}
	errs := make(chan error, clients)
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(groups) || ctx.Err() != nil {
					return
				}
				docs := make([]*Doc, len(groups[i]))
				bodies := make([][]byte, len(groups[i]))
				for k, f := range groups[i] {
					docs[k] = f.doc
					if f.path != "" {
						b, rerr := os.ReadFile(f.path)
						if rerr != nil {
							errs <- rerr
							return
						}
						bodies[k] = b
					} else {
						bodies[k] = f.doc.Body()
					}
				}
				if err := c.upload(ctx, docs, bodies); err != nil {
					errs <- fmt.Errorf("upload %s (%d files): %w", docs[0].Name, len(docs), err)
					return
				}
			}
		}()
	}
	wg.Wait()
	uploadTook = time.Since(start)
	select {
	case err := <-errs:
		return 0, 0, 0, err
	default:
	}
	failed, err = c.waitIndexed(ctx, len(files))
	return uploadTook, time.Since(start), failed, err
}

// waitIndexed polls the catalog until n documents are indexed or failed
// and returns how many failed. Each look asks for the indexed count only;
// the failed count is asked when the indexed one has not moved since the
// last look, or has reached n: the polling is the bench's harness, not a
// user's work, and its requests count in the server's CPU, so a run
// without failures asks once a look, not twice, and one with failures
// ends a look later at most. The looks are rare while many documents are
// left and frequent near the end (nextLook): a look every 200 ms cost the
// server 0.8 CPU-s of a 50 s round (bench/README.md, ingest step 19).
func (c *client) waitIndexed(ctx context.Context, n int) (failed int, err error) {
	return c.waitIndexedEvery(ctx, n, 100*time.Millisecond, 2*time.Second)
}

func (c *client) waitIndexedEvery(ctx context.Context, n int, least, most time.Duration) (failed int, err error) {
	last, wait := -1, least
	lookedAt := time.Now()
	for {
		indexed, err := c.countStatus(ctx, "indexed")
		if err != nil {
			return 0, err
		}
		if indexed >= n || indexed == last {
			failed, err := c.countStatus(ctx, "failed")
			if err != nil {
				return 0, err
			}
			if indexed+failed >= n {
				return failed, nil
			}
		}
		if last >= 0 {
			wait = nextLook(n-indexed, indexed-last, time.Since(lookedAt), least, most)
		}
		last, lookedAt = indexed, time.Now()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// nextLook is how long the wait lets pass before its next look when left
// documents are still to come and moved came in the time since the last
// look: an eighth of the time the rest would take at that rate, between
// least and most. The last batch lands between two looks, so the wait
// ends late by half a look on average: for the corpus's last batch of
// 256 documents about 0.1 s, as a look every 200 ms did (review s32 #5).
// Nothing moved (a pause) waits least.
func nextLook(left, moved int, since, least, most time.Duration) time.Duration {
	if moved <= 0 || since <= 0 {
		return least
	}
	rest := time.Duration(float64(since) * float64(left) / float64(moved))
	return min(max(rest/8, least), most)
}

// waitSettled polls the size of dir until it has not changed for quiet,
// or until limit; it returns the last size and the largest seen.
func waitSettled(ctx context.Context, dir string, quiet, limit time.Duration) (size, peak int64, took time.Duration, err error) {
	start := time.Now()
	last, since := int64(-1), time.Now()
	for {
		n, err := dirSize(dir)
		if err != nil {
			// Files come and go during merges; try again, within limit.
			if time.Since(start) >= limit {
				return 0, peak, time.Since(start), fmt.Errorf("size of %s: %w", dir, err)
			}
			select {
			case <-ctx.Done():
				return 0, 0, 0, ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
			continue
		}
		peak = max(peak, n)
		if n != last {
			last, since = n, time.Now()
		}
		if time.Since(since) >= quiet || time.Since(start) >= limit {
			return n, peak, time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return 0, 0, 0, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}
