package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/xmlpart"
	"golang.org/x/net/html/charset"
)

// The zip formats other than DOCX (ODT, OFD, XLSX, PPTX) read several
// members each, so their limit is on the total inflated bytes of all the
// members read, counted as they inflate whatever the headers claim.

// zipBudget counts inflated bytes against Limits.MaxUnzipped for one file.
type zipBudget struct {
	what catalog.Words // the format, for messages: "OFD 文件", "The OFD file"
	max  int64
	left int64
}

func newZipBudget(what catalog.Words, lim Limits) *zipBudget {
	return &zipBudget{what: what, max: lim.MaxUnzipped, left: lim.MaxUnzipped}
}

var errOverBudget = errors.New("inflated past the limit")

// budgetReader fails once more than *left bytes have been read through it.
type budgetReader struct {
	r    io.Reader
	left *int64
	over bool
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if int64(len(p)) > *b.left+1 {
		p = p[:*b.left+1]
	}
	n, err := b.r.Read(p)
	*b.left -= int64(n)
	if *b.left < 0 {
		b.over = true
		return n, errOverBudget
	}
	return n, err
}

// open opens a member, refusing it from its header when that already
// admits to more than is left.
func (z *zipBudget) open(f *zip.File) (io.ReadCloser, *budgetReader, error) {
	if f.UncompressedSize64 > uint64(max(z.left, 0)) {
		return nil, nil, z.errTooLarge()
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %v: %w", f.Name, err, z.errCorrupt())
	}
	return rc, &budgetReader{r: rc, left: &z.left}, nil
}

// readXML streams one member through an XML decoder, calling fn for every
// token. A DOCTYPE is refused: these formats never need one, and it is the
// way in for entity tricks.
func (z *zipBudget) readXML(ctx context.Context, f *zip.File, fn func(xml.Token) error) error {
	rc, br, err := z.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	err = decodeXMLCapped(ctx, br, math.MaxInt64-1, func(tok xml.Token) error {
		if d, ok := tok.(xml.Directive); ok {
			return fmt.Errorf("%s: directive %.40q: %w", f.Name, d, z.errDoctype())
		}
		return fn(tok)
	})
	if br.over {
		return z.errTooLarge()
	}
	if errors.Is(err, errXMLTooDeep) {
		return fmt.Errorf("%s: %v: %w", f.Name, err, errNestedTooDeep(z.what))
	}
	if err != nil && catalog.ErrorCode(err) == catalog.EINVALID && !isDoctype(err) {
		// decodeXMLCapped names DOCX in its message; say which format.
		return fmt.Errorf("%s: %v: %w", f.Name, err, z.errCorrupt())
	}
	return err
}

// readAll reads a whole member, at most limit bytes of it.
func (z *zipBudget) readAll(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, z.errTooLarge()
	}
	rc, br, err := z.open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(br, limit+1))
	switch {
	case br.over || int64(len(data)) > limit:
		return nil, z.errTooLarge()
	case err != nil:
		return nil, fmt.Errorf("read %s: %v: %w", f.Name, err, z.errCorrupt())
	}
	return data, nil
}

// inflateAll inflates every member once, for libraries that read the zip
// themselves and trust its headers. An XML member's prolog is read as XML
// on the way: a DOCTYPE there is refused for what it is (errDoctype), as
// readXML does, where the library would call the file damaged.
func (z *zipBudget) inflateAll(ctx context.Context, zr *zip.Reader) error {
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		rc, br, err := z.open(f)
		if err != nil {
			return err
		}
		if isXMLMember(f.Name) {
			// What the decoder reads ahead is inflated and counted all
			// the same; the copy below inflates the rest.
			if derr := prologDoctype(io.LimitReader(br, maxProlog)); derr != nil {
				rc.Close()
				return fmt.Errorf("%s: %v: %w", f.Name, derr, z.errDoctype())
			}
		}
		_, err = io.Copy(io.Discard, br)
		rc.Close()
		if br.over {
			return z.errTooLarge()
		}
		if err != nil {
			return fmt.Errorf("inflate %s: %v: %w", f.Name, err, z.errCorrupt())
		}
	}
	return nil
}

func (z *zipBudget) errTooLarge() error {
	return catalog.Errorf(catalog.ETOOLARGE, "%s解压后超过 %s 上限（可能是压缩炸弹），已拒绝处理", z.what, formatBytes(z.max))
}

func (z *zipBudget) errCorrupt() error {
	return catalog.Errorf(catalog.EINVALID, "%s已损坏，无法打开或解析；请用原软件打开后重新导出再上传", z.what)
}

// doctypeError marks the refusal of a DOCTYPE so that readXML passes it on
// unchanged.
type doctypeError struct{ error }

func (e doctypeError) Unwrap() error { return e.error }

func (z *zipBudget) errDoctype() error {
	return doctypeError{catalog.Errorf(catalog.EINVALID, "%s中含有 DOCTYPE 或外部实体声明，出于安全原因拒绝处理；请用原软件重新导出后上传", z.what)}
}

func isDoctype(err error) bool {
	var d doctypeError
	return errors.As(err, &d)
}

// isXMLMember says whether a zip member holds XML, by its name.
func isXMLMember(name string) bool { return xmlpart.IsXMLMember(name) }

// maxProlog is how much of an XML member prologDoctype reads at most: a
// DOCTYPE comes before the first element, after at most a declaration
// and a few comments.
const maxProlog = 64 << 10

// prologDoctype reads r's XML up to its first element and returns an
// error naming the directive (<!DOCTYPE …>) found on the way, or nil.
// Anything else (no element, bad XML) is left for the reader of the
// member to judge.
func prologDoctype(r io.Reader) error {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.Directive:
			return fmt.Errorf("directive %.40q", string(t))
		case xml.StartElement:
			return nil
		}
	}
}
