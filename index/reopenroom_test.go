package index

import (
	"bytes"
	"log/slog"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// An index unusable on a full disk says how much room it waits for: the
// user's message names the 16 MiB, and so does the log line of each try
// to open it again on a disk freed too little (an operator who freed 4 MB
// was told only that the disk was still full); with that room it is
// opened again.
func TestFullDiskSaysTheRoomItNeeds(t *testing.T) {
	defer func(d time.Duration) { reopenEvery = d }(reopenEvery)
	reopenEvery = 0
	defer func(f func(string) (uint64, bool)) { diskFree = f }(diskFree)
	free := uint64(4 << 20)
	diskFree = func(string) (uint64, bool) { return free, true }
	var logged bytes.Buffer
	defer func(l *slog.Logger) { slog.SetDefault(l) }(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))

	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	idx.markUnusable(syscall.ENOSPC)

	err = idx.Unusable()
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Fatalf("Unusable with 4 MiB free: %v, want EUNAVAILABLE", err)
	}
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "需要至少 16 MiB 空闲") {
		t.Errorf("the user is told %q, want the room needed (需要至少 16 MiB 空闲)", msg)
	}
	if en := catalog.MessageIn(err, true); !strings.Contains(en, "at least 16 MiB") {
		t.Errorf("in English the user is told %q, want at least 16 MiB named", en)
	}
	line := ""
	for _, l := range strings.Split(logged.String(), "\n") {
		if strings.Contains(l, "disk still full") {
			line = l
		}
	}
	if !strings.Contains(line, "free_bytes=4194304") || !strings.Contains(line, "need_bytes=16777216") {
		t.Errorf("the log of a try on a disk still full: %q, want free_bytes=4194304 and need_bytes=16777216", line)
	}

	free = 32 << 20
	if err := idx.Unusable(); err != nil {
		t.Errorf("Unusable with 32 MiB free: %v, want it opened again", err)
	}
}
