package packs_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/s3gw"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

// BenchmarkCheckOriginalsOnS3 is the wait before a pack's first byte
// on S3 (a Versity Gateway on loopback) for 200 originals of 1 MB:
// hashed one after another (as before), a few at once, and again with
// the first check's verdicts reused, by the same pack and by a pack of a
// new service (a restart: the verdicts are the catalog's). Run it with
// -benchtime=1x.
func BenchmarkCheckOriginalsOnS3(b *testing.B) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(b, err)
	}
	b.Cleanup(g.Close)
	s3, err := blob.NewS3(ctx, blob.S3Config{Endpoint: g.Addr, Bucket: "packbench", AccessKey: s3gw.AccessKey, SecretKey: s3gw.SecretKey})
	if err != nil {
		b.Fatal(err)
	}
	e := testenv.New(b)
	const n = 200
	addLinkedTo(b, e, s3, n, 1<<20, 11)
	for _, wait := range []time.Duration{0, 20 * time.Millisecond} {
		b.Run("latency="+wait.String(), func(b *testing.B) { benchCheckOriginals(b, e, latencyStore{s3, wait}, n) })
	}
}

// latencyStore adds wait to each request, as a store across a network
// answers later than one on loopback.
type latencyStore struct {
	blob.Store
	wait time.Duration
}

func (s latencyStore) Stat(ctx context.Context, key string) (blob.Info, error) {
	time.Sleep(s.wait)
	return s.Store.Stat(ctx, key)
}

func (s latencyStore) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	time.Sleep(s.wait)
	return s.Store.Get(ctx, key)
}

func (s latencyStore) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	time.Sleep(s.wait)
	return s.Store.GetRange(ctx, key, off, n, version)
}

func benchCheckOriginals(b *testing.B, e *testenv.Env, s3 blob.Store, n int) {
	for b.Loop() {
		svc := packs.NewService(report.NewService(e.Catalog), e.Catalog, s3)
		p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
		if err != nil || len(p.Docs) != n {
			b.Fatalf("prepare: %v, %d originals", err, len(p.Docs))
		}
		var shas []string // the last round's verdicts forgotten: every original hashed again
		for _, pd := range p.Docs {
			shas = append(shas, pd.Document.SHA256)
		}
		if err := e.Catalog.RecordOriginalVerdicts(ctx, nil, shas); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for _, pd := range p.Docs {
			if ok, err := ingest.OriginalIntact(ctx, s3, pd.Document); err != nil || !ok {
				b.Fatalf("one after another: %v %v", ok, err)
			}
		}
		serial := time.Since(start)
		start = time.Now()
		c, err := p.CheckOriginals(ctx)
		if err != nil || c.Hashed != n {
			b.Fatalf("a few at once: %+v %v", c, err)
		}
		concurrent := time.Since(start)
		start = time.Now()
		if c, err = p.CheckOriginals(ctx); err != nil || c.Reused != n {
			b.Fatalf("again: %+v %v", c, err)
		}
		reused := time.Since(start)
		start = time.Now()
		restarted := packs.NewService(report.NewService(e.Catalog), e.Catalog, s3)
		if p, err = restarted.Prepare(ctx, coordA, hangzhou, 2017); err != nil {
			b.Fatal(err)
		}
		if c, err = p.CheckOriginals(ctx); err != nil || c.Reused != n {
			b.Fatalf("after a restart: %+v %v", c, err)
		}
		afterRestart := time.Since(start)
		b.ReportMetric(serial.Seconds(), "s-serial")
		b.ReportMetric(afterRestart.Seconds(), "s-restarted")
		b.ReportMetric(concurrent.Seconds(), "s-concurrent")
		b.ReportMetric(reused.Seconds(), "s-reused")
	}
}
