package neardup

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortHashesSortsAsSlicesSort: sortHashes orders hashes as
// slices.Sort does, at every size around minRadixSort, with duplicates,
// and when many or all hashes share their top 16 bits (one run as long
// as the text: a text of one shingle repeated, or hashes made to collide).
func TestSortHashesSortsAsSlicesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 48))
	inputs := map[string]func(n int) []uint64{
		"random": func(n int) []uint64 {
			s := make([]uint64, n)
			for i := range s {
				s[i] = rng.Uint64()
			}
			return s
		},
		"duplicates": func(n int) []uint64 {
			s := make([]uint64, n)
			for i := range s {
				s[i] = rng.Uint64N(8) << 60
			}
			return s
		},
		"one top": func(n int) []uint64 {
			s := make([]uint64, n)
			for i := range s {
				s[i] = 0xabcd<<48 | rng.Uint64N(1<<48)
			}
			return s
		},
		"few tops": func(n int) []uint64 {
			s := make([]uint64, n)
			for i := range s {
				s[i] = rng.Uint64N(3)<<48 | rng.Uint64N(5)<<56 | rng.Uint64N(1<<20)
			}
			return s
		},
		"sorted": func(n int) []uint64 {
			s := make([]uint64, n)
			for i := range s {
				s[i] = rng.Uint64()
			}
			slices.Sort(s)
			return s
		},
		"reversed": func(n int) []uint64 {
			s := make([]uint64, n)
			for i := range s {
				s[i] = rng.Uint64()
			}
			slices.Sort(s)
			slices.Reverse(s)
			return s
		},
	}
	for name, make := range inputs {
		for _, n := range []int{0, 1, 2, minRadixSort - 1, minRadixSort, minRadixSort + 1, 257, 1000, 70_000} {
			got := make(n)
			want := slices.Clone(got)
			slices.Sort(want)
			sortHashes(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, %d hashes: not sorted as slices.Sort sorts them", name, n)
			}
		}
	}
}

// TestSortHashesReusesItsBuffer: sorting a document's hashes allocates
// nothing once a buffer of its size has been made, and a buffer left from
// a longer text before sorts a shorter one right (the test above also
// runs its sizes one after another through the same pool).
func TestSortHashesReusesItsBuffer(t *testing.T) {
	rng := rand.New(rand.NewPCG(50, 1))
	long, short := make([]uint64, 5000), make([]uint64, 1100)
	for i := range long {
		long[i] = rng.Uint64()
	}
	sortHashes(slices.Clone(long))
	for i := range short {
		short[i] = rng.Uint64()
	}
	want := slices.Sorted(slices.Values(short))
	got := slices.Clone(short)
	sortHashes(got)
	if !slices.Equal(got, want) {
		t.Fatal("1,100 hashes after 5,000: not sorted as slices.Sort sorts them")
	}
	work := slices.Clone(short)
	if n := testing.AllocsPerRun(20, func() { copy(work, short); sortHashes(work) }); n != 0 {
		t.Fatalf("sortHashes of 1,100 hashes: %v allocations a run, want 0", n)
	}
}
