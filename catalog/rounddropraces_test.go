package catalog

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// A round dropped while its links are used, their quotes added and
// marked to be looked for again, and their documents deleted, all at
// once (on PostgreSQL: what several nodes do): each operation ends done
// or refused with a code a person can act on, never a deadlock or a
// driver's error, and afterwards the catalog holds nothing of the round
// if it went (it went only when nothing was used in it) and no link or
// quote made on a document after it was deleted.
func TestRoundDroppedWhileLinksChange(t *testing.T) {
	forEachStore(t, testRoundDroppedWhileLinksChange)
}

func testRoundDroppedWhileLinksChange(t *testing.T, s *Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	const rounds = 12
	for i := range rounds {
		year := 2030 + i
		if err := s.AddRound(ctx, Round{Year: year, Label: fmt.Sprintf("%d年度监测", year)}, "admin"); err != nil {
			t.Fatal(err)
		}
		used, quoted := fmt.Sprintf("学分银行实施方案-%d", i), fmt.Sprintf("社区教育工作总结-%d", i)
		for _, id := range []string{used, quoted} {
			d := newDoc(id, "sha-"+id)
			d.Round = "2018"
			if err := s.CreateDocument(ctx, d, Submission{User: "wang", Filename: id + ".txt"}); err != nil {
				t.Fatal(err)
			}
			if err := s.CreateLinks(ctx, []*Link{{DocumentID: id, IndicatorCode: "1.1.1", Page: 1,
				Quote: "建成社区学习共同体 120 个", CreatedBy: "wang"}}, false); err != nil {
				t.Fatal(err)
			}
		}
		ops := []raceOp{
			{"drop round", func() error { return s.DeleteRound(ctx, year, "admin") }},
			{"use a link in the round", func() error {
				return s.LinkInRound(ctx, []*Link{{DocumentID: used, IndicatorCode: "1.1.2", CreatedBy: "wang"}}, year, "wang")
			}},
			{"add a quote", func() error {
				return s.AddLinkQuote(ctx, &Link{DocumentID: quoted, IndicatorCode: "1.1.1", Page: 2, Quote: "学分银行开户 3.2 万人", CreatedBy: "wang"})
			}},
			{"mark the quotes to look for again", func() error {
				_, err := s.MarkQuotesToRecheck(ctx, "sha-"+quoted, "重新提取后未能核对", "")
				return err
			}},
			{"delete the quoted document", func() error { _, err := s.DeleteDocument(ctx, quoted, "admin"); return err }},
		}
		if i%2 == 1 {
			// Every other round the used document goes too, so that the
			// link into the round sometimes finds it deleted.
			ops = append(ops, raceOp{"delete the used document", func() error { _, err := s.DeleteDocument(ctx, used, "admin"); return err }})
		}
		errs := make([]error, len(ops))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for k, op := range ops {
			wg.Go(func() {
				<-start
				errs[k] = op.run()
			})
		}
		close(start)
		wg.Wait()
		for k, err := range errs {
			if err != nil && ErrorCode(err) != ENOTFOUND && ErrorCode(err) != ECONFLICT {
				t.Errorf("round %d: %s: %v; want it done, or refused as not found or in conflict", year, ops[k].name, err)
			}
		}
		dropped, usedIn := errs[0] == nil, errs[1] == nil
		assertRoundOutcome(t, s, year, dropped, usedIn)
		assertCallsHeld(t, s, year, used, quoted, ops, errs)
		if dropped && usedIn {
			t.Errorf("round %d was dropped and a link was used in it, both without error: one must refuse", year)
		}
	}
}

// raceOp is one of the operations run at once.
type raceOp struct {
	name string
	run  func() error
}

// assertRoundOutcome checks what is left of round year: nothing when it
// was dropped, the link used in it when that succeeded.
func assertRoundOutcome(t *testing.T, s *Store, year int, dropped, usedIn bool) {
	t.Helper()
	var rounds, carried int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM round WHERE year = ?),
		(SELECT count(*) FROM carryover WHERE round = ? AND state <> 'dropped')`, year, year).Scan(&rounds, &carried); err != nil {
		t.Fatal(err)
	}
	switch {
	case dropped && (rounds != 0 || carried != 0):
		t.Errorf("round %d dropped: %d rounds and %d links used in it left; want none", year, rounds, carried)
	case !dropped && rounds != 1:
		t.Errorf("round %d not dropped, yet %d rows of it", year, rounds)
	case usedIn && carried != 1:
		t.Errorf("a link used in round %d: %d carried rows; want it", year, carried)
	}
}

// assertCallsHeld checks that what each call said it did is what the
// catalog holds: the quote added (and the link used in the round) exactly
// when the call succeeded, a document deleted exactly when its deletion
// did, and the links a document had kept by its deletion.
func assertCallsHeld(t *testing.T, s *Store, year int, used, quoted string, ops []raceOp, errs []error) {
	t.Helper()
	said := map[string]bool{}
	for k, op := range ops {
		said[op.name] = errs[k] == nil
	}
	var quotes, usedLinks, kept, usedGone, quotedGone int
	if err := s.db.QueryRow(`SELECT
		(SELECT count(*) FROM link_quote q JOIN link l ON l.id = q.link_id WHERE l.document_id = ? AND q.quote = ?),
		(SELECT count(*) FROM link WHERE document_id = ? AND indicator_code = '1.1.2'),
		(SELECT count(*) FROM link WHERE document_id IN (?, ?) AND indicator_code = '1.1.1'),
		(SELECT count(*) FROM document WHERE id = ? AND deleted_at IS NOT NULL),
		(SELECT count(*) FROM document WHERE id = ? AND deleted_at IS NOT NULL)`,
		quoted, "学分银行开户 3.2 万人", used, used, quoted, used, quoted).Scan(&quotes, &usedLinks, &kept, &usedGone, &quotedGone); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what  string
		held  bool
		op    string
		apply bool
	}{
		{"the quote added", quotes == 1, "add a quote", true},
		{"the link used in the round", usedLinks == 1, "use a link in the round", true},
		{"the quoted document deleted", quotedGone == 1, "delete the quoted document", true},
		{"the used document deleted", usedGone == 1, "delete the used document", len(ops) > 5},
	} {
		if c.apply && c.held != said[c.op] {
			t.Errorf("round %d: %s is %v in the catalog, but %q returned %v", year, c.what, c.held, c.op, errs[slices.IndexFunc(ops, func(o raceOp) bool { return o.name == c.op })])
		}
	}
	if kept != 2 {
		t.Errorf("round %d: %d of the two documents' links to 1.1.1 left; deleting a document keeps its links", year, kept)
	}
}
