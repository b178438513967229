package bench

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// NodesDetails are the raw measurements of the several-machines figures:
// two `evidence serve` nodes (A and B) on one PostgreSQL catalog and one
// S3 bucket (Versity, on this machine), a third node that joins with an
// empty index, and the catalog calls of an upload on PostgreSQL and
// SQLite.
type NodesDetails struct {
	Docs          int     `json:"docs"`
	Clients       int     `json:"clients"`
	UploadSeconds float64 `json:"upload_seconds"` // bulk upload to A, first request to last answer
	// Lag of the sampled documents: from the upload's answer until a
	// search for the document's marker finds it on B (the other node) and
	// on A (the node that took the upload: the baseline).
	LagOther LatencyDetails `json:"lag_other_node"`
	LagSame  LatencyDetails `json:"lag_same_node"`
	// LagBehind is, per sample, how much later the second node found it
	// than the first: the catalog-to-index step alone, without the
	// pipeline's backlog. (Usually A extracts and B follows, but a node
	// also takes documents another node left waiting for 5 s, so in a
	// backlog B extracts some of A's uploads and A follows.)
	LagBehind LatencyDetails `json:"lag_second_behind_first"`
	// Samples are the raw lags in ms: [on A, on B] per sampled document.
	Samples [][2]float64 `json:"samples_ms"`
	Missed  int          `json:"missed"` // samples not found on both nodes within lagLimit

	CatchUpSeconds float64 `json:"catch_up_seconds"` // exec of a node with an empty index → /readyz ready
	CatchUpFound   uint64  `json:"catch_up_found"`   // documents its search for catchUpQuery then finds
	CatchUpWant    uint64  `json:"catch_up_want"`    // uploaded documents whose text holds catchUpQuery
	ReindexSeconds float64 `json:"reindex_seconds"`  // `evidence reindex` on that node's data folder

	CatalogUploads     int     `json:"catalog_uploads"` // per database
	CatalogGoroutines  int     `json:"catalog_goroutines"`
	CatalogCallsPerDoc int     `json:"catalog_calls_per_upload"`
	PostgresCallsPerS  float64 `json:"postgres_calls_per_second"`
	SQLiteCallsPerS    float64 `json:"sqlite_calls_per_second"`
}

// lagSamples bounds the documents whose lag is followed: each is searched
// for on both nodes until found, every twentieth of the time it has waited
// (at least lagPoll), and once one node has found it every lagPoll, so
// that the gap between the nodes is measured finely while a backlog does
// not turn the probes into a load of their own.
const (
	lagSamples = 200
	lagPoll    = 50 * time.Millisecond
	lagLimit   = 15 * time.Minute
)

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// catchUpQuery is what the new node is asked for once ready: it must find
// every uploaded document holding it.
const catchUpQuery = "学习型城市"

// marker is the word added to the end of document i's text in the nodes
// figures, so that one search finds exactly that document.
func marker(i int) string { return fmt.Sprintf("NODE%06dX", i) }

