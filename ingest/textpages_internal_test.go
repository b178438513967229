package ingest

import (
	"bufio"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestTextPagesBadUTF8StaysFast: a bad byte sends only itself down the
// slow path of decoding, not the run of good text it is buffered with:
// a 504 KB page with one 0xFF every 63 KB took 46 s (every character went
// the slow way, rescanning the buffer), 8 ms with one.
func TestTextPagesBadUTF8StaysFast(t *testing.T) {
	good := strings.Repeat("学分银行", 5_250) // 63 KB
	page := strings.Repeat(good+"\xff", 8)
	tp := &TextPages{ctx: context.Background(), page: 1, inPage: true,
		br: bufio.NewReaderSize(strings.NewReader(page+`"]}`), textReadBuffer)}
	if n := tp.plainRun(1 << 20); n != len(good) {
		t.Fatalf("fast path before a bad byte: %d bytes, want the %d good ones before it", n, len(good))
	}
	start := time.Now()
	var got []byte
	for {
		var err error
		if got, err = tp.Chunk(got, 64<<10); err != nil {
			break
		}
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a %d KB page with 8 bad bytes decoded in %v, want well under a second", len(page)>>10, took)
	}
	want := strings.ToValidUTF8(page, string(utf8.RuneError))
	if string(got) != want {
		t.Errorf("decoded %d bytes, want %d with each bad byte U+FFFD", len(got), len(want))
	}
}
