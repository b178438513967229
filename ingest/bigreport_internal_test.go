package ingest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// bigReport is version v of a long report of about chars characters, as
// varied as a yearbook read by OCR (its sentences drawn from 3,000
// common characters with a figure in each, seeded by year): every
// version has the same sentences but for one in forty, whose figure and
// six characters are the version's, so any two are near duplicates
// (Jaccard about 0.99) while each has about as many distinct shingles as
// characters.
func bigReport(chars, v int) string { return yearbook(2019, chars, v) }

// bigLedger is another year's yearbook of about chars characters: as
// varied, sharing few shingles with bigReport's.
func bigLedger(chars int) string { return yearbook(2020, chars, 0) }

func yearbook(year, chars, v int) string {
	rng := rand.New(rand.NewPCG(uint64(year), 15))
	vrng := rand.New(rand.NewPCG(uint64(v), 21))
	han := func(r *rand.Rand, n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = rune(0x4e00 + r.IntN(3000))
		}
		return string(rs)
	}
	var b strings.Builder
	for i := 0; b.Len() < chars*3; i++ {
		head, tail, n := han(rng, 14), han(rng, 16), rng.IntN(90000)+100
		if i%40 == 7 && v > 0 {
			tail, n = han(vrng, 6)+tail[6*3:], n+v*10007
		}
		fmt.Fprintf(&b, "第%d项：%s%d，%s。\n", i+1, head, n, tail)
	}
	return b.String()
}
