package index

import zapx "github.com/blevesearch/zapx/v17"

// Bleve's segment writer (zapx, the format new segments are written in)
// sizes the buffer of each new segment ahead, as the bytes per document
// of the segment it wrote last times the new one's documents plus a
// hundred. After a long document that is a gigabyte: a segment of one
// text of 4.5 MB (cut to MaxIndexedChars) is some 9.6 MB, and the next
// segment, of one document too, asked for 960 MB before a byte was
// written, a restore and serve alike (959 MB of a 1.3 GB live heap,
// heap profile of a restore of ten such texts). Grown as it is written,
// a buffer costs at most its final size again in copies.
func init() {
	zapx.NewSegmentBufferNumResultsFactor = 0
}
