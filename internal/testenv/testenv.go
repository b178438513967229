// Package testenv builds the archive's real services on temporary storage
// for tests of the API and the web UI: a SQLite catalog with the demo
// framework, a folder blob store, an in-memory index and a running
// pipeline. With EVIDENCE_TEST_POSTGRES set (an existing PostgreSQL
// server's maintenance database URL) the catalog is a fresh database on that
// server instead, so every service test can run on PostgreSQL too.
//
// Tables saved as .xls or .et are imported, and RAR and 7z archives of
// files unpacked, through a real extraction sandbox whose child is the
// test binary itself: any test binary that
// links this package answers as the sandbox's child when started with
// EVIDENCE_EXTRACT_CHILD=1 (init below), before its tests would run.
package testenv

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/internal/services"
	"github.com/lcmonitor/evidence/notes"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/search"
	"github.com/lcmonitor/evidence/values"
)

// childEnv, set in a process's environment, makes a test binary linking
// this package the extraction sandbox's child (extract.RunChild).
const childEnv = "EVIDENCE_EXTRACT_CHILD"

func init() {
	if os.Getenv(childEnv) == "1" {
		os.Exit(extract.RunChild(os.Stdin, os.Stdout))
	}
}

// Sandbox is an extraction sandbox whose child is this test binary; the
// test closes it when it ends.
func Sandbox(t testing.TB) *extract.Sandbox {
	sb := &extract.Sandbox{Command: []string{os.Args[0]}, Env: []string{childEnv + "=1"}, TempDir: t.TempDir()}
	t.Cleanup(sb.Close)
	return sb
}

// Password is every test account's password.
const Password = "学习型城市建设2017"

// Env is a set of real services on temporary storage.
type Env struct {
	T       testing.TB
	Catalog *catalog.Store
	Blobs   blob.Store
	held    *heldFolder // the ingest service's view of Blobs (HoldTextReads)
	Index   index.Index
	Ingest  *ingest.Service
	Search  *search.Service
	Claims  *claims.Service
	Auth    *auth.Authenticator
	Logger  *slog.Logger

	Documents *documents.Service
	Framework *framework.Service
	Coverage  *coverage.Service
	Accounts  *accounts.Service
	// Assignments holds its own clock; tests of overdue set it.
	Assignments *assignments.Service
	Values      *values.Service
	Notes       *notes.Service
	Saved       *savedsearch.Service
	// DBPath is the SQLite catalog's file, for tests that inject a fault
	// with a trigger; "" on PostgreSQL.
	DBPath string
	// DatabaseURL is the PostgreSQL catalog's database; "" on SQLite.
	DatabaseURL string
}

// New builds an Env; everything is closed when the test ends.
func New(t testing.TB) *Env {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "catalog.db")
	cat, err := catalog.Open(ctx, dbPath)
	var dbURL string
	if os.Getenv("EVIDENCE_TEST_POSTGRES") != "" {
		cat.Close()
		dbURL = pgtest.DatabaseURL(t)
		cat, err = catalog.OpenPostgres(ctx, dbURL)
		dbPath = ""
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	fw := framework.NewService(cat)
	sandbox := Sandbox(t)
	fw.UseXLSReader(sandbox)
	if _, err := fw.EnsureDemo(ctx); err != nil {
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
	held := &heldFolder{Folder: blobs}
	// Files are read in process, as unit tests read them; RAR and 7z
	// archives are unpacked in the sandbox, as a server unpacks them.
	svc := ingest.New(cat, held, idx, ingest.Config{TempDir: filepath.Join(dir, "tmp"), Logger: quiet, ArchiveSandbox: sandbox})
	srch := search.NewService(idx, cat)
	// As serve wires them: the facets count the changes the index lacks.
	srch.UseIndexFollower(svc)
	t.Cleanup(srch.Close) // before the index closes: its counts read it
	// As serve wires them: a batch indexed has its cities' common terms
	// counted again.
	svc.UseIndexWatcher(srch)
	tasks := assignments.NewService(cat)
	tasks.UseXLSReader(sandbox)
	svc.UseTasks(tasks)
	tasks.UseIndex(svc)
	// As serve wires them: the services serving texts share one store
	// holding them to their record.
	texts := ingest.NewVerifiedTexts(blobs, cat)
	vals := values.NewService(cat, texts)
	vals.UseXLSReader(sandbox)
	e := &Env{Assignments: tasks, T: t, Catalog: cat, Blobs: blobs, Index: idx, Ingest: svc, Search: srch,
		Claims: claims.NewService(cat, texts, srch), Auth: auth.NewAuthenticator(cat, 0), Logger: quiet,
		Documents: documents.NewService(cat, texts, svc, srch), Framework: fw, Coverage: coverage.NewService(cat),
		Accounts: accounts.NewService(cat), Values: vals,
		Notes: notes.NewService(cat), Saved: savedsearch.NewService(cat, srch), DBPath: dbPath, DatabaseURL: dbURL, held: held}
	// As serve wires them: quotes are checked within the document pages' budget.
	e.Claims.SetTextBudget(e.Documents)
	// As serve: 属实 over a number the claim page warns of needs a reason.
	e.Claims.UseClaimNumbers(e.Values.ClaimNumberCheck())
	e.Values.SetTextBudget(e.Documents)
	// and near duplicates are compared within it too.
	svc.SetTextBudget(e.Documents)
	// A text read anew has the quotes cited in it looked for again.
	svc.UseQuotes(e.Values)
	e.Coverage.UseClaimNumbers(e.Values.ClaimNumberCheck())
	// and a pending value whose number its quote writes only spaced, as
	// /values and the report warn of it.
	e.Coverage.UseValueSpaced(func(v *catalog.Value) string { return values.SpacedIn(v.Citation.Quote, v) })
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Close)
	// Start's pass over the index and the catalog runs in the background:
	// a test that marks a document indexed by hand (one with no text, no
	// index entry) before that pass would see it sent back to stored, as
	// the pass does for a document the index lacks (CI, session 47).
	if _, err := svc.Reindexed(ctx); err != nil {
		t.Fatal(err)
	}
	return e
}