// nodes measures the archive on several nodes; without PostgreSQL or the
// Versity gateway the figures are skipped and the table says why.
func (r *run) nodes(ctx context.Context) error {
	if r.cfg.NodesDocs <= 0 || len(r.docs) == 0 {
		return nil
	}
	pg, err := pgtest.Start()
	if err != nil {
		return r.skipNodes(fmt.Errorf("no PostgreSQL (apt-get install postgresql): %w", err))
	}
	defer pg.Stop()
	gw, err := s3gw.Start()
	if err != nil {
		return r.skipNodes(err)
	}
	defer gw.Close()
	dbURL, err := pg.NewDatabase()
	if err != nil {
		return err
	}
	env := []string{"EVIDENCE_DATABASE_URL=" + dbURL, "EVIDENCE_S3_ENDPOINT=" + gw.Addr, "EVIDENCE_S3_BUCKET=evidence-bench",
		"EVIDENCE_S3_ACCESS_KEY=" + s3gw.AccessKey, "EVIDENCE_S3_SECRET_KEY=" + s3gw.SecretKey}
	docs := r.docs[:min(len(r.docs), r.cfg.NodesDocs)]
	d := &NodesDetails{Docs: len(docs), Clients: r.cfg.Clients}
	for i := range docs {
		// Most generated documents hold the phrase, not every one (986 of
		// the first 1,000 made without domain text).
		if strings.Contains(docs[i].Title, catchUpQuery) || bytes.Contains(docs[i].Body(), []byte(catchUpQuery)) {
			d.CatchUpWant++
		}
	}
	r.res.Nodes = d
	if err := r.nodesLag(ctx, d, docs, env); err != nil {
		return fmt.Errorf("index lag: %w", err)
	}
	if err := r.nodesCatchUp(ctx, d, env); err != nil {
		return fmt.Errorf("catch-up: %w", err)
	}
	sqlitePath := filepath.Join(r.cfg.WorkDir, "catalog-ops.db")
	pgOps, err := pg.NewDatabase()
	if err != nil {
		return err
	}
	d.CatalogUploads, d.CatalogGoroutines, d.CatalogCallsPerDoc = len(docs), r.cfg.Clients, uploadPathCalls
	for _, c := range []struct {
		name string
		open func() (*catalog.Store, error)
		out  *float64
	}{
		{"SQLite", func() (*catalog.Store, error) { return catalog.Open(ctx, sqlitePath) }, &d.SQLiteCallsPerS},
		{"PostgreSQL", func() (*catalog.Store, error) { return catalog.OpenPostgres(ctx, pgOps) }, &d.PostgresCallsPerS},
	} {
		cat, err := c.open()
		if err != nil {
			return err
		}
		took, err := catalogUploadPath(ctx, cat, d.CatalogUploads, d.CatalogGoroutines)
		cat.Close()
		if err != nil {
			return fmt.Errorf("catalog calls on %s: %w", c.name, err)
		}
		*c.out = float64(d.CatalogUploads*uploadPathCalls) / took.Seconds()
		r.logf("catalog upload path on %s: %.0f calls/s", c.name, *c.out)
	}
	r.nodesFigures(d)
	return nil
}

func (r *run) skipNodes(err error) error {
	if os.Getenv("CI") == "true" {
		return fmt.Errorf("the several-nodes figures need PostgreSQL and versitygw under CI=true: %w", err)
	}
	r.res.Skipped = append(r.res.Skipped, "several-nodes figures: "+err.Error())
	return nil
}

func (r *run) nodesFigures(d *NodesDetails) {
	catchUp, reindex := float64(d.Docs)/d.CatchUpSeconds, float64(d.Docs)/d.ReindexSeconds
	r.res.Figures = append(r.res.Figures,
		figure("nodes: index lag to the other node p50", d.LagOther.P50MS, "ms", d.LagSame.P50MS, "ms searchable on the uploading node", "", nil),
		figure("nodes: index lag to the other node p99", d.LagOther.P99MS, "ms", d.LagSame.P99MS, "ms searchable on the uploading node", "", nil),
		figure("nodes: second node behind the first p99", d.LagBehind.P99MS, "ms", d.LagBehind.P50MS, "ms p50",
			"≤ 10 s", ptr(d.Missed == 0 && d.LagBehind.P99MS <= 10000)),
		figure("nodes: new node catching up", catchUp, "docs/s", reindex, "docs/s evidence reindex on one node", "≥ 0.9× reindex",
			ptr(catchUp >= 0.9*reindex && d.CatchUpFound == d.CatchUpWant)),
		figure("catalog: upload-path calls, PostgreSQL", d.PostgresCallsPerS, "calls/s", d.SQLiteCallsPerS,
			fmt.Sprintf("calls/s SQLite (%d goroutines each)", d.CatalogGoroutines), "", nil),
	)
}

