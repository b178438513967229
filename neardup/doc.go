// Package neardup finds documents whose text is nearly the same: the scan
// and the DOCX of one notice, a 征求意见稿 and its final version. It
// depends on nothing in the archive; ingest stores what it computes in the
// catalog, and the documents and search services read it from there.
//
// The text is normalised to its Han characters, digits and letters
// (whitespace, punctuation and line breaks, which a scan and a DOCX lay out
// differently, are dropped; full-width letters and digits become ASCII),
// then cut into overlapping shingles of ShingleSize characters. Two texts
// are similar when the Jaccard index of their shingle sets is at least
// Threshold. Sets, not bags: a text of one line repeated a million times
// has only as many shingles as the line has characters, and a text with
// fewer than MinShingles distinct shingles (a near-empty OCR page, a page
// of one repeated line) gets no fingerprint and matches nothing.
//
// A text read by OCR breaks ShingleSize shingles with each misread
// character, so a scan with 2 % of its characters misread scores 0.87–0.89
// against its DOCX, and a real stamped scan 0.85. When one of two texts was
// read by OCR and their Jaccard index is at least OCRFloor (ShortOCRFloor
// for two texts of at most ShortShingles, on which each misread weighs
// more), they are aligned character by character, the scan's misreads are taken as the original
// has them (one character misread, lost or added; up to three lost or read
// as letters and symbols), and the Jaccard index of the repaired texts must
// reach OCRThreshold (Similarity, Forgiven). What an author changes is
// not forgiven: Han characters changed two or more at a time or one apart
// (a name: the copy with its names changed scores 0.90 forgiven, scans
// 0.985–1), a number (numerals changed into others, as two years'
// statistics differ, or a digit added or lost), a negation added, lost or
// put in for another character (even where OCR misread it), one character
// changed into the same other throughout (市 → 县); nor a scan differing in
// more than one character in twenty-five, or by a passage of its own. Texts not read by OCR
// never are. The alignment is a walk of our own, linear in the texts'
// length: go-diff's took 20 s on a crafted pair, and its time limit made
// the decision depend on the machine's load.
//
// Finding candidates among all documents uses MinHash with locality
// sensitive hashing: a signature of SignatureSize minimum hashes, cut into
// Bands bands of Rows rows; two documents sharing any band are candidates,
// and a candidate is accepted only when the exact Jaccard index of the two
// shingle sets reaches Threshold. With 16 bands of 8 rows a pair at 0.9
// similarity is a candidate with probability 0.9998, a pair at 0.5 with
// 0.06, so the exact check runs on few documents. The signature is by
// one-permutation hashing (band scheme 2, BandScheme): each shingle is
// hashed once into one of SignatureSize bins, and the bins a short text
// leaves empty are filled by optimal densification. A short text (at most
// ShortShingles), whose pair with another short one is aligned from
// ShortOCRFloor, has ShortBands bands of ShortRows rows of the same
// signature besides, compared with other short texts' only: a short pair
// at 0.6 is then a candidate with probability 0.99, at 0.5 with 0.87
// (measured: 0.95 at 0.50–0.55, where the normal bands make 0.10;
// TestShortPairsNearTheirFloorAreCandidates). Scheme 1
// (LegacyFingerprint) hashed each shingle SignatureSize times, 4–5 times
// the CPU for the same candidates (TestBandsFindNearDuplicatesAsBefore,
// bench/README.md ingest step 23).
//
// A stored text compared with a document is read as a stream (Reader):
// against the document's set it keeps a bit per shingle of that set and
// the shingles the set lacks, only until they are more than a quarter of
// it (the Jaccard index is then under OCRFloor), and its normalised
// characters only when asked to (Align), for a pair that must be aligned;
// the similarity is the one the two texts held whole would have, bit for
// bit.
//
// Why three characters: on the labelled pairs of testdata, five-character
// shingles missed copies read by OCR with 1% of their characters wrong
// (each error breaks as many shingles as the shingle is long), and two
// characters linked one city's notice copied by another with the names
// changed. Three links every layout change, draft and ≤1% OCR copy and
// keeps that copy at 0.89.
//
// No library: the module list offers only a SimHash package untouched
// since 2015, and SimHash estimates the cosine of weighted features, not
// the Jaccard index the contract speaks of. MinHash over a sorted set is a
// few dozen lines on hash/fnv and the SplitMix64 mixer.
package neardup
