package extract

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// maxThumbnailPNG caps the PNG a sandbox child may send back: a 200×200
// RGBA page is 160 kB before compression, so anything near this is not a
// thumbnail.
const maxThumbnailPNG = 1 << 20

// Thumbnail is extract.Thumbnail in the sandbox: the page is decoded (an
// image) or rendered (pdftoppm, a child of the child, inheriting its
// address-space limit) in a child process with the sandbox's memory limit,
// killed with its process group at timeout. The same application errors
// as in process; a child that ran out of memory, crashed or answered too
// much is ENOTFOUND (no thumbnail), one past its deadline EUNAVAILABLE.
func (s *Sandbox) Thumbnail(ctx context.Context, path, mime string, page, longSide int, timeout time.Duration) ([]byte, error) {
	if err := thumbnailPrecheck(mime, page, longSide); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	lim := Limits{Timeout: timeout, MaxTextBytes: maxThumbnailPNG}.withDefaults()
	req := childRequest{Path: abs, Limits: lim, Memory: s.memory(),
		Thumbnail: &thumbnailRequest{MIME: mime, Page: page, LongSide: longSide}}
	wait := s.ThumbnailWait
	if wait <= 0 {
		wait = DefaultThumbnailWait
	}
	final, err := s.run(ctx, req, lim, wait)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("thumbnail: %w", err)
	case catalog.ErrorCode(err) == catalog.EUNAVAILABLE:
		// The budget spent by other readings (reserveWithin): the
		// browser is told to ask again shortly.
		return nil, err
	case errors.Is(err, errChildDeadline):
		return nil, errThumbnailLate(page, lim.Timeout)
	case err != nil:
		// Out of memory, a crash, an answer too large: no thumbnail.
		return nil, fmt.Errorf("%w (%v)", noThumbnail(page), err)
	case len(final.PNG) > 0 && len(final.PNG) <= maxThumbnailPNG:
		childThumbnails.Add(1)
		return final.PNG, nil
	case final.Error != nil:
		return nil, final.Error
	case final.Cancelled:
		return nil, fmt.Errorf("thumbnail cancelled: %w", context.Canceled)
	}
	return nil, fmt.Errorf("%w (sandbox: %s)", noThumbnail(page), final.Detail)
}

// childThumbnails counts the thumbnails sandbox children drew.
var childThumbnails atomic.Int64

// ThumbnailsDrawnByChildren is how many thumbnails the process's sandbox
// children have drawn and sent back since it started: a test sees by it
// that a page was drawn outside the server, without depending on how long
// the child lingers after.
func ThumbnailsDrawnByChildren() int64 { return childThumbnails.Load() }

// thumbnailAnswer draws the page a child was asked for, in what is left
// of the request's time (arrive counted the child's start in it).
func thumbnailAnswer(req childRequest) childMessage {
	t := req.Thumbnail
	left := req.Limits.left()
	if left <= 0 {
		return childMessage{Error: errThumbnailLate(t.Page, req.Limits.Timeout)}
	}
	out, err := Thumbnail(context.Background(), req.Path, t.MIME, t.Page, t.LongSide, left)
	if err == nil && len(out) > maxThumbnailPNG {
		err = noThumbnail(t.Page)
	}
	if catalog.ErrorCode(err) == catalog.EUNAVAILABLE {
		// Out of time (the one such error Thumbnail has): named by the
		// limit configured, not by what was left of it.
		err = errThumbnailLate(t.Page, req.Limits.Timeout)
	}
	var ae *catalog.Error
	switch {
	case err == nil:
		return childMessage{PNG: out}
	case errors.As(err, &ae):
		return childMessage{Error: ae, Detail: err.Error()}
	}
	return childMessage{Detail: err.Error()}
}
