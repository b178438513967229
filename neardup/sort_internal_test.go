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
