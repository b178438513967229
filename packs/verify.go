package packs

import (
	"archive/zip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Problem kinds Verify reports.
const (
	Mismatch = "mismatch" // the file's bytes do not hash to the manifest's SHA-256
	Missing  = "missing"  // the manifest lists a file the pack does not hold
	Extra    = "extra"    // the pack holds a file the manifest does not list
)

// Problem is one file of a pack that does not agree with its manifest.
type Problem struct {
	Path string
	Kind string
	// Want is the manifest's SHA-256 and Got the file's (Mismatch only);
	// Detail says why a file could not be read, when that was the trouble.
	Want, Got, Detail string
}

// String says what is wrong, in Chinese, naming the file.
func (p Problem) String() string {
	switch p.Kind {
	case Mismatch:
		if p.Detail != "" {
			return fmt.Sprintf("不一致 %s\uFF1A无法读取\uFF08%s\uFF09", p.Path, p.Detail)
		}
		return fmt.Sprintf("不一致 %s\uFF1ASHA-256 为 %s\uFF0C清单中为 %s", p.Path, p.Got, p.Want)
	case Missing:
		return fmt.Sprintf("缺失 %s\uFF1A清单中有\uFF0C包中没有", p.Path)
	default:
		return fmt.Sprintf("多余 %s\uFF1A包中有\uFF0C清单中没有", p.Path)
	}
}

// English says what is wrong in English, naming the file.
func (p Problem) English() string {
	switch p.Kind {
	case Mismatch:
		if p.Detail != "" {
			return fmt.Sprintf("Mismatch %s: cannot be read (%s)", p.Path, p.Detail)
		}
		return fmt.Sprintf("Mismatch %s: its SHA-256 is %s, the manifest says %s", p.Path, p.Got, p.Want)
	case Missing:
		return fmt.Sprintf("Missing %s: in the manifest, not in the pack", p.Path)
	default:
		return fmt.Sprintf("Extra %s: in the pack, not in the manifest", p.Path)
	}
}

// Verification is the outcome of checking a pack.
type Verification struct {
	// Files is the number of files the manifest lists.
	Files    int
	Problems []Problem
}

// OK reports whether every file agrees with the manifest.
func (v *Verification) OK() bool { return len(v.Problems) == 0 }

// Verify re-hashes every file of the pack in r against manifest.csv. A pack
// that is not a ZIP or has no readable manifest is an error; files that
// differ, are missing or are not listed are Problems, in the order of the
// manifest, then extras in the order of the ZIP.
func Verify(r io.ReaderAt, size int64) (*Verification, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, unreadable("not a valid ZIP file: %w", "不是有效的 ZIP 文件\uFF1A%w", err)
	}
	files := map[string][]*zip.File{}
	var order []string
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if len(files[f.Name]) == 0 {
			order = append(order, f.Name)
		}
		files[f.Name] = append(files[f.Name], f)
	}
	if len(files[ManifestName]) != 1 {
		return nil, unreadable("the pack should hold one %s; it holds %d", "包中应恰有一个 %s\uFF0C实有 %d 个", ManifestName, len(files[ManifestName]))
	}
	mf, err := files[ManifestName][0].Open()
	if err != nil {
		return nil, unreadable("open %s: %w", "打开 %s\uFF1A%w", ManifestName, err)
	}
	entries, err := ReadManifest(mf)
	mf.Close()
	if err != nil {
		return nil, err
	}
	v := &Verification{Files: len(entries)}
	listed := map[string]bool{ManifestName: true}
	for _, e := range entries {
		listed[e.Path] = true
		fs := files[e.Path]
		if len(fs) == 0 {
			v.Problems = append(v.Problems, Problem{Path: e.Path, Kind: Missing})
			continue
		}
		for _, f := range fs {
			if got, err := hashFile(f); err != nil {
				v.Problems = append(v.Problems, Problem{Path: e.Path, Kind: Mismatch, Want: e.SHA256, Detail: err.Error()})
			} else if got != e.SHA256 {
				v.Problems = append(v.Problems, Problem{Path: e.Path, Kind: Mismatch, Want: e.SHA256, Got: got})
			}
		}
		if len(fs) > 1 { // a second copy under the same name is something the manifest does not vouch for
			v.Problems = append(v.Problems, Problem{Path: e.Path, Kind: Extra, Detail: "重复"})
		}
	}
	for _, name := range order {
		if !listed[name] {
			v.Problems = append(v.Problems, Problem{Path: name, Kind: Extra})
		}
	}
	return v, nil
}

// hashFile returns the SHA-256 of a file in the pack, read to its end so
// that the ZIP's own CRC check runs too.
func hashFile(f *zip.File) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		return "", err
	}
	return sum(h), nil
}

// unreadableError is why a pack cannot be verified at all, in Chinese (its
// Error) and in English.
type unreadableError struct {
	error
	english string
}

func (e unreadableError) Unwrap() error { return errors.Unwrap(e.error) }

// unreadable is the error, written with the Chinese format and args (which
// may wrap an error with %w), whose English english says the same.
func unreadable(english, chinese string, args ...any) error {
	return unreadableError{fmt.Errorf(chinese, args...), fmt.Sprintf(strings.ReplaceAll(english, "%w", "%v"), args...)}
}

// EnglishOf is why Verify or ReadManifest could not read a pack, in
// English: err's own text when it has no English.
func EnglishOf(err error) string {
	var u unreadableError
	if errors.As(err, &u) {
		return u.english
	}
	return err.Error()
}
