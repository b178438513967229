package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestAScanOfManyPagesListsItsImages: `pdfimages -list` of a scan of some
// thousand pages says more than the 64 KB kept of it; what it said up to
// there still lists images, so a blank scan of that many pages is known
// for one (空白扫描件), not taken for a file without pictures.
func TestAScanOfManyPagesListsItsImages(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "pdfimages")
	// A header, then 1,200 pages of one 2480×3508 image each: ≈ 110 KB.
	body := "#!/bin/sh\n" +
		"echo 'page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio'\n" +
		"echo '--------------------------------------------------------------------------------------------'\n" +
		"i=1; while [ $i -le 1200 ]; do echo \"   $i     0 image    2480  3508  gray    1   8  jpeg   no         7  0   300   300  412K 4.8%\"; i=$((i+1)); done\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	withProgram(t, "pdfimages", script)
	lim := Limits{}.withDefaults()
	list, ok := listImages(context.Background(), filepath.Join(dir, "扫描件.pdf"), lim)
	if !ok {
		t.Fatal("a list over 64 KB was taken for no list")
	}
	if len(list) > 64<<10 || list[len(list)-1] != '\n' {
		t.Errorf("kept %d bytes ending %q, want complete lines within 64 KB", len(list), list[len(list)-20:])
	}
	if side := largestListedImage(list); side != 3508 {
		t.Errorf("largest image's long side %d, want 3508", side)
	}
	if !listsImages(context.Background(), filepath.Join(dir, "扫描件.pdf"), lim) {
		t.Error("a scan of 1,200 pages of images is said to list none")
	}
}
