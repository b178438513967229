package documents

import "testing"

// TestSparseIndexEndsBeforeALongPage: in an index holding every fourth
// page, a reading that ends on the page before a long page (of several
// parts, not held in pageOffs) ends where that page begins, not at the
// page held after it, which would ask the store for the long page too.
func TestSparseIndexEndsBeforeALongPage(t *testing.T) {
	// Page n begins at (n-1)*100; page 4 is three parts, 300, 350, 380.
	ix := &pageIndex{pages: 16, stride: 4,
		pageOffs: []int64{0, 400, 800, 1200},
		multi:    map[int32][]int64{4: {300, 350, 380}}}
	for _, c := range []struct {
		n, k int
		want int64
	}{
		{1, 1, 300}, // the long page 4 two pages on
		{2, 1, 300}, // and one
		{3, 1, 300}, // the next page is the long one
		{4, 1, 350}, // its own next part
		{4, 3, 400}, // its last part: the page after, held
		{5, 1, 800}, // no long page between
		{12, 1, 1200},
		{15, 1, -1}, // past the last page held
		{16, 1, -1},
	} {
		if got := ix.end(c.n, c.k); got != c.want {
			t.Errorf("end(%d, %d) = %d, want %d", c.n, c.k, got, c.want)
		}
	}
}
