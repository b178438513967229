package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

func newDoc(id, sha string) *Document {
	return &Document{ID: id, SHA256: sha, Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
		Title: "关于建立学分银行的实施意见", DocType: DocPolicy, City: "330100", Status: StatusStored, UploadedBy: "zhang"}
}

func TestCreateDocumentAndDuplicateSHA(t *testing.T) {
	forEachStore(t, testCreateDocumentAndDuplicateSHA)
}

func testCreateDocumentAndDuplicateSHA(t *testing.T, s *Store) {
	ctx := context.Background()
	d := newDoc("D1", "aa")
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang", Filename: "a.txt"}); err != nil {
		t.Fatalf("create: %v", err)
	}
	if d.Seq != 1 {
		t.Errorf("seq %d, want 1", d.Seq)
	}
	err := s.CreateDocument(ctx, newDoc("D2", "aa"), Submission{User: "li"})
	if ErrorCode(err) != ECONFLICT {
		t.Fatalf("second document with the same sha256: got %v, want ECONFLICT", err)
	}
	if _, err := s.Document(ctx, "D2"); !IsNotFound(err) {
		t.Errorf("rejected document was half-written: %v", err)
	}
	other := newDoc("D3", "aa")
	other.City = "510100"
	if err := s.CreateDocument(ctx, other, Submission{User: "li"}); err != nil {
		t.Errorf("the same bytes for another city: %v", err)
	}
	got, err := s.DocumentBySHA256(ctx, "aa", "330100")
	if err != nil || got.ID != "D1" || got.Title != d.Title || got.City != "330100" {
		t.Fatalf("by sha: %+v, %v", got, err)
	}
	if err := s.AddSubmission(ctx, Submission{DocumentID: "D1", User: "li", Department: "教育局", Filename: "b.txt"}); err != nil {
		t.Fatalf("add submission: %v", err)
	}
	subs, err := s.Submissions(ctx, "D1")
	if err != nil || len(subs) != 2 || subs[1].Department != "教育局" {
		t.Errorf("submissions %+v, %v", subs, err)
	}
	if d, err := s.DocumentBySHA256(ctx, "aa", "510100"); err != nil || d.ID != "D3" {
		t.Errorf("成都's copy: %+v %v", d, err)
	}
	events, err := s.Events(ctx, "D1", 10)
	if err != nil || len(events) != 2 || events[0].Action != "document.duplicate" || events[1].Action != "document.upload" {
		t.Errorf("events %+v, %v", events, err)
	}
}

func TestUnknownCityIsRejected(t *testing.T) { forEachStore(t, testUnknownCityIsRejected) }

func testUnknownCityIsRejected(t *testing.T, s *Store) {
	d := newDoc("D1", "aa")
	d.City = "999999"
	err := s.CreateDocument(context.Background(), d, Submission{User: "zhang"})
	if ErrorCode(err) != EINVALID {
		t.Fatalf("unknown city: got %v, want EINVALID", err)
	}
}

func TestSetStatusBumpsSeqAndRecordsFailure(t *testing.T) {
	forEachStore(t, testSetStatusBumpsSeqAndRecordsFailure)
}

func testSetStatusBumpsSeqAndRecordsFailure(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusExtracted, Pages: 3},
		StatusChange{ID: "D2", Status: StatusFailed, Error: "PDF 中没有可提取的文字"})
	if err != nil {
		t.Fatalf("set status: %v", err)
	}
	d1, _ := s.Document(ctx, "D1")
	d2, _ := s.Document(ctx, "D2")
	if d1.Status != StatusExtracted || d1.Pages != 3 || d1.Seq <= 2 {
		t.Errorf("D1 %+v", d1)
	}
	if d2.Status != StatusFailed || d2.Error == "" || d2.Seq <= d1.Seq {
		t.Errorf("D2 %+v", d2)
	}
	var unfinished []string
	s.DocumentsWithStatus(ctx, func(d *Document) { unfinished = append(unfinished, d.ID) }, StatusStored, StatusExtracted)
	if len(unfinished) != 1 || unfinished[0] != "D1" {
		t.Errorf("unfinished %v, want [D1]", unfinished)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "nope", Status: StatusIndexed}); !IsNotFound(err) {
		t.Errorf("unknown id: %v", err)
	}
	counts, _ := s.CountByStatus(ctx)
	if counts[StatusExtracted] != 1 || counts[StatusFailed] != 1 {
		t.Errorf("counts %v", counts)
	}
}

// TestFailureReasonKeepsItsEnglish: a failure recorded with its English
// reads back in both languages; one without English has none, and ErrorIn
// gives its Chinese on English pages; a document read again loses both.
func TestFailureReasonKeepsItsEnglish(t *testing.T) {
	forEachStore(t, testFailureReasonKeepsItsEnglish)
}