// nodesLag starts A and B, uploads docs to A with the benchmark's clients
// and follows a sample of them until both nodes find them; it leaves both
// nodes stopped and every document indexed.
func (r *run) nodesLag(ctx context.Context, d *NodesDetails, docs []Doc, env []string) error {
	dirA, dirB := filepath.Join(r.cfg.WorkDir, "node-a"), filepath.Join(r.cfg.WorkDir, "node-b")
	token, err := createAdmin(ctx, r.cfg.Exe, dirA, env...)
	if err != nil {
		return err
	}
	r.nodeToken = token
	a, _, err := startServer(ctx, r.cfg.Exe, dirA, token, filepath.Join(r.cfg.WorkDir, "serve-node-a.log"), env...)
	if err != nil {
		return err
	}
	defer a.stop()
	b, _, err := startServer(ctx, r.cfg.Exe, dirB, token, filepath.Join(r.cfg.WorkDir, "serve-node-b.log"), env...)
	if err != nil {
		return err
	}
	defer b.stop()
	ca, cb := newClient(a, r.cfg.Clients+4), newClient(b, 4)
	stride := max(1, len(docs)/lagSamples)
	var (
		mu          sync.Mutex
		other, same []time.Duration
		behind      []time.Duration
		samples     [][2]float64
		missed      int
		probes      sync.WaitGroup
		next        atomic.Int64
		failed      = make(chan error, r.cfg.Clients)
		uploaders   sync.WaitGroup
	)
	follow := func(i int, id string, answered time.Time) {
		defer probes.Done()
		var onA, onB time.Duration
		for onA == 0 || onB == 0 {
			if time.Since(answered) > lagLimit || ctx.Err() != nil {
				mu.Lock()
				missed++
				mu.Unlock()
				return
			}
			for _, n := range []struct {
				c   *client
				lag *time.Duration
			}{{ca, &onA}, {cb, &onB}} {
				if *n.lag == 0 && findsOnly(ctx, n.c, marker(i), id) {
					*n.lag = time.Since(answered)
				}
			}
			wait := max(lagPoll, time.Since(answered)/20)
			if onA != 0 || onB != 0 {
				wait = lagPoll
			}
			time.Sleep(wait)
		}
		mu.Lock()
		other, same, behind = append(other, onB), append(same, onA), append(behind, max(onB-onA, onA-onB))
		samples = append(samples, [2]float64{ms(onA), ms(onB)})
		mu.Unlock()
	}
	start := time.Now()
	for range r.cfg.Clients {
		uploaders.Add(1)
		go func() {
			defer uploaders.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) || ctx.Err() != nil {
					return
				}
				body := append(docs[i].Body(), "\n"+marker(i)+"\n"...)
				id, err := ca.uploadID(ctx, &docs[i], body)
				if err != nil {
					failed <- fmt.Errorf("upload %s: %w", docs[i].Name, err)
					return
				}
				if i%stride == 0 {
					probes.Add(1)
					go follow(i, id, time.Now())
				}
			}
		}()
	}
	uploaders.Wait()
	d.UploadSeconds = time.Since(start).Seconds()
	select {
	case err := <-failed:
		return err
	default:
	}
	probes.Wait()
	if _, err := ca.waitIndexed(ctx, len(docs)); err != nil {
		return err
	}
	d.LagOther, d.LagSame = summarize("upload answered → searchable on B", other, nil, 0),
		summarize("upload answered → searchable on A", same, nil, 0)
	d.LagBehind = summarize("searchable on the second node after the first", behind, nil, 0)
	d.Samples = samples
	d.Missed = missed
	r.logf("%d documents uploaded to A in %.1fs; lag to B p50 %.0f ms p99 %.0f ms (on A %.0f / %.0f ms), %d of %d samples missed",
		len(docs), d.UploadSeconds, d.LagOther.P50MS, d.LagOther.P99MS, d.LagSame.P50MS, d.LagSame.P99MS, missed, len(other)+missed)
	return nil
}

// findsOnly reports whether a search for q on c finds document id.
func findsOnly(ctx context.Context, c *client, q, id string) bool {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+"/api/v1/search?"+url.Values{"q": {q}}.Encode(), nil)
	if err != nil {
		return false
	}
	var res struct {
		Hits []struct{ ID string }
	}
	if c.do(req, &res) != nil {
		return false
	}
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

