package extract

import (
	"io"
	"sync/atomic"
)

// unpackProgress is what an unpacking has done so far, for a sandbox
// child's heartbeat: the bytes of the archive it read and the bytes it
// decoded out of it, sent or not. Either growing is progress: a file
// skipped in a solid stream decodes without sending a byte, and one that
// is almost all zeros decodes for as long as it likes from one read of a
// few KiB. A decoder looping on what it has read grows neither; one
// writing out without end is held to its entry's declared size, and the
// unpacking's Timeout holds whatever is left.
type unpackProgress struct {
	read    atomic.Int64
	decoded atomic.Int64
}

// total is the sum the heartbeat sends: it grows when either does.
func (p *unpackProgress) total() int64 { return p.read.Load() + p.decoded.Load() }

// readCounter is where the archive's reads are counted, nil for a nil p
// (an unpacking in process counts nothing).
func (p *unpackProgress) readCounter() *atomic.Int64 {
	if p == nil {
		return nil
	}
	return &p.read
}

// counting is r with the bytes read of it, decoded ones, counted in p;
// r itself for a nil p.
func (p *unpackProgress) counting(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return &decodedReader{r: r, n: &p.decoded}
}

type decodedReader struct {
	r io.Reader
	n *atomic.Int64
}

func (d *decodedReader) Read(b []byte) (int, error) {
	n, err := d.r.Read(b)
	d.n.Add(int64(n))
	return n, err
}
