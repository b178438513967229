package neardup

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// The parameters of the fingerprint. Changing ShingleSize, SignatureSize,
// Bands or the hash seeds changes every stored band hash: the catalog's
// bands must then be computed again (a new BandScheme).
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
// normalised text of pages: each page normalised alone (Normalize), the
// shingles running on across pages. The characters are normalised and
// hashed as they are read, without a copy of the text as runes.
func Shingles(pages ...string) Set {
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	// A Chinese text keeps about one character in three bytes.
	set := make(Set, 0, n/3+ShingleSize)
	var w [ShingleSize]rune
	kept := 0
	for _, p := range pages {
		prev := rune(0)
		for i, orig := range p {
			r := halfWidth(orig)
			before := prev
			prev = r
			switch {
			case r >= 0x4e00 && r <= 0x9fff: // the common Han characters
			case r >= '0' && r <= '9', r >= 'a' && r <= 'z':
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r == '.':
				if !isDigit(before) || !digitFollows(p[i+utf8.RuneLen(orig):]) {
					continue
				}
			case r < 0x2e80 || !unicode.Is(unicode.Han, r):
				continue
			}
			w[0], w[1], w[2] = w[1], w[2], r
			if kept++; kept >= ShingleSize {
				set = append(set, shingleHash3(w))
			}
		}
	}
	if len(set) == 0 {
		return nil
	}
	sortHashes(set)
	return slices.Compact(set)
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

// shingleHash3 is shingleHash of a shingle held in an array, unrolled.
func shingleHash3(w [ShingleSize]rune) uint64 {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h := uint64(offset64)
	for _, r := range w {
		u := uint32(r)
		h = (h ^ uint64(byte(u))) * prime64
		h = (h ^ uint64(byte(u>>8))) * prime64
		h = (h ^ uint64(byte(u>>16))) * prime64
		h = (h ^ uint64(byte(u>>24))) * prime64
	}
	return h
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
// duplicates: the hash of each band of its MinHash signature, and, for a
// short text, of each of its short bands.
type Fingerprint struct {
	Bands [Bands]int64
	// Short holds, when HasShort (a text of at most ShortShingles
	// shingles), the hashes of ShortBands bands of ShortRows rows of the
	// same signature. A short pair is aligned from ShortOCRFloor (0.5),
	// and Bands × Rows makes a pair at 0.6 a candidate one time in four;
	// 32 bands of 4 rows make it one nearly always (0.99; 0.95 at 0.55,
	// 0.87 at 0.5), for no hashing more, and only short texts pay for
	// their candidates: a long text has no short bands, and a short text's
	// are never compared with its normal bands.
	Short    [ShortBands]int64
	HasShort bool
}

// ShortBands and ShortRows cut the signature of a short text a second way,
// for Fingerprint.Short.
const (
	ShortBands = 32
	ShortRows  = SignatureSize / ShortBands
)

// BandScheme is the revision of the way Fingerprint computes bands; the
// catalog stores each scheme's bands apart and compares only bands of one
// scheme. Scheme 1 (LegacyFingerprint) took SignatureSize hashes of every
// shingle; scheme 2 takes one (one-permutation hashing, Fingerprint).
const BandScheme = 2

// Fingerprint returns the fingerprint of a set, and false when the set is
// too small to be compared (fewer than MinShingles shingles).
//
// The signature is by one-permutation hashing with optimal densification
// (Shrivastava, ICML 2017): each shingle is hashed once, the hash's top
// bits choose one of SignatureSize bins and the least hash of each bin is
// its value; an empty bin (a text of few shingles leaves some) takes the
// value of a bin chosen by a fixed probe sequence of its own until one is
// not empty, so two texts agree on a bin with probability their Jaccard
// index, as with SignatureSize independent hashes, for 1/SignatureSize of
// the hashing.
func (s Set) Fingerprint() (Fingerprint, bool) {
	var fp Fingerprint
	if len(s) < MinShingles {
		return fp, false
	}
	var sig [SignatureSize]uint64
	onePermutation(s, &sig)
	bandHashes(&sig, &fp)
	if len(s) <= ShortShingles {
		shortBandHashes(&sig, &fp)
	}
	return fp, true
}

// LegacyFingerprint is the fingerprint of band scheme 1, SignatureSize
// independent hashes of each shingle (minHashes): the catalog's bands
// stored before scheme 2 are looked up with it until they are computed
// again.
func (s Set) LegacyFingerprint() (Fingerprint, bool) {
	var fp Fingerprint
	if len(s) < MinShingles {
		return fp, false
	}
	var sig [SignatureSize]uint64
	minHashes(s, &sig)
	bandHashes(&sig, &fp)
	return fp, true
}

// binBits is the number of a hash's top bits that choose its bin.
const binBits = 7

// onePermutation sets sig to the one-permutation signature of s, densified.
func onePermutation(s Set, sig *[SignatureSize]uint64) {
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	var filled [SignatureSize]bool
	seed := seeds[0]
	for _, x := range s {
		h := mix(x ^ seed)
		bin := h >> (64 - binBits)
		if h < sig[bin] {
			sig[bin] = h
		}
		filled[bin] = true
	}
	var value [SignatureSize]uint64
	for i := range sig {
		value[i] = sig[i]
		if filled[i] {
			continue
		}
		value[i] = sig[donor(&filled, i)]
	}
	*sig = value
}

// donor returns the filled bin whose value the empty bin i takes: the
// first filled one of a probe sequence that depends on i alone, so that
// two texts with the same bins filled take the same donor.
func donor(filled *[SignatureSize]bool, i int) int {
	for attempt := uint64(1); attempt <= maxProbes; attempt++ {
		if d := mix(seeds[1]^uint64(i)<<32^attempt) >> (64 - binBits); filled[d] {
			return int(d)
		}
	}
	return nextFilled(filled, i)
}

// maxProbes bounds an empty bin's probe sequence; past it (never seen: a
// set of MinShingles fills a third of the bins) the bin takes the next
// filled bin's value, so the loop ends whatever the set.
const maxProbes = 1 << 12

// nextFilled returns the first filled bin after bin i, circularly; one is,
// as the set is not empty.
func nextFilled(filled *[SignatureSize]bool, i int) int {
	for k := 1; k < SignatureSize; k++ {
		if j := (i + k) % SignatureSize; filled[j] {
			return j
		}
	}
	return i
}

// bandHashes sets the band hashes of fp from a signature.
func bandHashes(sig *[SignatureSize]uint64, fp *Fingerprint) {
	for b := range Bands {
		fp.Bands[b] = bandHash(b, sig[b*Rows:(b+1)*Rows])
	}
}

// shortBandHashes sets the short band hashes of fp from a signature. The
// hash of short band b starts from the number Bands+b, so that it is
// never the hash of a normal band of the same rows.
func shortBandHashes(sig *[SignatureSize]uint64, fp *Fingerprint) {
	for b := range ShortBands {
		fp.Short[b] = bandHash(Bands+b, sig[b*ShortRows:(b+1)*ShortRows])
	}
	fp.HasShort = true
}

// bandHash is the FNV-1a hash of a band's number as one byte and its rows
// as little-endian 64-bit words.
func bandHash(number int, rows []uint64) int64 {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h := (uint64(offset64) ^ uint64(byte(number))) * prime64
	for _, v := range rows {
		for range 8 {
			h = (h ^ (v & 0xff)) * prime64
			v >>= 8
		}
	}
	return int64(h)
}

// minHashes sets sig to the MinHash signature of band scheme 1: for each
// seed the least mix(x ^ seed) over its shingles. Two seeds at a time over the whole
// set, in a function of their own so that the minima, the seeds and the
// shingle stay in registers, rather than each shingle's 128 hashes in
// turn against a signature in memory (bench/README.md, ingest step 16).
func minHashes(s Set, sig *[SignatureSize]uint64) {
	for i := 0; i+2 <= SignatureSize; i += 2 {
		sig[i], sig[i+1] = minHash2(s, seeds[i], seeds[i+1])
	}
}

// minHash2 returns the least mix(x ^ s0) and mix(x ^ s1) over s.
func minHash2(s Set, s0, s1 uint64) (uint64, uint64) {
	m0, m1 := ^uint64(0), ^uint64(0)
	for _, x := range s {
		if h := mix(x ^ s0); h < m0 {
			m0 = h
		}
		if h := mix(x ^ s1); h < m1 {
			m1 = h
		}
	}
	return m0, m1
}

// SharesBand reports whether two fingerprints are LSH candidates: they
// share a band, or both are short and share a short band.
func (fp Fingerprint) SharesBand(other Fingerprint) bool {
	for i, b := range fp.Bands {
		if other.Bands[i] == b {
			return true
		}
	}
	if fp.HasShort && other.HasShort {
		for i, b := range fp.Short {
			if other.Short[i] == b {
				return true
			}
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
