package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// addRounds adds monitoring rounds for a test's data, without the audit
// events AddRound records, which some tests count.
func addRounds(t *testing.T, s *Store, years ...int) {
	t.Helper()
	err := s.inTx(context.Background(), func(tx *sql.Tx) error {
		for _, y := range years {
			if _, err := tx.Exec(`INSERT INTO round (year, label, is_current) VALUES (?, ?, 0)`, y, DefaultRoundLabel(y)); err != nil {
				return fmt.Errorf("add round %d: %w", y, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// roundWriter is a call that writes rows belonging to a round, with what
// DeleteRound says when the call committed first.
type roundWriter struct {
	name string
	// setup makes what the call needs, in round 2017, before the race.
	setup func(t *testing.T, s *Store)
	write func(ctx context.Context, s *Store, round int) error
	// afterWrite is the code DeleteRound returns once the call has
	// written into the round: ECONFLICT for what counts as the round's
	// data, "" when what was written goes with the round (open tasks).
	afterWrite string
	// leavesOut: a call that finds the round gone does not write into it
	// and succeeds (a reading of the text files the document elsewhere)
	// rather than fail as not found.
	leavesOut bool
}

var roundCite = Citation{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行累计开户学习者12000人", QuoteFound: true, FoundOnPage: 1}

func roundWriterSetup(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	c := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "学分银行开户学习者达到1.2万人", CreatedBy: "zhang",
		Citations: []Citation{roundCite}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportAssignments(ctx, "330100", 2017, []AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2017-06-30", Contact: "王老师"}}, "zhang"); err != nil {
		t.Fatal(err)
	}
}

// roundWriters are every call that writes rows belonging to a round.
var roundWriters = []roundWriter{
	{"carry 2017 over", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		_, err := s.CarryOver(ctx, "330100", 2017, round, "zhang")
		return err
	}, ECONFLICT, false},
	{"write a claim", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		return s.CreateClaim(ctx, &Claim{City: "330100", Round: round, Indicator: "1.1.2", Statement: "社区教育覆盖全部街道",
			CreatedBy: "zhang", Citations: []Citation{roundCite}})
	}, ECONFLICT, false},
	{"save a value", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		return s.SaveValue(ctx, &Value{City: "330100", Round: round, Indicator: "1.1.1", Number: 12000, Given: "1.2万", Unit: "人",
			Citation: roundCite, ValueFound: true}, "zhang")
	}, ECONFLICT, false},
	{"use a link in the round", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		return s.LinkInRound(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "1.1.2", CreatedBy: "zhang"}}, round, "zhang")
	}, ECONFLICT, false},
	{"import a responsibility table", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		_, err := s.ImportAssignments(ctx, "330100", round, []AssignmentRow{
			{Indicator: "1.1.2", Department: "市民政局", Due: "2026-06-30", Contact: "李老师"}}, "zhang")
		return err
	}, "", false},
	{"copy 2017's responsibility table", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		_, err := s.CopyAssignments(ctx, "330100", 2017, round, func(string) bool { return true }, "zhang")
		return err
	}, "", false},
	{"hand in a file for a task", roundTaskSetup, func(ctx context.Context, s *Store, round int) error {
		return s.ChangeAssignment(ctx, AssignmentChange{ID: setupID(s, "task"), From: []AssignmentStatus{AssignmentOpen},
			To: AssignmentSubmitted, Documents: []string{"D1"}, By: "minzheng"})
	}, ECONFLICT, false},
	{"hand in a file the coordinator linked", roundTaskSetup, func(ctx context.Context, s *Store, round int) error {
		return s.HandInLinked(ctx, setupID(s, "task"), "D1", Submission{User: "zhang", Department: "市民政局", Filename: "D1.txt"})
	}, ECONFLICT, false},
	{"upload a document of the round", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		return s.CreateDocuments(ctx, []*Document{roundDocument(round)}, []Submission{{User: "zhang", Filename: "D2.txt"}})
	}, ECONFLICT, false},
	{"upload a file for a task of the round", roundTaskSetup, func(ctx context.Context, s *Store, round int) error {
		d := roundDocument(round)
		d.Round = "" // the task names the round; its open task goes with it, the upload's history stays
		return s.CreateDocuments(ctx, []*Document{d}, []Submission{{User: "minzheng", Filename: "D2.txt", Assignment: setupID(s, "task")}})
	}, "", false},
	{"move a document into the round", roundWriterSetup, func(ctx context.Context, s *Store, round int) error {
		y := fmt.Sprint(round)
		_, err := s.UpdateDocument(ctx, "D1", DocumentPatch{Round: &y}, "zhang")
		return err
	}, ECONFLICT, false},
	{"put a dropped link back into the round", roundDroppedLinkSetup, func(ctx context.Context, s *Store, round int) error {
		return s.RestoreLinkToRound(ctx, setupID(s, "link"), round, "zhang")
	}, ECONFLICT, false},
	{"confirm a dropped link in the round again", roundDroppedLinkSetup, func(ctx context.Context, s *Store, round int) error {
		return s.DecideCarryover(ctx, setupID(s, "carryover"), CarryConfirmed, "zhang")
	}, ECONFLICT, false},
	{"read a date of the round from a document's text", roundReadingSetup, func(ctx context.Context, s *Store, round int) error {
		return s.SetStatus(ctx, StatusChange{ID: "D2", Status: StatusExtracted,
			Fill: &FieldFill{IssuedOn: fmt.Sprintf("%d-03-01", round), Revision: 3}})
	}, ECONFLICT, true},
}

