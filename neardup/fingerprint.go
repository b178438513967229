package neardup

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
	"unicode"
	"unicode/utf8"
)

// The parameters of the fingerprint. Changing ShingleSize, SignatureSize,
// Bands or the hash seeds changes every stored band hash: the catalog's
// bands must then be computed again.
const (
	// ShingleSize is the number of characters in a shingle.
	ShingleSize = 3
	// MinShingles is the fewest distinct shingles a text needs to be
	// compared at all (about 52 characters of text).
	MinShingles = 50
	// Threshold is the least Jaccard similarity of a near duplicate.
	Threshold = 0.9
	// Bands and Rows cut the MinHash signature for LSH.
	Bands = 16
	Rows  = 8
	// SignatureSize is the number of minimum hashes in a signature.
	SignatureSize = Bands * Rows
	// PartThreshold is the least Containment of a text that is part of
	// another (部分重复): a photo of one page of a two-page notice. The
	// tests' page scans with misreads (one Han character in forty, or a
	// word misread throughout) keep 0.93 or more of their shingles; it is
	// OCRFloor, the least Jaccard index at which a scan is looked at again.
	PartThreshold = 0.8
)

// Set is a text's shingles as sorted, distinct 64-bit hashes.
type Set []uint64

// Normalize keeps the characters that carry a text's content: Han
// characters, digits and letters, with full-width digits and letters made
// ASCII and letters lower case, and a decimal point between two digits
// (3.1万 is not 31万). Everything else is dropped. The decimal point came
// late: the bands stored before it for texts with decimals differ from
// today's in the few shingles around each point, which leaves most of a
// text's sixteen bands, and one shared band is all LSH needs.
func Normalize(text string) []rune {
	out := make([]rune, 0, len(text)/3)
	prev := rune(0)
	for i, orig := range text {
		r := halfWidth(orig)
		before := prev
		prev = r
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z':
			out = append(out, r)
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		case r == '.':
			if isDigit(before) && digitFollows(text[i+utf8.RuneLen(orig):]) {
				out = append(out, r)
			}
		case unicode.Is(unicode.Han, r):
			out = append(out, r)
		}
	}
	return out
}

// halfWidth makes a full-width ASCII form ASCII.
func halfWidth(r rune) rune {
	if r >= '\uFF01' && r <= '\uFF5E' {
		return r - ('\uFF01' - '!')
	}
	return r
}

// digitFollows reports whether s starts with a digit, ASCII or full-width.
func digitFollows(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isDigit(halfWidth(r))
}

// Shingles returns the set of ShingleSize-character shingles of the
// normalised text of pages.
func Shingles(pages ...string) Set {
	return shingles(normalizePages(pages))
}

// shingles returns the set of shingles of normalised text.
func shingles(rs []rune) Set {
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

// shingleHash is the 64-bit FNV-1a hash of the runes as little-endian
// 32-bit words, computed in place: hash/fnv's hasher, allocated per
// shingle, cost more than the hashing.
func shingleHash(rs []rune) uint64 {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h := uint64(offset64)
	for _, r := range rs {
		for k := range 4 {
			h ^= uint64(byte(uint32(r) >> (8 * k)))
			h *= prime64
		}
	}
	return h
}

// Jaccard returns |a ∩ b| / |a ∪ b| of two sets (0 when both are empty).
func Jaccard(a, b Set) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := intersection(a, b)
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// Containment returns |part ∩ whole| / |part|: how much of part's
// shingles whole has (0 when part has too few to compare, MinShingles).
// A page of a two-page document scores near 1 against the document whose
// Jaccard index with it is near 0.5.
func Containment(part, whole Set) float64 {
	if len(part) < MinShingles {
		return 0
	}
	return float64(intersection(part, whole)) / float64(len(part))
}

// intersection returns |a ∩ b| of two sorted sets.
func intersection(a, b Set) int {
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return inter
}

// Fingerprint is what the catalog keeps of a text to find its near
// duplicates: the hash of each band of its MinHash signature.
type Fingerprint struct {
	Bands [Bands]int64
}

// Fingerprint returns the fingerprint of a set, and false when the set is
// too small to be compared (fewer than MinShingles shingles).
func (s Set) Fingerprint() (Fingerprint, bool) {
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

// SharesBand reports whether two fingerprints are LSH candidates.
func (fp Fingerprint) SharesBand(other Fingerprint) bool {
	for i, b := range fp.Bands {
		if other.Bands[i] == b {
			return true
		}
	}
	return false
}

// Compare is the whole decision on two texts, as the pipeline takes it:
// both must have a fingerprint, share a band, and have a Similarity of at
// least Threshold. It returns the similarity (0 when the texts are not
// compared) and whether they are near duplicates.
func Compare(a, b Text) (float64, bool) {
	sa, sb := Shingles(a.Pages...), Shingles(b.Pages...)
	fa, okA := sa.Fingerprint()
	fb, okB := sb.Fingerprint()
	if !okA || !okB || !fa.SharesBand(fb) {
		return 0, false
	}
	sim := Similarity(a, b, sa, sb)
	return sim, sim >= Threshold
}

// seeds make SignatureSize hash functions out of one: h_i(x) = mix(x ^ seed_i).
var seeds = func() [SignatureSize]uint64 {
	var s [SignatureSize]uint64
	state := uint64(0x5eed_1ea7_c17e_2017)
	for i := range s {
		state += 0x9e3779b97f4a7c15
		s[i] = mix(state)
	}
	return s
}()

// mix is the SplitMix64 finaliser: a bijection on 64 bits whose output bits
// all depend on every input bit, so a minimum over mix(x ^ seed) behaves like
// a minimum over a random permutation.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
