package ingest_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest"
)

// TestTextPagesAtReadsOnFromAnOffset: opened at an offset a reading gave
// (the start of a page, or a place inside one between two chunks of it), a
// stored text reads on from there as it did, escapes and characters
// beyond the BMP included, to its last page; and, opened up to the next
// such place only (the blob's bytes between them alone read from the
// store), it reads the one chunk it read.
func TestTextPagesAtReadsOnFromAnOffset(t *testing.T) {
	folder := newFolderStore(t)
	pages := []string{
		"杭州市学习型城市建设工作总结\n\"终身教育\"\\ 反斜杠\t制表",
		"",
		"𠀀𪚥 人名用字，<b>&amp; 控制符\u0001与\u2028行分隔",
		strings.Repeat("推进\"学分银行\"建设。", 2_000),
		"第五页",
	}
	const sha = "0000000000000000000000000000000000000000000000000000000000000002"
	if _, err := ingest.SaveText(context.Background(), folder, sha, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	// Every place a reading in chunks of 4 KB begins a chunk, and what it
	// reads from there to the end.
	type place struct {
		off   int64
		page  int
		rest  string
		chunk string
	}
	var places []place
	tp, err := ingest.OpenTextPages(context.Background(), folder, sha)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	var starts []int
	for tp.Next() {
		for first := true; ; first = false {
			at := place{off: tp.Offset(), page: tp.PageNumber()}
			buf, err := tp.Chunk(nil, 4096)
			at.chunk = string(buf)
			if len(buf) > 0 || first {
				// Past a page's last chunk is its end, no place in it.
				places, starts = append(places, at), append(starts, all.Len())
			}
			all.Write(buf)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		all.WriteString("|")
	}
	tp.Close()
	for i := range places {
		places[i].rest = all.String()[starts[i]:]
	}
	for _, p := range places {
		tp, err := ingest.OpenTextPagesAt(context.Background(), folder, sha, p.off, -1, p.page, "")
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		for first := true; first || tp.Next(); first = false {
			page, err := tp.Page(1 << 20)
			if err != nil {
				t.Fatalf("page %d from offset %d: %v", tp.PageNumber(), p.off, err)
			}
			got.WriteString(page + "|")
		}
		if err := tp.Err(); err != nil {
			t.Fatal(err)
		}
		tp.Close()
		if got.String() != p.rest {
			t.Errorf("from offset %d of page %d: read %.60q…, want %.60q…", p.off, p.page, got.String(), p.rest)
		}
	}
	for i, p := range places[:len(places)-1] {
		end := places[i+1].off
		tp, err := ingest.OpenTextPagesAt(context.Background(), folder, sha, p.off, end, p.page, "")
		if err != nil {
			t.Fatal(err)
		}
		got, err := tp.Chunk(nil, 4096)
		tp.Close()
		if err != nil && err != io.EOF {
			t.Fatalf("chunk of page %d from offset %d to %d: %v", p.page, p.off, end, err)
		}
		if string(got) != p.chunk {
			t.Errorf("chunk of page %d from offset %d to %d: read %.60q…, want %.60q…", p.page, p.off, end, got, p.chunk)
		}
	}
	// Read on past end, the text breaks off there: ErrBadText, never an
	// end of the text.
	for i, p := range places[:len(places)-1] {
		end := places[i+1].off
		tp, err := ingest.OpenTextPagesAt(context.Background(), folder, sha, p.off, end, p.page, "")
		if err != nil {
			t.Fatal(err)
		}
		for err == nil {
			if _, err = tp.Chunk(nil, 4096); err == io.EOF {
				if err = nil; !tp.Next() {
					err = tp.Err()
					if err == nil {
						t.Errorf("from offset %d to %d, read on: the text ends, want ErrBadText", p.off, end)
						break
					}
				}
			}
		}
		tp.Close()
		if err != nil && !errors.Is(err, ingest.ErrBadText) {
			t.Errorf("from offset %d to %d, read on: %v, want ErrBadText", p.off, end, err)
		}
	}
	if len(places) < 10 {
		t.Errorf("%d places to open at: want a long page read in several chunks", len(places))
	}
}