func testFailureReasonKeepsItsEnglish(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	reason := Errorf(EINVALID, "文件中没有可提取的文字（可能只包含图片或是空白文档）；请上传含文字的文件")
	err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusFailed, Error: reason.Message, ErrorEnglish: reason.English},
		StatusChange{ID: "D2", Status: StatusFailed, Error: "台账是空的"})
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := s.Document(ctx, "D1")
	if d1.Error != reason.Message || d1.ErrorEnglish != reason.English || !strings.HasPrefix(d1.ErrorIn(true), "The file has no text") ||
		d1.ErrorIn(false) != reason.Message {
		t.Errorf("a failure with English: %q / %q", d1.Error, d1.ErrorEnglish)
	}
	d2, _ := s.Document(ctx, "D2")
	if d2.ErrorEnglish != "" || d2.ErrorIn(true) != "台账是空的" {
		t.Errorf("a failure without English: %q / %q, English page shows %q", d2.Error, d2.ErrorEnglish, d2.ErrorIn(true))
	}
	var null bool
	if err := s.db.QueryRowContext(ctx, `SELECT error_en IS NULL FROM document WHERE id = ?`, "D2").Scan(&null); err != nil || !null {
		t.Errorf("a failure without English is stored as %v (NULL: %v), want NULL", err, null)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusStored}); err != nil {
		t.Fatal(err)
	}
	if d1, _ = s.Document(ctx, "D1"); d1.Error != "" || d1.ErrorEnglish != "" {
		t.Errorf("a document read again keeps its reason %q / %q", d1.Error, d1.ErrorEnglish)
	}
}

// TestMigrationKeepsEarlierFailuresInChinese: a catalog of version 15
// whose documents failed before the English was kept gains the column;
// those documents show their Chinese reason in both languages, and
// failures from then on keep their English.
func TestMigrationKeepsEarlierFailuresInChinese(t *testing.T) {
	forEachStore(t, testMigrationKeepsEarlierFailuresInChinese)
}

func testMigrationKeepsEarlierFailuresInChinese(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2"} {
		if err := s.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	// Back to version 15, and D1 failed as that version recorded it.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE document DROP COLUMN error_en`); err != nil {
			return err
		}
		if err := undoSubmissionAssignment(ctx, tx); err != nil { // 023
			return err
		}
		if err := undoTextReader(ctx, tx); err != nil { // 022
			return err
		}
		if err := undoFieldsRevision(ctx, tx); err != nil { // 021
			return err
		}
		if _, err := tx.ExecContext(ctx, `DROP TABLE login_turn`); err != nil { // 017
			return err
		}
		if _, err := tx.ExecContext(ctx, `ALTER TABLE value DROP COLUMN passage_unit`); err != nil { // 018
			return err
		}
		if _, err := tx.ExecContext(ctx, `DROP INDEX value_order`); err != nil { // 019
			return err
		}
		if _, err := tx.ExecContext(ctx, `ALTER TABLE value DROP COLUMN indicator_order`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DROP TABLE round_indicator; DROP TABLE round_framework`); err != nil { // 020
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE document SET status = 'failed', error = ? WHERE id = ?`, "PDF 文件已损坏", "D1"); err != nil {
			return err
		}
		return s.dialect.setVersion(ctx, tx, 15)
	})
	if err != nil {
		t.Fatalf("make a catalog of version 15: %v", err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from version 15: %v", err)
	}
	d1, err := s.Document(ctx, "D1")
	if err != nil || d1.Status != StatusFailed || d1.ErrorEnglish != "" || d1.ErrorIn(true) != "PDF 文件已损坏" {
		t.Fatalf("a document failed before the migration: %+v %v", d1, err)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D2", Status: StatusFailed, Error: "文件为空", ErrorEnglish: "The file is empty"}); err != nil {
		t.Fatal(err)
	}
	if d2, err := s.Document(ctx, "D2"); err != nil || d2.ErrorIn(true) != "The file is empty" {
		t.Errorf("a failure after the migration: %+v %v", d2, err)
	}
}

func TestTokens(t *testing.T) { forEachStore(t, testTokens) }

