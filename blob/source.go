package blob

import (
	"context"
	"fmt"
	"io"

	"github.com/lcmonitor/evidence/catalog"
)

// source wraps the reader given to Put. It stops at context cancellation,
// enforces the declared size, and remembers the first error that came from
// the caller's side (the reader, the size, the context), so that a store can
// tell a bad upload apart from its own failure and report each correctly.
type source struct {
	ctx    context.Context
	r      io.Reader
	size   int64 // declared byte count, or -1 if unknown
	n      int64 // bytes handed out so far
	probed bool  // the reader is known to end exactly at size
	err    error // first caller-side error; sticky
}

func newSource(ctx context.Context, r io.Reader, size int64) *source {
	return &source{ctx: ctx, r: r, size: size}
}

// Read implements io.Reader.
func (s *source) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if err := s.ctx.Err(); err != nil {
		return 0, s.fail(err)
	}
	if s.size >= 0 && s.n == s.size {
		if err := s.checkEnd(); err != nil {
			return 0, err
		}
		return 0, io.EOF
	}
	if s.size >= 0 && int64(len(p)) > s.size-s.n {
		p = p[:s.size-s.n]
	}
	n, err := s.r.Read(p)
	s.n += int64(n)
	switch {
	case err == io.EOF && s.size >= 0 && s.n < s.size:
		return n, s.fail(sizeMismatch(s.size, fmt.Sprintf("only %d", s.n)))
	case err == io.EOF:
		return n, io.EOF
	case err != nil:
		return n, s.fail(err)
	}
	// Look for surplus bytes before handing over the last declared ones:
	// an upload whose body is too long must fail before it could complete.
	if s.size >= 0 && s.n == s.size {
		if err := s.checkEnd(); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// checkEnd verifies that the reader has nothing beyond the declared size.
func (s *source) checkEnd() error {
	if s.probed {
		return nil
	}
	var b [1]byte
	for range 100 {
		n, err := s.r.Read(b[:])
		switch {
		case n > 0:
			return s.fail(sizeMismatch(s.size, "more"))
		case err == io.EOF:
			s.probed = true
			return nil
		case err != nil:
			return s.fail(err)
		}
	}
	return s.fail(io.ErrNoProgress)
}

func (s *source) fail(err error) error {
	if s.err == nil {
		s.err = err
	}
	return s.err
}

func sizeMismatch(want int64, got string) error {
	return fmt.Errorf("%w: declared %d bytes, read %s",
		catalog.Errorf(catalog.EINVALID, "文件长度与声明的大小不一致，文件未保存；请重新上传"), want, got)
}
