package documents

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// ThumbnailSize is the long side, in pixels, of a page's thumbnail in the
// search results (shown at half that on a phone, full on a wide screen).
const ThumbnailSize = 200

// thumbnailTimeout bounds the drawing of one thumbnail, as every
// extraction is bounded: a hostile PDF cannot hold a request for long.
const thumbnailTimeout = 20 * time.Second

// thumbnailWorkers is how many thumbnails are drawn at once: a results page
// asks for ten, and the server has pipelines to run too.
const thumbnailWorkers = 2

// thumbnailRetry is the Retry-After of a thumbnail refused for the wait.
const thumbnailRetry = 5 * time.Second

// Thumbnail is a small PNG of one page of a document.
type Thumbnail struct {
	PNG []byte
	// ETag names the bytes: the original's hash, the page and the size.
	ETag string
}

// UseThumbnailCache keeps drawn thumbnails in dir (a folder of the data
// folder: derived, never backed up, safe to delete). Without it every
// request draws its thumbnail again.
func (s *Service) UseThumbnailCache(dir string) { s.thumbDir = dir }

// HasThumbnail reports whether pages of documents of this MIME type have
// thumbnails on this machine (PDF needs pdftoppm; images are drawn in Go),
// drawn in the extraction sandbox when the server has one.
func HasThumbnail(mime string) bool { return extract.CanThumbnail(mime) }

// Thumbnail returns a small PNG of page (1-based) of a document u may see:
// another city's is ENOTFOUND, as is a page past the document's end or a
// page that cannot be drawn; a document of a type without pages to draw
// (Word, text) is EUNSUPPORTED. Thumbnails are cached by the original's
// SHA-256 and page, so a city's copy of another city's file shares it.
func (s *Service) Thumbnail(ctx context.Context, u *catalog.User, id string, page int) (*Thumbnail, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if !HasThumbnail(d.MIME) {
		return nil, catalog.Errorf(catalog.EUNSUPPORTED, "这类文件（%s）没有页面缩略图", d.MIME)
	}
	// Only a file the sandboxed extraction read through is drawn here: a
	// failed or unread one may be the hostile file the sandbox is for.
	if d.Status != catalog.StatusIndexed && d.Status != catalog.StatusExtracted {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "文档%s还没有读取完成\uFF0C没有页面缩略图", d.Title)
	}
	if page < 1 || page > max(d.Pages, 1) {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "文档《%s》没有第 %d 页", d.Title, page)
	}
	t := &Thumbnail{ETag: fmt.Sprintf(`"%s-%d-%d"`, d.SHA256, page, ThumbnailSize)}
	cached := s.thumbPath(d.SHA256, page)
	if cached != "" {
		if b, err := os.ReadFile(cached); err == nil && len(b) > 0 {
			t.PNG = b
			return t, nil
		}
	}
	if t.PNG, err = s.drawThumbnail(ctx, d, page); err != nil {
		return nil, err
	}
	if cached != "" {
		s.keepThumbnail(cached, t.PNG)
	}
	return t, nil
}

// thumbnailSlotWait bounds the wait for one of the thumbnailWorkers
// (Service.thumbWait):
// while other readings hold the sandbox's memory every drawing waits its
// few seconds for it (extract.Sandbox.ThumbnailWait) and answers busy, so
// a results page's ten thumbnails queued behind two would otherwise be
// told so one pair at a time.
const thumbnailSlotWait = 10 * time.Second

// drawThumbnail copies the original to a temporary file (the blob store
// may be S3) and draws the page, at most thumbnailWorkers at a time,
// waiting at most thumbWait for its turn: then EUNAVAILABLE with
// Retry-After, as when the sandbox's memory is spent.
func (s *Service) drawThumbnail(ctx context.Context, d *catalog.Document, page int) ([]byte, error) {
	wait := time.NewTimer(s.thumbWait)
	defer wait.Stop()
	select {
	case s.thumbSlots <- struct{}{}:
		defer func() { <-s.thumbSlots }()
	case <-wait.C:
		e := catalog.Errorf(catalog.EUNAVAILABLE, "正在读取其他文件，请稍候再试")
		e.RetryAfter = thumbnailRetry
		return nil, e
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	rc, err := s.blobs.Get(ctx, catalog.OriginalKey(d.SHA256))
	if err != nil {
		return nil, fmt.Errorf("original of %s: %w", d.ID, err)
	}
	defer rc.Close()
	if s.thumbDir != "" {
		if err := os.MkdirAll(s.thumbDir, 0o755); err != nil {
			return nil, fmt.Errorf("thumbnail cache: %w", err)
		}
	}
	f, err := os.CreateTemp(s.thumbDir, ".original-*")
	if err != nil {
		return nil, fmt.Errorf("thumbnail of %s: %w", d.ID, err)
	}
	defer os.Remove(f.Name())
	_, err = io.Copy(f, rc)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("thumbnail of %s: copy original: %w", d.ID, err)
	}
	// The page is decoded or rendered in the extraction sandbox's child,
	// with its memory limit, as the file's text was: a page that would
	// need more is no thumbnail, not a server out of memory.
	if s.ingest != nil {
		if sb := s.ingest.Sandbox(); sb != nil {
			return sb.Thumbnail(ctx, f.Name(), d.MIME, page, ThumbnailSize, thumbnailTimeout)
		}
	}
	return extract.Thumbnail(ctx, f.Name(), d.MIME, page, ThumbnailSize, thumbnailTimeout)
}

// thumbPath is where the thumbnail of a page is kept, or "" without a
// cache folder.
func (s *Service) thumbPath(sha string, page int) string {
	if s.thumbDir == "" || len(sha) < 2 {
		return ""
	}
	return filepath.Join(s.thumbDir, sha[:2], sha+"-"+strconv.Itoa(page)+"-"+strconv.Itoa(ThumbnailSize)+".png")
}

// keepThumbnail writes a drawn thumbnail through a temporary file and a
// rename; a cache that cannot be written only costs a redraw.
func (s *Service) keepThumbnail(path string, png []byte) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".part-*")
	if err != nil {
		return
	}
	_, err = f.Write(png)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}
