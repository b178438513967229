package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
)

// staticVersions holds, for each embedded static file, a short hash of
// its bytes. The pages ask for /static/NAME?v=HASH, so a browser still
// holding a script or stylesheet of an earlier build (they are cached for
// an hour) fetches the new one with the new page instead of running the
// old script against markup it no longer matches.
var staticVersions = func() map[string]string {
	out := map[string]string{}
	err := fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(staticFS, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[path[len("static/"):]] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return out
}()

// staticURL is the address of the embedded static file name, with the
// hash of its bytes. A name that is not embedded is a mistake in a
// template, caught when the page is first rendered in any test.
func staticURL(name string) (string, error) {
	v, ok := staticVersions[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + name + "?v=" + v, nil
}
