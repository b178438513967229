package catalog

import "testing"

// TestStatementsCountsEveryQuery: each read is one statement on both
// databases, and a batch read of many documents is one, so tests can hold
// a page to a fixed number of queries.
func TestStatementsCountsEveryQuery(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		tests := []struct {
			name string
			call func() error
			want int64
		}{
			{"three city lists", func() error {
				for range 3 {
					if _, err := s.Cities(ctx); err != nil {
						return err
					}
				}
				return nil
			}, 3},
			{"one document missing", func() error {
				_, err := s.Document(ctx, "01HZZZZZZZZZZZZZZZZZZZZZZZ")
				if IsNotFound(err) {
					return nil
				}
				return err
			}, 1},
			{"four documents at once", func() error {
				_, err := s.DocumentsByID(ctx, []string{"杭州1", "杭州2", "宁波1", "宁波2"})
				return err
			}, 1},
		}
		for _, tt := range tests {
			before := s.Statements()
			if err := tt.call(); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got := s.Statements() - before; got != tt.want {
				t.Errorf("%s: %d statements, want %d", tt.name, got, tt.want)
			}
		}
	})
}
