package packs_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/s3gw"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

// TestCheckOriginalsNamesTheDamaged: in the folder store, the originals
// hashed a few at once are found damaged exactly as hashing them one
// after another finds them.
func TestCheckOriginalsNamesTheDamaged(t *testing.T) {
	e := testenv.New(t)
	testCheckOriginals(t, e, e.Blobs)
}

// TestCheckOriginalsOnS3NamesTheDamaged: the same on S3 (a Versity
// Gateway on loopback), where a version is the object's ETag.
func TestCheckOriginalsOnS3NamesTheDamaged(t *testing.T) {
	e := testenv.New(t)
	testCheckOriginals(t, e, s3Store(t, "packcheck"))
}

func s3Store(t *testing.T, bucket string) blob.Store {
	t.Helper()
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	t.Cleanup(g.Close)
	s3, err := blob.NewS3(ctx, blob.S3Config{Endpoint: g.Addr, Bucket: bucket, AccessKey: s3gw.AccessKey, SecretKey: s3gw.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	return s3
}

func testCheckOriginals(t *testing.T, e *testenv.Env, store blob.Store) {
	const n = 12
	addLinkedTo(t, e, store, n, 4096, 7)
	svc := packs.NewService(report.NewService(e.Catalog), e.Catalog, store)
	check := func() (*packs.Pack, *packs.Check) { t.Helper(); return checkedPack(t, svc, n) }
	p, _ := check()
	// One missing, one of other bytes, one cut short.
	missing, other, cut := p.Docs[2].Document, p.Docs[5].Document, p.Docs[9].Document
	if err := store.Delete(ctx, catalog.OriginalKey(missing.SHA256)); err != nil {
		t.Fatal(err)
	}
	putOriginal(t, store, other, "被篡改的内容")
	putOriginal(t, store, cut, "半截")
	want := []string{missing.ID, other.ID, cut.ID}
	// One after another, as before.
	var serial []string
	for _, pd := range p.Docs {
		if ok, err := ingest.OriginalIntact(ctx, store, pd.Document); err != nil {
			t.Fatal(err)
		} else if !ok {
			serial = append(serial, pd.Document.ID)
		}
	}
	if !slices.Equal(serial, want) {
		t.Fatalf("hashed one after another: %v damaged, want %v", serial, want)
	}
	_, c := check()
	if got := ids(c.Damaged); !slices.Equal(got, want) {
		t.Errorf("hashed a few at once: %v damaged, want %v as one after another", got, want)
	}
	// Hashed whole the first time and unchanged since: not read again;
	// the damaged ones are hashed again, and still damaged.
	_, c = check()
	if got := ids(c.Damaged); !slices.Equal(got, want) || c.Reused != n-3 || c.Hashed != 3 || c.Unchecked != 0 {
		t.Errorf("checked again: %v damaged, %d reused, %d hashed, %d unchecked; want %v, %d, 3, 0", got, c.Reused, c.Hashed, c.Unchecked, want, n-3)
	}
	// One remembered whole, put again with other bytes, is read again.
	changed := p.Docs[0].Document
	putOriginal(t, store, changed, "后来被改坏的内容")
	_, c = check()
	if got := ids(c.Damaged); !slices.Equal(got, append([]string{changed.ID}, want...)) || c.Reused != n-4 {
		t.Errorf("an original put again since it was hashed whole: %v damaged, %d reused; want it named first, %d reused", got, c.Reused, n-4)
	}
}

func putOriginal(t *testing.T, store blob.Store, d *catalog.Document, text string) {
	t.Helper()
	if err := store.Put(ctx, catalog.OriginalKey(d.SHA256), strings.NewReader(text), -1, ""); err != nil {
		t.Fatal(err)
	}
}

func ids(docs []*catalog.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

// stalledStore answers Stat but holds every read until its context ends:
// a store too slow to hash a pack's originals within the check's budget.
type stalledStore struct{ blob.Store }

func (s stalledStore) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (s stalledStore) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestCheckOriginalsKeepsToItsBudget: a store that cannot hash the
// originals within the check's budget leaves them unchecked, not an
// error nor a wait without end; such an original, damaged, still stops
// the pack as it is sent, naming its document.
func TestCheckOriginalsKeepsToItsBudget(t *testing.T) {
	e := testenv.New(t)
	const n = 6
	addLinked(t, e, n, 1024, 3)
	slow := packs.NewService(report.NewService(e.Catalog), e.Catalog, stalledStore{e.Blobs})
	slow.SetCheckBudget(time.Millisecond)
	p, err := slow.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.CheckOriginals(ctx)
	if err != nil || c.Unchecked != n || c.Hashed != 0 || len(c.Damaged) != 0 {
		t.Fatalf("check on a stalled store: %+v %v, want all %d unchecked and no error", c, err, n)
	}

	svc := packs.NewService(report.NewService(e.Catalog), e.Catalog, e.Blobs)
	p, err = svc.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	bad := p.Docs[n-1].Document
	putOriginal(t, e.Blobs, bad, "被篡改的内容")
	var damaged *packs.DamagedError
	if err := p.WriteTo(ctx, io.Discard); !errors.As(err, &damaged) || damaged.Document.ID != bad.ID {
		t.Fatalf("sending a damaged original left unchecked: %v, want a DamagedError naming %s", err, bad.ID)
	}
}

// sameVersionStore gives every object one version, however its bytes
// change: a folder's file spoilt in place (bit rot), which keeps its
// size, time and inode.
type sameVersionStore struct{ blob.Store }

func (s sameVersionStore) Stat(ctx context.Context, key string) (blob.Info, error) {
	info, err := s.Store.Stat(ctx, key)
	info.Version = "v1"
	return info, err
}

func (s sameVersionStore) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	return s.Store.GetRange(ctx, key, off, n, "")
}

// TestCheckOriginalsHashesWhatTheCatalogFlagsDamaged: an original hashed
// whole before and spoilt in place since (its version unchanged) is taken
// as whole by its version; once a download or evidence check flagged it
// damaged in the catalog, every pack hashes it again before its first
// byte and names it, rather than cut the ZIP where it is sent.
func TestCheckOriginalsHashesWhatTheCatalogFlagsDamaged(t *testing.T) {
	e := testenv.New(t)
	const n = 6
	store := sameVersionStore{e.Blobs}
	addLinkedTo(t, e, store, n, 4096, 11)
	svc := packs.NewService(report.NewService(e.Catalog), e.Catalog, store)
	check := func() (*packs.Pack, *packs.Check) { t.Helper(); return checkedPack(t, svc, n) }
	p, c := check()
	if len(c.Damaged) != 0 || c.Hashed != n {
		t.Fatalf("first check: %v damaged, %d hashed; want none, %d", ids(c.Damaged), c.Hashed, n)
	}
	spoilt := p.Docs[3].Document
	putOriginal(t, store, spoilt, "在原处损坏的内容")
	if _, c = check(); len(c.Damaged) != 0 || c.Reused != n {
		t.Fatalf("spoilt in place, not flagged: %v damaged, %d reused; the test's store should keep the version", ids(c.Damaged), c.Reused)
	}
	if err := ingest.FlagDamagedOriginal(ctx, e.Catalog, spoilt.ID, "check", "admin"); err != nil {
		t.Fatal(err)
	}
	for range 2 { // and not reused from the check before either
		p, c = check()
		for _, pd := range p.Docs {
			if pd.OriginalFlagged != (pd.Document.ID == spoilt.ID) {
				t.Errorf("the pack takes %s's original as flagged damaged: %v", pd.Document.ID, pd.OriginalFlagged)
			}
		}
		if got := ids(c.Damaged); !slices.Equal(got, []string{spoilt.ID}) || c.Hashed != 1 || c.Reused != n-1 {
			t.Errorf("flagged damaged in the catalog: %v damaged, %d hashed, %d reused; want [%s], 1, %d", got, c.Hashed, c.Reused, spoilt.ID, n-1)
		}
	}
}

// checkedPack prepares hangzhou's 2017 pack by svc, which must hold n
// originals (any number when n < 0), and checks them.
func checkedPack(t *testing.T, svc *packs.Service, n int) (*packs.Pack, *packs.Check) {
	t.Helper()
	p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil || n >= 0 && len(p.Docs) != n {
		t.Fatalf("prepare: %v, %d originals, want %d", err, len(p.Docs), n)
	}
	c, err := p.CheckOriginals(ctx)
	if err != nil {
		t.Fatalf("check the originals: %v", err)
	}
	return p, c
}