// nodesCatchUp starts a node with an empty data folder on the shared
// catalog and times it until /readyz says its index has caught up; then
// it times `evidence reindex` on the same data folder, the baseline: the
// same documents indexed from the same stored text by one command.
func (r *run) nodesCatchUp(ctx context.Context, d *NodesDetails, env []string) error {
	dirC := filepath.Join(r.cfg.WorkDir, "node-c")
	start := time.Now()
	c, _, err := startServer(ctx, r.cfg.Exe, dirC, r.nodeToken, filepath.Join(r.cfg.WorkDir, "serve-node-c.log"), env...)
	if err != nil {
		return err
	}
	probe := &http.Client{Timeout: 5 * time.Second}
	for {
		resp, err := probe.Get(c.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > 30*time.Minute || ctx.Err() != nil {
			c.stop()
			return fmt.Errorf("the new node did not catch up within 30 minutes")
		}
		time.Sleep(20 * time.Millisecond)
	}
	d.CatchUpSeconds = time.Since(start).Seconds()
	cc := newClient(c, 1)
	req, _ := http.NewRequestWithContext(ctx, "GET", c.base+"/api/v1/search?"+url.Values{"q": {catchUpQuery}}.Encode(), nil)
	var res struct{ Total uint64 }
	if err := cc.do(req, &res); err != nil {
		c.stop()
		return err
	}
	d.CatchUpFound = res.Total
	if err := c.stop(); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, r.cfg.Exe, "reindex", "--data", dirC)
	withEnv(cmd, env)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start = time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("evidence reindex: %w: %s", err, out.String())
	}
	d.ReindexSeconds = time.Since(start).Seconds()
	r.logf("a new node caught up with %d documents in %.1fs (its search finds %d of the %d holding %s); evidence reindex took %.1fs",
		d.Docs, d.CatchUpSeconds, d.CatchUpFound, d.CatchUpWant, catchUpQuery, d.ReindexSeconds)
	return nil
}

// uploadID uploads one document like upload and returns its id.
func (c *client) uploadID(ctx context.Context, d *Doc, body []byte) (string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", d.Name)
	if err != nil {
		return "", err
	}
	fw.Write(body)
	for k, v := range map[string]string{"city": d.City, "doc_type": d.DocType, "issued_on": d.IssuedOn, "title": d.Title} {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/documents", &buf)
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var out struct {
		Documents []struct{ ID string }
	}
	if err := c.do(req, &out); err != nil {
		return "", err
	}
	if len(out.Documents) != 1 {
		return "", fmt.Errorf("upload answered %d documents", len(out.Documents))
	}
	return out.Documents[0].ID, nil
}

// uploadPathCalls is the number of catalog calls catalogUploadPath makes
// per document.
const uploadPathCalls = 6

// catalogUploadPath makes the catalog calls of n uploads from workers
// goroutines, as the pipeline makes them for a born-digital file: create
// the document (with its submission and audit event), take its job, record
// its text's hash, mark it extracted with its fields, read it back, mark
// it indexed. Near-duplicate bands and token lookups are left out.
func catalogUploadPath(ctx context.Context, cat *catalog.Store, n, workers int) (time.Duration, error) {
	var next atomic.Int64
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			node := fmt.Sprintf("bench-node-%d", w)
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := uploadCalls(ctx, cat, i, node); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return took, ctx.Err()
}

func uploadCalls(ctx context.Context, cat *catalog.Store, i int, node string) error {
	id, sha := fmt.Sprintf("BENCH%08d", i), fmt.Sprintf("%064x", i+1)
	d := &catalog.Document{ID: id, SHA256: sha, Size: 3200, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
		Title: "关于推进学习型城市建设的实施意见", DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusStored,
		UploadedBy: "bench"}
	if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "bench", Filename: d.Filename}); err != nil {
		return err
	}
	if tok, err := cat.TakeJob(ctx, id, node, 2*time.Minute); err != nil || tok == "" {
		return fmt.Errorf("take job %s: %q %v", id, tok, err)
	}
	if err := cat.RecordTextHash(ctx, sha, catalog.TextHash{SHA256: sha, Size: 3200}); err != nil {
		return err
	}
	fill := &catalog.FieldFill{DocNumber: fmt.Sprintf("杭教〔2019〕%d号", i), Issuer: "杭州市教育局", IssuedOn: "2019-03-12"}
	if err := cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusExtracted, Pages: 2,
		Reading: &catalog.Reading{}, Fill: fill}); err != nil {
		return err
	}
	if _, err := cat.Document(ctx, id); err != nil {
		return err
	}
	return cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusIndexed})
}
