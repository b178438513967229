package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestDocumentPagesAreReadInOrder holds that a page of the documents
// list, unfiltered or of one status, is read in the listing's order from
// an index (migration 034) instead of every matching document going
// through a sort for it: the client waiting for an ingest to end asks for
// a page of one indexed document every second or two, and the sort cost
// ≈ 90 ms of CPU a page at 50,000 documents (bench/README.md, ingest step
// 21). The query plan's sort of the page's ids (under the subquery) is
// what must be gone; the outer query sorts only the page's rows.
func TestDocumentPagesAreReadInOrder(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		cond string
		args []any
	}{
		{"every document", "deleted_at IS NULL", nil},
		{"one status", "deleted_at IS NULL AND status = ?", []any{StatusIndexed}},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := "EXPLAIN QUERY PLAN " + documentPageSQL(c.cond, documentOrder(SortUploaded, false))
			rows, err := s.db.QueryContext(ctx, q, append(c.args, 1, 0)...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			type step struct {
				id, parent int
				detail     string
			}
			var plan []step
			for rows.Next() {
				var st step
				var unused int
				if err := rows.Scan(&st.id, &st.parent, &unused, &st.detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, st)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			under := map[int]bool{} // the subquery choosing the page's ids, and what is under it
			for _, st := range plan {
				if strings.HasPrefix(st.detail, "LIST SUBQUERY") || under[st.parent] {
					under[st.id] = true
				}
			}
			read := false
			for _, st := range plan {
				if !under[st.parent] {
					continue
				}
				if strings.Contains(st.detail, "TEMP B-TREE") {
					t.Errorf("the page's ids are sorted (%s); plan: %+v", st.detail, plan)
				}
				read = read || strings.Contains(st.detail, "INDEX")
			}
			if !read {
				t.Errorf("the page's ids are not read from an index; plan: %+v", plan)
			}
		})
	}
}