func testTokens(t *testing.T, s *Store) {
	ctx := context.Background()
	u := &User{Username: "wang", Role: RoleCoordinator, City: "330100"}
	if err := s.CreateUser(ctx, u, "hash", "cli"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser(ctx, u, "hash", "cli"); ErrorCode(err) != ECONFLICT {
		t.Errorf("duplicate user: %v", err)
	}
	if _, err := s.CreateToken(ctx, "wang", "ev_secret", "测试", "cli"); err != nil {
		t.Fatal(err)
	}
	got, err := s.UserByToken(ctx, "ev_secret")
	if err != nil || got.Username != "wang" || got.City != "330100" || got.Role != RoleCoordinator {
		t.Fatalf("user by token: %+v, %v", got, err)
	}
	if _, err := s.UserByToken(ctx, "ev_wrong"); ErrorCode(err) != EUNAUTHORIZED {
		t.Errorf("bad token: %v", err)
	}
}

// TestTokenUser checks what UserByToken's one query brings back and when it
// writes: the user's cities, the use noted at most once a minute, and a
// token refused from the moment its account is disabled or its password
// changed.
func TestTokenUser(t *testing.T) { forEachStore(t, testTokenUser) }

func testTokenUser(t *testing.T, s *Store) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	for _, u := range []*User{
		{Username: "li", Role: RoleReviewer, Cities: []string{"510100", "330100"}},
		{Username: "wang", Role: RoleCoordinator, City: "330100", Department: "教育局"},
	} {
		if err := s.CreateUser(ctx, u, "hash", "cli"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateToken(ctx, u.Username, "ev_"+u.Username, "", "cli"); err != nil {
			t.Fatal(err)
		}
	}
	lastUsed := func(username string) time.Time {
		t.Helper()
		tokens, err := s.Tokens(ctx, username)
		if err != nil || len(tokens) != 1 {
			t.Fatalf("tokens of %s: %+v %v", username, tokens, err)
		}
		return tokens[0].LastUsed
	}
	for _, tt := range []struct {
		token string
		want  User
	}{
		{"ev_li", User{Username: "li", Role: RoleReviewer, Cities: []string{"330100", "510100"}, CreatedAt: now}},
		{"ev_wang", User{Username: "wang", Role: RoleCoordinator, City: "330100", Department: "教育局", CreatedAt: now}},
	} {
		got, err := s.UserByToken(ctx, tt.token)
		if err != nil || !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("user of %s: %+v, %v; want %+v", tt.token, got, err, tt.want)
		}
		if used := lastUsed(tt.want.Username); !used.Equal(now) {
			t.Errorf("%s last used %v, want %v", tt.token, used, now)
		}
	}
	first := now
	for _, step := range []struct {
		at   time.Duration // after the first use
		want time.Time
	}{
		{30 * time.Second, first}, // within the minute: not noted again
		{time.Minute, first},      // a minute to the microsecond: not yet
		{time.Minute + time.Second, first.Add(61 * time.Second)}, // past it: noted
		{90 * time.Second, first.Add(61 * time.Second)},
	} {
		now = first.Add(step.at)
		if _, err := s.UserByToken(ctx, "ev_wang"); err != nil {
			t.Fatal(err)
		}
		if used := lastUsed("wang"); !used.Equal(step.want) {
			t.Errorf("at %v: last used %v, want %v", now, used, step.want)
		}
	}
	// An account marked disabled without its tokens revoked (SetDisabled
	// revokes them as well) is refused all the same.
	if _, err := s.writer.ExecContext(ctx, `UPDATE app_user SET disabled = 1 WHERE username = ?`, "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByToken(ctx, "ev_wang"); ErrorCode(err) != EUNAUTHORIZED {
		t.Errorf("token of an account marked disabled: %v", err)
	}
	if _, err := s.writer.ExecContext(ctx, `UPDATE app_user SET disabled = 0 WHERE username = ?`, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDisabled(ctx, "wang", true, "cli"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByToken(ctx, "ev_wang"); ErrorCode(err) != EUNAUTHORIZED {
		t.Errorf("token of a disabled account: %v", err)
	}
	if err := s.SetPassword(ctx, "li", "new", "cli"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByToken(ctx, "ev_li"); ErrorCode(err) != EUNAUTHORIZED {
		t.Errorf("token after a password change: %v", err)
	}
}

func TestDocumentYear(t *testing.T) {
	tests := []struct {
		issued, round string
		want          int
	}{
		{"2016-03-01", "2017", 2016},
		{"", "2017", 2017},
		{"", "", 0},
		{"2015", "", 2015},
	}
	for _, tt := range tests {
		d := Document{IssuedOn: tt.issued, Round: tt.round}
		if got := d.Year(); got != tt.want {
			t.Errorf("Year(%q, %q) = %d, want %d", tt.issued, tt.round, got, tt.want)
		}
	}
}

func TestSplitListReadsListsAsPeopleWriteThem(t *testing.T) {
	for in, want := range map[string]string{
		"2.3.1,1.1.1":    "2.3.1|1.1.1",
		"2.3.1、1.1.1":    "2.3.1|1.1.1",
		"2.3.1，1.1.1":    "2.3.1|1.1.1",
		" 2.3.1  1.1.1 ": "2.3.1|1.1.1",
		"":               "",
	} {
		if got := strings.Join(SplitList(in), "|"); got != want {
			t.Errorf("SplitList(%q) = %q, want %q", in, got, want)
		}
	}
}

// Writers of one process queue for SQLite's one write lock in Go, on the
// one writer connection, and never hold a reader's connection meanwhile:
// with pooled connections each writer took one and slept in SQLite's busy
// handler, so reads waited behind writers for up to busy_timeout.
func TestReadsGoOnWhileWritersQueue(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	held := make(chan struct{})
	readDone := make(chan struct{})
	holder := make(chan error, 1)
	go func() {
		holder <- s.inTx(ctx, func(tx *sql.Tx) error {
			close(held)
			// A minute bounds the hold should reads wait behind it:
			// the test then fails below instead of hanging.
			select {
			case <-readDone:
			case <-time.After(time.Minute):
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO city (code, name) VALUES ('999901', '测试市')`)
			return err
		})
	}()
	<-held
	// More writers than the old pool had connections, all waiting.
	const writers = readConns
	queued := make(chan error, writers)
	for i := range writers {
		go func() {
			queued <- s.inTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO city (code, name) VALUES (?, '测试市')`, fmt.Sprintf("9999%02d", 10+i))
				return err
			})
		}()
	}
	// The writers queue, the holder among them in the same function.
	testfiles.WaitInside(t, "catalog.(*Store).inTx", writers+1)
	for range 2 * readConns {
		if _, err := s.Cities(ctx); err != nil {
			t.Fatalf("read while writers queue: %v", err)
		}
	}
	select {
	case err := <-holder:
		t.Fatalf("the reads waited until the held write transaction ended (%v)", err)
	default:
	}
	close(readDone)
	if err := <-holder; err != nil {
		t.Fatalf("held write: %v", err)
	}
	for range writers {
		if err := <-queued; err != nil {
			t.Errorf("queued writer: %v", err)
		}
	}
	cities, err := s.Cities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var added int
	for _, c := range cities {
		if strings.HasPrefix(c.Code, "9999") {
			added++
		}
	}
	if added != writers+1 {
		t.Errorf("%d test cities written, want %d", added, writers+1)
	}
}

// A panic inside a write transaction rolls it back and frees the one
// writer connection: the next write goes through instead of waiting for
// ever.
func TestPanicInTransactionFreesTheWriter(t *testing.T) {
	s := openTestStore(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not reach the caller")
			}
		}()
		s.inTx(context.Background(), func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(context.Background(), `INSERT INTO city (code, name) VALUES ('999901', '测试市')`); err != nil {
				return err
			}
			panic("extraction bug")
		})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.AddCity(ctx, City{Code: "659001", Name: "石河子市"}, "admin"); err != nil {
		t.Fatalf("write after a panicking transaction: %v", err)
	}
	cities, err := s.Cities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cities {
		if c.Code == "999901" {
			t.Error("the panicking transaction's row was committed")
		}
	}
}

