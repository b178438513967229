package extract

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
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
		Thumbnail: &thumbnailRequest{MIME: mime, Page: page, LongSide: longSide, TimeoutMS: lim.Timeout.Milliseconds()}}
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
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "第 %d 页的缩略图在 %s 内没有画完", page, formatSeconds(lim.Timeout))
	case err != nil:
		// Out of memory, a crash, an answer too large: no thumbnail.
		return nil, fmt.Errorf("%w (%v)", noThumbnail(page), err)
	case len(final.PNG) > 0 && len(final.PNG) <= maxThumbnailPNG:
		return final.PNG, nil
	case final.Error != nil:
		return nil, final.Error
	case final.Cancelled:
		return nil, fmt.Errorf("thumbnail cancelled: %w", context.Canceled)
	}
	return nil, fmt.Errorf("%w (sandbox: %s)", noThumbnail(page), final.Detail)
}

// thumbnailAnswer draws the page a child was asked for.
func thumbnailAnswer(req childRequest) childMessage {
	t := req.Thumbnail
	out, err := Thumbnail(context.Background(), req.Path, t.MIME, t.Page, t.LongSide, time.Duration(t.TimeoutMS)*time.Millisecond)
	if err == nil && len(out) > maxThumbnailPNG {
		err = noThumbnail(t.Page)
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
