package extract

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// fixture returns the path of a file in testdata (see testdata/README.md).
func fixture(name string) string { return filepath.Join("testdata", name) }

// needPdftotext skips a test when poppler's pdftotext is missing, and fails
// it when CI=true, where the tool must be installed.
func needPdftotext(t *testing.T) {
	t.Helper()
	if lookPdftotext() != "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("pdftotext (poppler-utils) is not installed, but CI=true requires it: apt-get install poppler-utils poppler-data")
	}
	t.Skip("pdftotext (poppler-utils) is not installed; install poppler-utils poppler-data to run this test")
}

// withoutPdftotext makes the PDF extractor believe pdftotext is missing for
// the rest of the test.
func withoutPdftotext(t *testing.T) {
	t.Helper()
	none := ""
	pdftotextOverride.Store(&none)
	t.Cleanup(func() { pdftotextOverride.Store(nil) })
}

// wantError checks that err carries the application code and that its
// user-facing message contains phrase, written with full-width punctuation
// as every message is (catalog.Fullwidth).
func wantError(t *testing.T, what string, err error, code, phrase string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: got no error, want %s containing %q", what, code, phrase)
	}
	if got := catalog.ErrorCode(err); got != code {
		t.Fatalf("%s: got code %s (%v), want %s", what, got, err, code)
	}
	phrase = catalog.Fullwidth(phrase)
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, phrase) {
		t.Fatalf("%s: message %q does not contain %q", what, msg, phrase)
	}
}

// wantEnglish checks that err's English, which the English pages show,
// contains phrase and no Chinese.
func wantEnglish(t *testing.T, what string, err error, phrase string) {
	t.Helper()
	en := catalog.MessageIn(err, true)
	if !strings.Contains(en, phrase) || strings.IndexFunc(en, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
		t.Errorf("%s: English %q, want %q and no Chinese", what, en, phrase)
	}
}

// sniffAndExtract does what the upload pipeline does with a fixture: sniff
// its head under its own name, then extract it as the sniffed format.
func sniffAndExtract(t *testing.T, name string, lim Limits) (*Result, error) {
	t.Helper()
	data, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	format, _, err := Sniff(data[:min(len(data), SniffLen)], name)
	if err != nil {
		return nil, err
	}
	return Extract(context.Background(), format, fixture(name), lim)
}

func mustExtract(t *testing.T, format Format, name string) *Result {
	t.Helper()
	res, err := Extract(context.Background(), format, fixture(name), Limits{})
	if err != nil {
		t.Fatalf("extract %s: %v", name, err)
	}
	return res
}

// pidOfHangingTool returns the pid a fake tool that never ends wrote to
// pidFile (a line) before its time limit ended it. run reads the file
// with the limit given and must fail at it. A loaded machine may end the
// tool before its shell got as far as writing the pid: run is then tried
// again with a limit ten times longer, so that the test never depends on
// how fast a shell starts.
func pidOfHangingTool(t *testing.T, pidFile string, limit time.Duration, run func(limit time.Duration) error) int {
	t.Helper()
	for {
		if b, err := os.ReadFile(pidFile); err == nil && strings.HasSuffix(string(b), "\n") {
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatalf("the fake tool wrote %q as its pid", b)
			}
			return pid
		}
		if limit > 10*time.Minute {
			t.Fatalf("the fake tool wrote no pid to %s, even with a limit of %s", pidFile, limit/10)
		}
		if err := run(limit); catalog.ErrorCode(err) != catalog.EINVALID {
			t.Fatalf("a tool that never ends, with a limit of %s: %v, want the limit's failure", limit, err)
		}
		limit *= 10
	}
}

// waitGone waits for process pid to end (a zombie counts as ended); a
// minute only bounds the wait for one that never does.
func waitGone(t *testing.T, pid int, what string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); alive(pid); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s (pid %d) still runs a minute after its time limit", what, pid)
		}
	}
}
