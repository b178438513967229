package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// StaleTempAge is how old a file in the data folder's temporary folder
// must be before RemoveStaleTemp takes it for the leftover of a crash:
// no upload is staged, nor original extracted, that long.
const StaleTempAge = 24 * time.Hour

// RemoveStaleTemp deletes the files in dir, the data folder's own
// temporary folder (staged uploads, originals being extracted, archives
// and tables being read), last written before before: what a serve
// killed mid-upload left there (a partial upload-… of up to the upload
// limit stayed for good). Younger files may be another process's at
// work; folders are left. It returns how many it removed and their
// bytes; a folder that does not exist holds none.
func RemoveStaleTemp(dir string, before time.Time) (removed int, bytes int64, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("list temporary folder %s: %w", dir, err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(before) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, bytes, fmt.Errorf("remove stale temporary file: %w", err)
		}
		removed++
		bytes += info.Size()
	}
	return removed, bytes, nil
}
