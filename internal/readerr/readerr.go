// Package readerr tells, after a copy failed, whether reading its source
// failed or writing its destination did: a sender's failure is the
// client's fault (a 4xx), a damaged object is the object's, and a full
// disk is ours.
package readerr

import "io"

// Source reads from R and keeps the last read error other than io.EOF.
type Source struct {
	R   io.Reader
	Err error
}

// Read reads from R, keeping its error (io.EOF is no error).
func (s *Source) Read(p []byte) (int, error) {
	n, err := s.R.Read(p)
	if err != nil && err != io.EOF {
		s.Err = err
	}
	return n, err
}
