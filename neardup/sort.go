package neardup

import (
	"slices"
	"sync"
)

// sortHashes sorts a text's shingle hashes. A comparison sort of a
// document's thousand hashes mispredicts a branch at nearly every
// comparison, since hashes come in no order: pdqsort was three quarters
// of Shingles' time (bench/README.md, ingest step 29). So the hashes are
// first put in order of their top 16 bits by two stable byte passes of a
// radix sort, which branch on nothing, leaving runs of equal top bits, a
// few hashes each even in a text of a million shingles; then each run is
// sorted by comparison. Hashes sharing their top bits, a run as long as
// the text, cost a comparison sort of that run: never worse than sorting
// it all.
func sortHashes(s []uint64) {
	if len(s) < minRadixSort {
		slices.Sort(s)
		return
	}
	var lo, hi [256]uint32 // where the next hash of each byte value goes
	for _, x := range s {
		lo[byte(x>>48)]++
		hi[byte(x>>56)]++
	}
	var a, b uint32
	for i := range 256 {
		n, m := lo[i], hi[i]
		lo[i], hi[i] = a, b
		a += n
		b += m
	}
	bp := radixBuffers.Get().(*[]uint64)
	defer putRadixBuffer(bp)
	if cap(*bp) < len(s) {
		*bp = make([]uint64, len(s))
	}
	buf := (*bp)[:len(s)]
	for _, x := range s {
		k := byte(x >> 48)
		buf[lo[k]] = x
		lo[k]++
	}
	for _, x := range buf {
		k := byte(x >> 56)
		s[hi[k]] = x
		hi[k]++
	}
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j]>>48 == s[i]>>48 {
			j++
		}
		if j-i > 1 {
			slices.Sort(s[i:j])
		}
		i = j
	}
}

// minRadixSort is the fewest hashes sortHashes sorts by their top bits
// first: fewer are as quick to sort by comparison.
const minRadixSort = 64

// radixBuffers hold sortHashes' second array: a corpus document's was a
// tenth of the pipeline's own allocation, made and dropped four times a
// document (bench/README.md, session 50).
var radixBuffers = sync.Pool{New: func() any { return new([]uint64) }}

// maxPooledRadix is the most hashes a pooled buffer keeps room for (a
// text of ≈ 200,000 characters): a long report's buffer is not held for
// the short texts after it.
const maxPooledRadix = 1 << 18

func putRadixBuffer(bp *[]uint64) {
	if cap(*bp) <= maxPooledRadix {
		radixBuffers.Put(bp)
	}
}
