package catalog

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// DocumentReturn is a return (退回) of a live document on a task that
// still lists it: the task, who returned the file, when and why, and what
// the department handed in for the task after it.
type DocumentReturn struct {
	Assignment string
	City       string
	Round      int
	Indicator  string
	Department string
	By         string
	At         time.Time
	Reason     string
	// After are the live files handed in for the task after the return
	// and not returned themselves, oldest first: what replaced it
	// (已由《…》替代).
	After []string
}

// SeenBy is r as u may read it: who returned the file and why are told,
// as the board and 我的任务 tell them, to an admin, the city's coordinator
// and the task's own 责任单位 only; to anyone else (an expert, a reviewer,
// another department) r says that and when the file was returned, and
// what replaced it, with By and Reason empty.
func (r DocumentReturn) SeenBy(u *User) DocumentReturn {
	own := u.Role == RoleContributor && u.City == r.City && u.Department == r.Department
	if u.CanEdit(r.City) != nil && !own {
		r.By, r.Reason = "", ""
	}
	return r
}

// ReturnedDocument is a live document the coordinator returned on one
// task or more that still list it: its city, its returns oldest first,
// and whether it is nobody's evidence since (ReturnedOnly).
type ReturnedDocument struct {
	City    string
	Returns []DocumentReturn
	// Only: handed in, not returned, for no task, linked to no
	// indicator, and cited by no claim (but a withdrawn one) nor value.
	Only bool
	// standing is, while readReturns and finishReturns build it, the
	// files handed in and not returned by task.
	standing map[string][]handIn
}

// returnsSQL reads, in one statement, every live file of the tasks that
// returned a live file: the returned ones with their returns, and the
// others, which replaced them when handed in after. %s narrows the tasks
// (scopedReturns): a file's returns, what replaced it and whether it is
// still evidence depend only on the rows of the tasks that list it.
const returnsSQL = `SELECT ad.assignment_id, ad.document_id, ad.at, ad.returned_at, ad.returned_by, ad.return_reason,
	a.city, a.round, a.indicator_code, dp.name, d.city,
	CASE WHEN ad.returned_at <> ''
		AND NOT EXISTS (SELECT 1 FROM assignment_document o WHERE o.document_id = ad.document_id AND o.returned_at = '')
		AND NOT EXISTS (SELECT 1 FROM link l WHERE l.document_id = ad.document_id)
		AND NOT EXISTS (SELECT 1 FROM citation t JOIN claim c ON c.id = t.claim_id
			WHERE t.document_id = ad.document_id AND c.status <> 'withdrawn')
		AND NOT EXISTS (SELECT 1 FROM value v WHERE v.document_id = ad.document_id) THEN 1 ELSE 0 END
	FROM assignment_document ad JOIN document d ON d.id = ad.document_id
	JOIN assignment a ON a.id = ad.assignment_id JOIN department dp ON dp.id = a.department_id
	WHERE d.deleted_at IS NULL AND ad.assignment_id IN (SELECT r.assignment_id FROM assignment_document r
		JOIN document rd ON rd.id = r.document_id WHERE r.returned_at <> '' AND rd.deleted_at IS NULL)%s
	ORDER BY ad.at, ad.document_id`

// holdingTasks narrows returnsSQL to the tasks that list one of the
// documents of an IN list.
const holdingTasks = `
	AND ad.assignment_id IN (SELECT h.assignment_id FROM assignment_document h WHERE h.document_id IN %s)`

// AllReturns returns, by document id, every live document returned on a
// task that still lists it (ReturnedDocument), with every return of it on
// such a task, the earlier ones of a task that returned it twice
// included (addEarlierReturns), in two statements: a search
// keeps it while the catalog's CitationsStamp stays the same (a return, a
// hand-in, a withdrawal, a link and a deletion each record an event).
func (s *Store) AllReturns(ctx context.Context) (map[string]*ReturnedDocument, error) {
	out, err := s.readReturns(ctx, fmt.Sprintf(returnsSQL, ""), nil)
	if err != nil {
		return nil, err
	}
	return out, s.finishReturns(ctx, out)
}