// roundRows counts the rows that name round in the tables of a round's
// data, the documents (which name it in text) among them.
func roundRows(t *testing.T, s *Store, round int) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM claim WHERE round = ?) + (SELECT count(*) FROM value WHERE round = ?)
		+ (SELECT count(*) FROM carryover WHERE round = ?) + (SELECT count(*) FROM assignment WHERE round = ?)
		+ (SELECT count(*) FROM document WHERE round = ?)`,
		round, round, round, round, fmt.Sprint(round)).Scan(&n); err != nil {
		t.Fatalf("count the rows of round %d: %v", round, err)
	}
	return n
}

// A call that writes into a round deleted before it is refused as not
// found and writes nothing: the round's rows name it by year, with no
// foreign key to stop them.
func TestWritingIntoADeletedRoundIsNotFound(t *testing.T) {
	for _, w := range roundWriters {
		t.Run(w.name, func(t *testing.T) {
			forEachStore(t, func(t *testing.T, s *Store) {
				ctx := context.Background()
				addRounds(t, s, 2026)
				w.setup(t, s)
				if err := s.DeleteRound(ctx, 2026, "admin"); err != nil {
					t.Fatalf("delete the empty round 2026: %v", err)
				}
				if err := w.write(ctx, s, 2026); codeOf(err) != w.whenGone() {
					t.Errorf("%s into the deleted round 2026: %v; want %s", w.name, err, orDone(w.whenGone()))
				}
				if n := roundRows(t, s, 2026); n != 0 {
					t.Errorf("%s into the deleted round 2026 left %d rows of it", w.name, n)
				}
			})
		})
	}
}

// On PostgreSQL (several nodes) a call writing into a round and
// DeleteRound of that round, each caught just before it commits, wait
// for each other: the call that holds the round first commits, and the
// other then sees it. The test holds the audit log, which every call
// writes last, so the first call stops there with all its locks; the
// second is started once the first waits, and the log is let go once the
// second waits too (a reading of a document's text, which writes no
// event, is held at the change counter). Without the round held by the writer, neither waits
// for the other, both commit, and rows are left in a deleted round.
func TestRoundWritersAndDeleteRoundWaitForEachOther(t *testing.T) {
	for _, w := range roundWriters {
		for _, writerFirst := range []bool{true, false} {
			name := w.name + "/then delete the round"
			if !writerFirst {
				name = "delete the round/then " + w.name
			}
			t.Run(name, func(t *testing.T) {
				s := storeOpeners[1].open(t)
				t.Cleanup(func() { s.Close() })
				addRounds(t, s, 2026)
				w.setup(t, s)
				writeErr, deleteErr := raceRoundWriter(t, s, w, writerFirst)
				checkRoundRace(t, s, w, writerFirst, writeErr, deleteErr)
			})
		}
	}
}

// raceRoundWriter runs w's call and DeleteRound of 2026 on s, the one
// writerFirst names first, each held before it commits, and returns
// their errors.
func raceRoundWriter(t *testing.T, s *Store, w roundWriter, writerFirst bool) (writeErr, deleteErr error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	gate, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer gate.Rollback()
	// With the change counter, which a change to documents takes last
	// and a reading of a document's text, which writes no audit event,
	// stops at.
	if _, err := gate.ExecContext(ctx, `LOCK TABLE event, change_counter IN EXCLUSIVE MODE`); err != nil {
		t.Fatalf("hold the audit log and the change counter: %v", err)
	}
	write, del := make(chan error, 1), make(chan error, 1)
	runWrite := func() { go func() { write <- w.write(ctx, s, 2026) }() }
	runDelete := func() { go func() { del <- s.DeleteRound(ctx, 2026, "admin") }() }
	first, second := runWrite, runDelete
	firstDone, secondDone := write, del
	if !writerFirst {
		first, second, firstDone, secondDone = runDelete, runWrite, del, write
	}
	first()
	waitForLockWaits(ctx, t, s, 1, firstDone)
	second()
	waitForLockWaits(ctx, t, s, 2, secondDone)
	if err := gate.Commit(); err != nil {
		t.Fatal(err)
	}
	return <-write, <-del
}

// waitForLockWaits waits until n backends of s's database wait for a
// lock; a call that ends first (done) has not waited, and fails the test.
func waitForLockWaits(ctx context.Context, t *testing.T, s *Store, n int, done <-chan error) {
	t.Helper()
	if err, ended := waitOrDone(ctx, t, s, n, done); ended {
		t.Fatalf("call %d ended (%v) before it waited for a lock; want it held by the audit log or the round", n, err)
	}
}

// checkRoundRace checks what the call and DeleteRound returned, and that
// the round is gone with all its rows or is there with what was written.
func checkRoundRace(t *testing.T, s *Store, w roundWriter, writerFirst bool, writeErr, deleteErr error) {
	t.Helper()
	wantWrite, wantDelete := "", w.afterWrite
	if !writerFirst {
		wantWrite, wantDelete = w.whenGone(), ""
	}
	if code := codeOf(writeErr); code != wantWrite {
		t.Errorf("%s: %v; want %s", w.name, writeErr, orDone(wantWrite))
	}
	if code := codeOf(deleteErr); code != wantDelete {
		t.Errorf("delete round 2026: %v; want %s", deleteErr, orDone(wantDelete))
	}
	var rounds int
	if err := s.db.QueryRow(`SELECT count(*) FROM round WHERE year = 2026`).Scan(&rounds); err != nil {
		t.Fatal(err)
	}
	switch rows := roundRows(t, s, 2026); {
	case rounds == 0 && rows != 0:
		t.Errorf("round 2026 deleted, yet %d rows of it left", rows)
	case rounds == 1 && writeErr == nil && rows == 0:
		t.Errorf("round 2026 kept and %s done, yet nothing of it in the round", w.name)
	}
}

// whenGone is the code w's call returns when the round is gone.
func (w roundWriter) whenGone() string {
	if w.leavesOut {
		return ""
	}
	return ENOTFOUND
}

func codeOf(err error) string {
	if err == nil {
		return ""
	}
	return ErrorCode(err)
}

func orDone(code string) string {
	if code == "" {
		return "it done"
	}
	return code
}
