package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The reader checks run at once (the admin page waited for each program in
// turn): three programs that each answer only once all three have started
// are all found available.
func TestReaderChecksRunAtOnce(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"tesseract", "pdftoppm", "pdftotext"} {
		script := filepath.Join(dir, name)
		body := "#!/bin/sh\ntouch " + filepath.Join(dir, name+".started") + "\n" +
			"for i in $(seq 50); do\n" +
			"  if [ -e " + filepath.Join(dir, "tesseract.started") + " ] && [ -e " + filepath.Join(dir, "pdftoppm.started") + " ] && [ -e " + filepath.Join(dir, "pdftotext.started") + " ]; then\n" +
			"    printf 'List of available languages (2):\\nchi_sim\\neng\\n'; exit 0\n" +
			"  fi\n  sleep 0.1\ndone\nexit 1\n"
		if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		withProgram(t, name, script)
	}
	checked := 0
	for _, r := range Readers(context.Background()) {
		if filepath.Dir(strings.Fields(r.Detail.English + " x")[0]) != dir {
			continue // another program, found where it is installed
		}
		checked++
		if !r.Available {
			t.Errorf("%s: unavailable (%s); want every check running while the others wait", r.Program, strings.TrimSpace(r.Detail.English))
		}
	}
	if checked != 3 {
		t.Errorf("%d of the three programs checked", checked)
	}
}