// scopedReturns is AllReturns of the documents ids (at most maxInList, as
// an IN list in and its arguments), read from the rows of the tasks that
// list them only: a document's page reads its own tasks, not the whole
// catalog's returns.
func (s *Store) scopedReturns(ctx context.Context, ids []string, in string, args []any) (map[string]*ReturnedDocument, error) {
	out, err := s.readReturns(ctx, fmt.Sprintf(returnsSQL, fmt.Sprintf(holdingTasks, in)), args)
	if err != nil {
		return nil, err
	}
	// The other files of those tasks are read to tell what replaced
	// ids; their earlier returns are not asked for.
	for doc := range out {
		if !slices.Contains(ids, doc) {
			delete(out, doc)
		}
	}
	return out, s.finishReturns(ctx, out)
}

// readReturns runs query (returnsSQL) and returns its returned documents,
// each with the files handed in on its tasks (standing) in After of every
// return, not yet sorted nor filtered by time.
func (s *Store) readReturns(ctx context.Context, query string, args []any) (map[string]*ReturnedDocument, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("returned documents: %w", err)
	}
	defer rows.Close()
	out := map[string]*ReturnedDocument{}
	standing := map[string][]handIn{}
	for rows.Next() {
		var r DocumentReturn
		var doc, at, returnedAt, city string
		var only int
		if err := rows.Scan(&r.Assignment, &doc, &at, &returnedAt, &r.By, &r.Reason, &r.City, &r.Round, &r.Indicator,
			&r.Department, &city, &only); err != nil {
			return nil, fmt.Errorf("read a returned document: %w", err)
		}
		if s.returnRowRead != nil {
			s.returnRowRead(r.Assignment)
		}
		if returnedAt == "" {
			standing[r.Assignment] = append(standing[r.Assignment], handIn{doc, parseTime(at)})
			continue
		}
		r.At = parseTime(returnedAt)
		d := out[doc]
		if d == nil {
			d = &ReturnedDocument{City: city, Only: only == 1, standing: standing}
			out[doc] = d
		}
		d.Returns = append(d.Returns, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("returned documents: %w", err)
	}
	return out, nil
}

// handIn is a file handed in on a task and not returned, and when.
type handIn struct {
	doc string
	at  time.Time
}

// finishReturns adds the earlier returns of out's documents, sorts each
// one's returns and tells what was handed in after each.
func (s *Store) finishReturns(ctx context.Context, out map[string]*ReturnedDocument) error {
	if err := s.addEarlierReturns(ctx, out); err != nil {
		return err
	}
	for _, d := range out {
		slices.SortStableFunc(d.Returns, func(a, b DocumentReturn) int { return a.At.Compare(b.At) })
		for i, r := range d.Returns {
			for _, h := range d.standing[r.Assignment] {
				if h.at.After(r.At) {
					d.Returns[i].After = append(d.Returns[i].After, h.doc)
				}
			}
		}
		d.standing = nil
	}
	return nil
}

// DocumentReturns returns, by document id, the returns of the live
// documents among ids on tasks that still list them, oldest first; a
// document never returned, or handed in again since, has none. A file
// withdrawn after its return is deleted, so it has none either. It reads
// the rows of the tasks that list ids only (scopedReturns).
func (s *Store) DocumentReturns(ctx context.Context, ids []string) (map[string][]DocumentReturn, error) {
	out := map[string][]DocumentReturn{}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	for run := range slices.Chunk(ids, maxInList) {
		err := forInLists(run, func(in string, args []any) error {
			some, err := s.scopedReturns(ctx, run, in, args)
			for id, d := range some {
				out[id] = d.Returns
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReturnedOnly returns, in id order, the live documents of cities (every
// city when none) that the coordinator returned on a task and that stand
// as nobody's evidence since (ReturnedDocument.Only). Search leaves them
// out unless asked for them (a returned file is not the city's evidence);
// a file the coordinator linked by hand, a claim or a value cites, or
// another department handed in and kept, is.
func (s *Store) ReturnedOnly(ctx context.Context, cities []string) ([]string, error) {
	all, err := s.AllReturns(ctx)
	if err != nil {
		return nil, err
	}
	return OnlyReturned(all, cities), nil
}

// OnlyReturned is ReturnedOnly of all, as AllReturns read it.
func OnlyReturned(all map[string]*ReturnedDocument, cities []string) []string {
	var out []string
	for id, d := range all {
		if d.Only && (len(cities) == 0 || slices.Contains(cities, d.City)) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