// TestWriteBehindAStuckWriteFailsAsBusy: a write waits its turn for the
// one writer connection for writerWait at most, then fails as busy with a
// time to retry after (as SQLite's busy timeout did), instead of waiting
// until its request gives up; the writes after the stuck one ends go on.
func TestWriteBehindAStuckWriteFailsAsBusy(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	s.writerWait = 200 * time.Millisecond
	held, release := make(chan struct{}), make(chan struct{})
	holder := make(chan error, 1)
	go func() {
		holder <- s.inTx(ctx, func(tx *sql.Tx) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	start := time.Now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO city (code, name) VALUES ('999902', '测试市')`)
		return err
	})
	waited := time.Since(start)
	if ErrorCode(err) != EUNAVAILABLE || !strings.Contains(ErrorMessage(err), "目录数据库正忙") {
		t.Fatalf("a write behind a stuck one: %v (code %s), want EUNAVAILABLE saying the catalog is busy", err, ErrorCode(err))
	}
	if after, ok := RetryAfter(err); !ok || after <= 0 {
		t.Errorf("the busy error says no time to retry after")
	}
	// Not before the wait; "not for ever" is bounded by a minute, which
	// a loaded machine does not reach.
	if waited < s.writerWait || waited > s.writerWait+time.Minute {
		t.Errorf("failed after %v, want after the %v wait", waited, s.writerWait)
	}
	if err := s.DeleteExpiredSessions(ctx); ErrorCode(err) != EUNAVAILABLE {
		t.Errorf("a statement outside a transaction behind a stuck write: %v, want EUNAVAILABLE", err)
	}
	close(release)
	if err := <-holder; err != nil {
		t.Fatal(err)
	}
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO city (code, name) VALUES ('999902', '测试市')`)
		return err
	}); err != nil {
		t.Fatalf("a write after the stuck one ended: %v", err)
	}
}
