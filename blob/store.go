package blob

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// MaxKeyLen is the longest key a store accepts, in bytes. It is far above
// what the layout needs and well below the limits of S3 and file systems.
const MaxKeyLen = 512

// defaultContentType is what a store records when Put is given none, so that
// both stores answer Stat the same way (S3 servers fill in the same value).
const defaultContentType = "application/octet-stream"

// Info describes a stored object.
type Info struct {
	Key         string
	Size        int64
	ContentType string
	// Version names this state of the object for Stat: it stays the same
	// while the object is not replaced and changes when it is put again
	// with other bytes, even of the same size (the folder's file
	// modification time and inode, S3's ETag). What is kept of an object
	// read once (the page index of a text) is kept under it. Empty when
	// the store cannot say, and in List's Infos.
	Version string
}

// ErrChanged is what GetRange of an object by a version it no longer has
// wraps: it was put again since the caller looked at it.
var ErrChanged = errors.New("object put again since its version was read")

// Store keeps immutable objects under keys such as "originals/<sha256>" and
// "text/<sha256>.json". Every method first checks its key with ValidKey and
// returns an EINVALID catalog error for a malformed one. A store that cannot
// reach its backing service returns EUNAVAILABLE. A cancelled context stops
// the call with an error that wraps ctx.Err().
type Store interface {
	// Put stores the bytes of r under key, reading r to EOF. size is the byte
	// count, or -1 if unknown; when it is known and r yields a different
	// number of bytes, nothing is stored and the error is EINVALID. An empty
	// contentType is recorded as "application/octet-stream".
	//
	// Put is idempotent: putting the same key again replaces the object. It
	// is atomic: readers see the old object or the new one, never a half
	// written one, and a Put that fails (r fails, the context ends, the
	// service goes away) leaves the previous state visible.
	Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error

	// Get returns the object's bytes; the caller must close the reader. A
	// missing key is an ENOTFOUND catalog error.
	Get(ctx context.Context, key string) (io.ReadCloser, error)

	// GetRange returns at most n bytes of the object from byte off on, or
	// all from off to its end when n is negative; the caller must close
	// the reader. Only those bytes are read from the store (a page of a
	// big text on S3 costs the page, not the text). An off at or past the
	// object's end reads nothing; a negative off is EINVALID; a missing
	// key is ENOTFOUND, as for Get. A version other than "" is the
	// object's Version (Stat's) the caller read it by (offsets in it): an
	// object put again since is an error wrapping ErrChanged, not the new
	// bytes read at the old offsets.
	//
	// A wrapper of a Store that changes what Get does (fails, counts,
	// waits) must change GetRange alike: a page view reads by GetRange.
	GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error)

	// Stat returns the object's Info; a missing key is ENOTFOUND.
	Stat(ctx context.Context, key string) (Info, error)

	// Delete removes key; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error

	// List calls fn for every object whose key starts with prefix, in
	// lexical (byte-wise) key order. The Info passed to fn carries Key and
	// Size but no ContentType, because S3 listings do not return it; call
	// Stat when it is needed. An error from fn stops the listing and is
	// returned as it is. The prefix need not end at a '/'.
	List(ctx context.Context, prefix string, fn func(Info) error) error
}

// ValidKey reports whether key is a well-formed object key: segments of
// [a-z0-9._-] separated by single '/', no leading or trailing '/', no empty,
// "." or ".." segment, at most MaxKeyLen bytes. Any other key is an EINVALID
// catalog error.
//
// The rule is deliberately narrower than S3's so that a key maps to the same
// path on every file system (no case folding, no escaping, no way out of the
// store's folder) and sorts the same way everywhere.
func ValidKey(key string) error {
	if len(key) > MaxKeyLen {
		return invalidKey(key)
	}
	if !validPath(key) {
		return invalidKey(key)
	}
	return nil
}

// validPrefix checks a List prefix: the empty prefix lists everything; any
// other prefix must be the beginning of some valid key, so "text/" and
// "originals/ab" pass while "/x" and "a/../" do not.
func validPrefix(prefix string) error {
	if prefix == "" {
		return nil
	}
	// Completing the last segment turns a prefix into a key it could match.
	if len(prefix) > MaxKeyLen || !validPath(prefix+"x") {
		return catalog.Errorf(catalog.EINVALID, "存储键前缀 %q 无效（只允许小写字母、数字和 . _ -，以单个 / 分隔）", prefix)
	}
	return nil
}

func validPath(key string) bool {
	if key == "" {
		return false
	}
	for seg := range strings.SplitSeq(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		for i := 0; i < len(seg); i++ {
			if !keyByte(seg[i]) {
				return false
			}
		}
	}
	return true
}

func keyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}

func invalidKey(key string) error {
	if len(key) > 64 {
		key = key[:64] + "…"
	}
	return catalog.Errorf(catalog.EINVALID, "存储键 %q 无效（只允许小写字母、数字和 . _ -，以单个 / 分隔，最长 %d 字节）", key, MaxKeyLen)
}

func badRange(key string, off int64) error {
	return catalog.Errorf(catalog.EINVALID, "读取对象 %s 的起点 %d 无效（应不小于 0）", key, off)
}

func notFound(key string) error {
	return catalog.Errorf(catalog.ENOTFOUND, "存储中没有对象 %s", key)
}

func contentTypeOrDefault(contentType string) string {
	if contentType == "" {
		return defaultContentType
	}
	return contentType
}
