package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkCandidatesAmongTemplatedNotices asks the near-duplicate
// candidates of a short scan (16 normal bands, 32 short) in a catalog of
// 5,000 templated short notices (one 通知 form filled in again and again)
// that each share one normal band and 20 short bands with it, and of the
// long document the scan was taken of: the query RecordExtractions runs,
// on SQLite in the single writer transaction, for every document read
// (bench/README.md, session 47).
//
//	go test ./catalog -run '^$' -bench CandidatesAmongTemplatedNotices -count 3
//
// topk is session 45's query, the bands shared counted and the first 32
// kept, for comparison: it lets the notices push the document out.
func BenchmarkCandidatesAmongTemplatedNotices(b *testing.B) {
	for _, o := range bothStores {
		b.Run(o.name, func(b *testing.B) {
			s := o.open(b)
			defer s.Close()
			ctx := context.Background()
			scan := templatedNotices(b, s, 5000, 1)
			if o.name == "postgres" {
				if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
					b.Fatal(err)
				}
			}
			b.Run("ranked", func(b *testing.B) {
				for b.Loop() {
					cands, err := s.NearDuplicateCandidates(ctx, "S", "s1", scan, nil, 32)
					if err != nil || len(cands) != 32 || !slices.ContainsFunc(cands, func(c Candidate) bool { return c.ID == "W" }) {
						b.Fatalf("candidates %+v, %v; want 32 with W", cands, err)
					}
				}
			})
			b.Run("topk", func(b *testing.B) {
				args := make([]any, 0, 2*len(scan)+2)
				for i, h := range scan {
					args = append(args, bandSchemeBase+i, h)
				}
				args = append(args, "S", "s1")
				q := topKCandidateQuery(len(scan), 32)
				for b.Loop() {
					if n, err := countRows(ctx, s.db, q, args...); err != nil || n != 32 {
						b.Fatalf("%d candidates, %v; want 32", n, err)
					}
				}
			})
		})
	}
}

// topKCandidateQuery is candidateQuery as session 45 left it: the
// candidates by the bands they share, of either kind, one top-k.
func topKCandidateQuery(n, limit int) string {
	conds := strings.TrimSuffix(strings.Repeat("(b.band = ? AND b.hash = ?) OR ", n), " OR ")
	return `SELECT d.id, d.sha256, COUNT(*) AS shared FROM near_duplicate_band b
		JOIN document d ON d.id = b.document_id AND d.deleted_at IS NULL
		WHERE (` + conds + `) AND d.id <> ? AND d.sha256 <> ?
		GROUP BY d.id, d.sha256 ORDER BY shared DESC, d.id LIMIT ` + strconv.Itoa(limit)
}

func countRows(ctx context.Context, db *sql.DB, q string, args ...any) (int, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// templatedNotices fills s with the long document W (id last of all, as
// the document a scan is taken of is often uploaded after the city's
// notices) and n short notices T…, and returns the bands of a scan of
// part of W: 16 normal (100–115), then 32 short (200–231). W shares 3
// normal bands with the scan and has no short ones; each notice shares
// normal of the normal bands (the last ones) and 20 short bands.
func templatedNotices(tb testing.TB, s *Store, n, normal int) []int64 {
	tb.Helper()
	ctx := context.Background()
	scan := make([]int64, 0, 48)
	for i := range 48 {
		scan = append(scan, int64(100+i+84*(i/16)))
	}
	const batch = 500
	for from := 0; from < n; from += batch {
		var docs []*Document
		var subs []Submission
		for i := from; i < min(from+batch, n); i++ {
			id := fmt.Sprintf("T%05d", i)
			d := newDoc(id, "sha-"+id)
			d.Title = fmt.Sprintf("关于开展第%d期社区学习活动的通知", i+1)
			docs = append(docs, d)
			subs = append(subs, Submission{User: "zhang"})
		}
		if err := s.CreateDocuments(ctx, docs, subs); err != nil {
			tb.Fatal(err)
		}
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			for i := from; i < min(from+batch, n); i++ {
				bands := make([]int64, 48)
				for j := range bands {
					bands[j] = int64(10000*(i+1) + j)
				}
				copy(bands[16-normal:16], scan[16-normal:16])
				copy(bands[16:36], scan[16:36])
				if err := setBands(ctx, tx, fmt.Sprintf("T%05d", i), bands, nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	whole := newDoc("W", "w1")
	whole.Title = "杭州市关于推进学习型城市建设的实施意见"
	if err := s.CreateDocument(ctx, whole, Submission{User: "zhang"}); err != nil {
		tb.Fatal(err)
	}
	wholeBands := []int64{100, 101, 102, 903, 904, 905, 906, 907, 908, 909, 910, 911, 912, 913, 914, 915}
	if err := s.SetNearDuplicateBands(ctx, "W", wholeBands, nil); err != nil {
		tb.Fatal(err)
	}
	return scan
}
