package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// errXrefLoop is a PDF whose chain of cross-reference sections (startxref,
// then each section's /Prev) comes back to a section already read. The
// library follows such a chain for ever (it cannot be interrupted, and
// went on spinning after its deadline), so it is not run on the file;
// pdftotext rebuilds the table and may still find the text. When nothing
// is read the file fails as damaged (errPDFLooped), not as a blank scan.
var errXrefLoop = errors.New("cross-reference sections loop (/Prev)")

// maxXrefSections bounds the chain followed: real files have one per
// incremental save, a few at most.
const maxXrefSections = 1000

// maxXrefTable bounds how far after a section's start its trailer is
// looked for: a table of a million objects is 20 MB.
const maxXrefTable = 32 << 20

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)`)
	prevRe      = regexp.MustCompile(`/Prev\s+(\d+)`)
)

// checkXrefChain follows path's chain of cross-reference sections and
// returns errXrefLoop when it loops. Anything else it cannot follow (no
// startxref, an offset past the end, a section it cannot parse) is left
// to the readers, which say what they make of it: nil.
func checkXrefChain(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	size := st.Size()
	tail := make([]byte, min(size, 2048))
	if _, err := f.ReadAt(tail, size-int64(len(tail))); err != nil {
		return nil
	}
	all := startxrefRe.FindAllSubmatch(tail, -1)
	if len(all) == 0 {
		return nil
	}
	off, err := strconv.ParseInt(string(all[len(all)-1][1]), 10, 64)
	seen := map[int64]bool{}
	for err == nil && off > 0 && off < size {
		if seen[off] {
			return errXrefLoop
		}
		if seen[off] = true; len(seen) > maxXrefSections {
			return nil
		}
		off, err = xrefPrev(f, off, size)
	}
	return nil
}

// xrefPrev is the /Prev of the cross-reference section at off: of its
// trailer for a table, of its dictionary for a stream; an error when it
// has none or cannot be read.
func xrefPrev(f io.ReaderAt, off, size int64) (int64, error) {
	head := make([]byte, min(4096, size-off))
	if _, err := f.ReadAt(head, off); err != nil && !errors.Is(err, io.EOF) {
		return 0, err
	}
	dict := head
	if bytes.HasPrefix(bytes.TrimLeft(head, " \r\n\t"), []byte("xref")) {
		at, err := findIn(f, []byte("trailer"), off, min(size, off+maxXrefTable))
		if err != nil {
			return 0, err
		}
		dict = make([]byte, min(4096, size-at))
		if _, err := f.ReadAt(dict, at); err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
	}
	// The dictionary ends before its stream or the next startxref.
	for _, end := range [][]byte{[]byte("stream"), []byte("startxref")} {
		if i := bytes.Index(dict, end); i >= 0 {
			dict = dict[:i]
		}
	}
	m := prevRe.FindSubmatch(dict)
	if m == nil {
		return 0, io.EOF
	}
	return strconv.ParseInt(string(m[1]), 10, 64)
}

// findIn is the offset of the first sep in f between from and to.
func findIn(f io.ReaderAt, sep []byte, from, to int64) (int64, error) {
	buf := make([]byte, 64<<10)
	for at := from; at < to; at += int64(len(buf) - len(sep)) {
		n, err := f.ReadAt(buf[:min(int64(len(buf)), to-at)], at)
		if i := bytes.Index(buf[:n], sep); i >= 0 {
			return at + int64(i), nil
		}
		if err != nil || int64(n) < int64(len(buf)) {
			break
		}
	}
	return 0, fmt.Errorf("no %s", sep)
}

func errPDFLooped() error {
	return catalog.Errorf(catalog.EINVALID, "PDF 文件的结构已损坏（交叉引用表 xref 循环指向自身），没有读到任何文字；这不是空白扫描件的问题。请用 PDF 阅读器打开后“另存为”或“打印为 PDF”，或从原软件重新导出，再上传")
}
