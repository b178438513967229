package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// Staged is an upload held in a temporary file: hashed, counted and sniffed,
// but not yet in the archive. Call Remove when done with it.
type Staged struct {
	Path     string
	Filename string // sanitised base name
	Size     int64
	SHA256   string
	Format   extract.Format
	MIME     string
}

// Remove deletes the temporary file.
func (s *Staged) Remove() {
	if s != nil && s.Path != "" {
		os.Remove(s.Path)
	}
}

// sniffBytes is how much of a file's head the type sniffer sees.
const sniffBytes = 4096

// Stage streams r into a temporary file in dir, hashing and counting it,
// and stops with ETOOLARGE as soon as it passes maxBytes. It then sniffs the
// type from the content; a file that is empty, mislabelled or of an
// unsupported type is rejected here, before anything is stored.
func Stage(r io.Reader, filename, dir string, maxBytes int64) (*Staged, error) {
	name := SanitizeFilename(filename)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create temp folder: %w", err)
	}
	f, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return nil, fmt.Errorf("create temp file: %w", diskFull(err))
	}
	st := &Staged{Path: f.Name(), Filename: name}
	ok := false
	defer func() {
		if !ok {
			st.Remove()
		}
	}()
	h := sha256.New()
	src := &sourceReader{r: r}
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(src, maxBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, tooLarge(name, maxBytes)
		}
		if src.err != nil {
			// The sender's side: a body cut off mid-file, a broken connection.
			return nil, catalog.Errorf(catalog.EINVALID, "文件“%s”没有传完整(传输在中途中断);请重新上传", name)
		}
		return nil, fmt.Errorf("receive %s: %w", name, diskFull(err))
	}
	if n > maxBytes {
		return nil, tooLarge(name, maxBytes)
	}
	st.Size = n
	st.SHA256 = hex.EncodeToString(h.Sum(nil))
	head, err := readHead(st.Path)
	if err != nil {
		return nil, err
	}
	st.Format, st.MIME, err = extract.Sniff(head, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, prefixMessage(err, name))
	}
	ok = true
	return st, nil
}

// sourceReader remembers a read error, so that Stage tells a sender's
// failure (the client's fault, a 4xx) from a failure to write the temp
// file (ours).
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

func tooLarge(name string, maxBytes int64) error {
	return catalog.Errorf(catalog.ETOOLARGE, "文件“%s”超过上传上限 %s;请压缩或拆分后再上传", name, FormatBytes(maxBytes))
}

// prefixMessage names the file in a user-facing error, so that a person
// uploading many files knows which one was refused.
func prefixMessage(err error, name string) error {
	var e *catalog.Error
	if errors.As(err, &e) {
		return catalog.Errorf(e.Code, "文件“%s”:%s", name, e.Message)
	}
	return err
}

func readHead(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("reopen upload: %w", err)
	}
	defer f.Close()
	buf := make([]byte, sniffBytes)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read upload head: %w", err)
	}
	return buf[:n], nil
}

// maxFilenameBytes keeps names within what every file system and browser accepts.
const maxFilenameBytes = 240

// SanitizeFilename reduces a client-supplied name to a plain base name: no
// directories (either slash), no control characters and no invisible
// format characters (a right-to-left override U+202E would show
// "evil‮txt.exe" as "evilexe.txt"; zero-width spaces hide what a
// name is), at most 240 bytes,
// and "未命名文件" when nothing is left. Names are data only; they never
// become storage keys or paths.
func SanitizeFilename(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '/' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		name = ""
	}
	if len(name) > maxFilenameBytes {
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		cut := maxFilenameBytes - len(ext)
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut] + ext
	}
	if name == "" {
		return "未命名文件"
	}
	return name
}

// FormatBytes renders a byte count for people: 200 MiB, 3.5 KiB.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + string("KMGTPE"[exp]) + "iB"
}