// Services is the environment's set of services, as `evidence serve`
// wires them for the API and the web UI, with the given authenticator (nil
// for the environment's own).
func (e *Env) Services(a *auth.Authenticator) services.Set {
	if a == nil {
		a = e.Auth
	}
	reports := report.NewService(e.Catalog)
	reports.UseClaimNumbers(e.Values.ClaimNumberCheck())
	return services.Set{Ingest: e.Ingest, Documents: e.Documents, Search: e.Search, Claims: e.Claims,
		Framework: e.Framework, Coverage: e.Coverage, Accounts: e.Accounts, Assignments: e.Assignments,
		Values: e.Values, Reports: reports, Packs: packs.NewService(reports, e.Catalog, e.Blobs), Notes: e.Notes, Saved: e.Saved,
		Auth: a, Logger: e.Logger}
}

// AddUser creates an account with Password and returns a bearer token.
func (e *Env) AddUser(name, role, city string) string {
	e.T.Helper()
	return e.AddUserIn(name, role, city, "")
}

// AddUserIn is AddUser with a department, as contributors need. A
// contributor's department is first put on the city's list when the list
// lacks it, as an admin must before creating the account (a test of the
// refusal calls Accounts.Create itself).
func (e *Env) AddUserIn(name, role, city, department string) string {
	e.T.Helper()
	admin := &catalog.User{Username: "test", Role: catalog.RoleAdmin}
	if role == string(catalog.RoleContributor) && city != "" && department != "" {
		e.listDepartment(city, department)
	}
	c, err := e.Accounts.Create(context.Background(), admin,
		accounts.NewUser{Username: name, Role: role, City: city, Department: department, Password: Password, TokenLabel: "test"})
	if err != nil {
		e.T.Fatal(err)
	}
	return c.Token.Token
}

// listDepartment puts department on city's list unless the list has it
// by key (教育局 for 市教育局).
func (e *Env) listDepartment(city, department string) {
	e.T.Helper()
	ctx := context.Background()
	_, err := e.Catalog.DepartmentByName(ctx, city, department)
	if catalog.IsNotFound(err) {
		_, err = e.Catalog.AddDepartment(ctx, city, department, "test")
	}
	if err != nil {
		e.T.Fatalf("list department %s of city %s: %v", department, city, err)
	}
}

// AddReviewer adds a reviewer limited to cities (every city when none)
// and returns an API token for them.
func (e *Env) AddReviewer(name string, cities ...string) string {
	e.T.Helper()
	c, err := e.Accounts.Create(context.Background(), Admin,
		accounts.NewUser{Username: name, Role: "reviewer", Cities: cities, Password: Password, TokenLabel: "test"})
	if err != nil {
		e.T.Fatal(err)
	}
	return c.Token.Token
}

// Admin is the actor of the environment's own uploads.
var Admin = &catalog.User{Username: "test", Role: catalog.RoleAdmin}

// Upload stores a text document of city through the pipeline and waits
// until it is indexed; it returns the document.
func (e *Env) Upload(city, filename, text string) *catalog.Document {
	e.T.Helper()
	return e.UploadInRound(city, filename, text, "2017")
}

