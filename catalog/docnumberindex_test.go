package catalog

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestDocNumberIndexRunsAgain: the 文号 and part-of indexes migration
// (…_doc_number_index.sql) may run again on a catalog that has them.
func TestDocNumberIndexRunsAgain(t *testing.T) { forEachStore(t, testDocNumberIndexRunsAgain) }

func testDocNumberIndexRunsAgain(t *testing.T, s *Store) {
	ctx := context.Background()
	at := migrationAt(t, s, "_doc_number_index.sql")
	d := newDoc("D-通知", "sha-通知")
	d.DocNumber = "杭教发〔2023〕5号"
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		runMigrationAgain(t, s, at)
	}
	if got, err := s.Document(ctx, "D-通知"); err != nil || got.DocNumber != "杭教发〔2023〕5号" {
		t.Errorf("after running the 文号 index migration again: %+v %v", got, err)
	}
}

// TestPartOfQueriesUseIndexes: on SQLite, SameDocNumber reads the
// documents of a 文号 from document_doc_number_set, not all the city's, and
// NearDuplicates the documents part of one from near_duplicates_other,
// not all of near_duplicates.
func TestPartOfQueriesUseIndexes(t *testing.T) {
	s := openTestStore(t)
	for _, q := range []struct {
		sql  string
		args []any
		want string
	}{
		{sameDocNumberSQL("(?,?)"), []any{"杭州", "杭教发〔2023〕5号", "杭教发〔2023〕6号", 16}, "USING INDEX document_doc_number_set (city=? AND doc_number=?)"},
		{nearDuplicatesSQL, []any{"D-通知", "D-通知"}, "USING INDEX near_duplicates_other (other_id=?)"},
	} {
		rows, err := s.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		// SQLite's words as the pinned modernc.org/sqlite prints them.
		if all := strings.Join(plan, "\n"); !strings.Contains(all, q.want) {
			t.Errorf("the plan lacks %q:\n%s", q.want, all)
		}
	}
}

// TestSameDocNumberLimitsEachNumber: SameDocNumber gives each document
// at most limit others of its 文号 and city, by id, leaving out itself,
// deleted documents and those of its bytes; each 文号 has its own limit.
func TestSameDocNumberLimitsEachNumber(t *testing.T) {
	forEachStore(t, testSameDocNumberLimitsEachNumber)
}

func testSameDocNumberLimitsEachNumber(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range []struct{ id, number string }{
		{"A0", "杭教发〔2023〕5号"}, {"A1", "杭教发〔2023〕5号"}, {"A2", "杭教发〔2023〕5号"}, {"A3", "杭教发〔2023〕5号"},
		{"A4", "杭教发〔2023〕5号"}, {"B1", "杭教发〔2023〕6号"}, {"B2", "杭教发〔2023〕6号"}, {"B3", "杭教发〔2023〕6号"},
	} {
		doc := newDoc(d.id, strings.ToLower(d.id))
		doc.DocNumber = d.number
		if err := s.CreateDocument(ctx, doc, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteDocument(ctx, "A0", "zhang"); err != nil {
		t.Fatal(err)
	}
	a1, err := s.Document(ctx, "A1")
	if err != nil {
		t.Fatal(err)
	}
	b1, err := s.Document(ctx, "B1")
	if err != nil {
		t.Fatal(err)
	}
	// P has A2's bytes (another city's copy, say), read as 杭州's.
	p := &Document{ID: "P", SHA256: "a2", City: "330100", DocNumber: "杭教发〔2023〕5号"}
	got, err := s.SameDocNumber(ctx, []*Document{a1, b1, p}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "map[A1:[{A2 a2 0} {A3 a3 0}] B1:[{B2 b2 0} {B3 b3 0}] P:[{A1 a1 0} {A3 a3 0}]]" {
		t.Errorf("SameDocNumber: %v, want A1: A2, A3; B1: B2, B3; P: A1, A3", got)
	}
}
