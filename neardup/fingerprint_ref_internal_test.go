package neardup

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// The fingerprint as it was computed before the thirtieth session's
// step 16 (bench/README.md): the reference the faster code must equal
// bit for bit, since the catalog keeps the bands it gave.

// refShingles is Shingles before step 16: the pages normalised into one
// slice of runes, then hashed.
func refShingles(pages ...string) Set {
	rs := normalizePages(pages)
	if len(rs) < ShingleSize {
		return nil
	}
	set := make(Set, 0, len(rs)-ShingleSize+1)
	for i := 0; i+ShingleSize <= len(rs); i++ {
		set = append(set, shingleHash(rs[i:i+ShingleSize]))
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// refFingerprint is Set.Fingerprint before step 16: every shingle's 128
// hashes in turn, the bands hashed with hash/fnv.
func refFingerprint(s Set) (Fingerprint, bool) {
	var fp Fingerprint
	if len(s) < MinShingles {
		return fp, false
	}
	var sig [SignatureSize]uint64
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, x := range s {
		for i, seed := range seeds {
			if h := mix(x ^ seed); h < sig[i] {
				sig[i] = h
			}
		}
	}
	buf := make([]byte, 0, Rows*8+1)
	for b := range Bands {
		buf = append(buf[:0], byte(b))
		for _, v := range sig[b*Rows : (b+1)*Rows] {
			buf = binary.LittleEndian.AppendUint64(buf, v)
		}
		h := fnv.New64a()
		h.Write(buf)
		fp.Bands[b] = int64(h.Sum64())
	}
	return fp, true
}
