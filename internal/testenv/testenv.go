// Package testenv builds the archive's real services on temporary storage
// for tests of the API and the web UI: a SQLite catalog with the demo
// framework, a folder blob store, an in-memory index and a running
// pipeline.
package testenv

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/search"
)

// Password is every test account's password.
const Password = "学习型城市建设2017"

// Env is a set of real services on temporary storage.
type Env struct {
	T       testing.TB
	Catalog *catalog.Store
	Blobs   blob.Store
	Index   index.Index
	Ingest  *ingest.Service
	Search  *search.Service
	Claims  *claims.Service
	Auth    *auth.Authenticator
	Logger  *slog.Logger
}

// New builds an Env; everything is closed when the test ends.
func New(t testing.TB) *Env {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	p, err := framework.Parse("demo.yaml", framework.Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ImportFramework(ctx, p.Framework, p.Indicators, "test"); err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := ingest.New(cat, blobs, idx, ingest.Config{TempDir: filepath.Join(dir, "tmp"), Logger: quiet})
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Close)
	return &Env{T: t, Catalog: cat, Blobs: blobs, Index: idx, Ingest: svc, Search: search.NewService(idx, cat),
		Claims: claims.NewService(cat, blobs), Auth: auth.NewAuthenticator(cat, 0), Logger: quiet}
}

// AddUser creates an account with Password and returns a bearer token.
func (e *Env) AddUser(name, role, city string) string {
	e.T.Helper()
	admin := &catalog.User{Username: "test", Role: catalog.RoleAdmin}
	c, err := accounts.NewService(e.Catalog).Create(context.Background(), admin,
		accounts.NewUser{Username: name, Role: role, City: city, Password: Password, TokenLabel: "test"})
	if err != nil {
		e.T.Fatal(err)
	}
	return c.Token.Token
}

// Upload stores a text document of city through the pipeline and waits
// until it is indexed; it returns the document.
func (e *Env) Upload(city, filename, text string) *catalog.Document {
	e.T.Helper()
	ctx := context.Background()
	st, err := e.Ingest.Stage(strings.NewReader(text), filename)
	if err != nil {
		e.T.Fatal(err)
	}
	defer st.Remove()
	meta := ingest.Meta{City: city, DocType: "work_summary", Round: "2017"}
	if err := e.Ingest.CheckMeta(ctx, &meta); err != nil {
		e.T.Fatal(err)
	}
	out, err := e.Ingest.Submit(ctx, st, meta, &catalog.User{Username: "test", Role: catalog.RoleAdmin})
	if err != nil {
		e.T.Fatal(err)
	}
	return e.WaitIndexed(out.Document.ID)
}

// WaitIndexed waits until a document is indexed; failing is fatal.
func (e *Env) WaitIndexed(id string) *catalog.Document {
	e.T.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		d, err := e.Catalog.Document(context.Background(), id)
		if err == nil && d.Status == catalog.StatusIndexed {
			return d
		}
		if err == nil && d.Status == catalog.StatusFailed {
			e.T.Fatalf("document %s failed: %s", id, d.Error)
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.T.Fatalf("document %s not indexed within 30s", id)
	return nil
}