// UploadInRound is Upload for the monitoring round given (a year the
// catalog has as a round), with no date of issue, so that the round is
// the document's only year.
func (e *Env) UploadInRound(city, filename, text, round string) *catalog.Document {
	e.T.Helper()
	st, err := e.Ingest.Stage(strings.NewReader(text), filename)
	if err != nil {
		e.T.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(context.Background(), Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: city, DocType: "work_summary", Round: round}, Files: []*ingest.Staged{st}})
	if err != nil {
		e.T.Fatal(err)
	}
	if out[0].Err != nil {
		e.T.Fatal(out[0].Err)
	}
	return e.WaitIndexed(out[0].Document.ID)
}

// RoundEvidence is four documents of a 2017 round, each with the key
// indicator it substantiates: what the query-count tests of the report and
// the evidence pack add to a round to see that their queries do not grow.
var RoundEvidence = []struct{ File, Text, Indicator string }{
	{"guihua.txt", "杭州市学习型城市建设规划（2016—2020年）。", "1.1.1"},
	{"tiaoli.txt", "杭州市终身学习促进条例。", "1.1.2"},
	{"lingdao.txt", "成立杭州市学习型城市建设领导小组。", "1.2.1"},
	{"wangluo.txt", "四级社区教育网络建成率达到98%。", "2.1.1"},
}

// UploadLinked uploads each of docs for city and links it, on its first
// page, to its indicator.
func (e *Env) UploadLinked(city string, docs []struct{ File, Text, Indicator string }) {
	e.T.Helper()
	for _, l := range docs {
		d := e.Upload(city, l.File, l.Text)
		if err := e.Ingest.AddLink(context.Background(), Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: l.Indicator, Page: 1}); err != nil {
			e.T.Fatal(err)
		}
	}
}

// WaitTimeout bounds every wait of a test for the pipeline: generous,
// since OCR on a loaded 2-core CI machine can take tens of seconds, and a
// passing test never waits for it.
const WaitTimeout = 90 * time.Second

// WaitIndexed waits until a document is indexed; failing, or taking longer
// than WaitTimeout, is fatal.
func (e *Env) WaitIndexed(id string) *catalog.Document {
	e.T.Helper()
	return e.WaitFinished(id, catalog.StatusIndexed)
}

// WaitFinished waits until a document reaches indexed or failed and
// checks that it reached want.
func (e *Env) WaitFinished(id string, want catalog.Status) *catalog.Document {
	e.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), WaitTimeout)
	defer cancel()
	docs, err := e.Ingest.Wait(ctx, []string{id}, nil)
	if err != nil {
		e.T.Fatalf("document %s not finished within %s: %v", id, WaitTimeout, err)
	}
	if d := docs[0]; d.Status != want {
		e.T.Fatalf("document %s is %s (%s), want %s", id, d.Status, d.Error, want)
	}
	return docs[0]
}

// WaitHandedInRead waits until every document handed in (and not
// returned) for the assignment id has finished being read, indexed or
// failed: 确认 asks first of a file still being read, and a test that
// hands in and accepts at once means a file read.
func (e *Env) WaitHandedInRead(id string) {
	e.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), WaitTimeout)
	defer cancel()
	a, err := e.Catalog.Assignment(ctx, id)
	if err != nil {
		e.T.Fatalf("assignment %s: %v", id, err)
	}
	if _, err := e.Ingest.Wait(ctx, a.HandedIn(), nil); err != nil {
		e.T.Fatalf("the documents handed in for %s not finished within %s: %v", id, WaitTimeout, err)
	}
}

// ImportWithout imports today's framework again without the indicator
// code: the framework drops it, and a past round that kept its names
// still has it.
func (e *Env) ImportWithout(code string) {
	e.T.Helper()
	e.importChanged(func(inds []catalog.Indicator) []catalog.Indicator {
		return slices.DeleteFunc(inds, func(ind catalog.Indicator) bool { return ind.Code == code })
	})
}

// ImportAdding imports today's framework again with ind added: a past
// round that kept its names never had it.
func (e *Env) ImportAdding(ind catalog.Indicator) {
	e.T.Helper()
	e.importChanged(func(inds []catalog.Indicator) []catalog.Indicator { return append(inds, ind) })
}

// importChanged imports today's framework again as change makes it.
func (e *Env) importChanged(change func([]catalog.Indicator) []catalog.Indicator) {
	e.T.Helper()
	ctx := context.Background()
	fw, inds, err := e.Catalog.CurrentFramework(ctx)
	if err != nil {
		e.T.Fatal(err)
	}
	table, err := framework.ExportCSV(change(inds))
	if err != nil {
		e.T.Fatal(err)
	}
	if _, err := e.Framework.Import(ctx, framework.System, "体系.csv", table, *fw); err != nil {
		e.T.Fatal(err)
	}
}
