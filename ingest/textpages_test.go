package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// readAllPages reads every page of a stored text through TextPages, in
// chunks of size bytes.
func readAllPages(t *testing.T, store blob.Store, sha string, size int) ([]string, string) {
	t.Helper()
	tp, err := ingest.OpenTextPages(context.Background(), store, sha)
	if err != nil {
		t.Fatalf("open text pages: %v", err)
	}
	defer tp.Close()
	var pages []string
	for tp.Next() {
		var buf []byte
		for {
			var err error
			if buf, err = tp.Chunk(buf, size); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("page %d: %v", tp.PageNumber(), err)
			}
		}
		pages = append(pages, string(buf))
	}
	if err := tp.Err(); err != nil {
		t.Fatalf("pages: %v", err)
	}
	return pages, tp.Extractor
}

// TestTextPagesReadsWhatLoadTextReads: read page by page, in chunks of
// any size, a stored text is what LoadText gives, escapes, characters
// beyond the BMP (生僻字 in names) and empty pages included.
func TestTextPagesReadsWhatLoadTextReads(t *testing.T) {
	store := newFolderStore(t)
	pages := []string{
		"杭州市学习型城市建设工作总结\n\"终身教育\"\\ 反斜杠\t制表",
		"",
		"𠀀𪚥 人名用字，<b>&amp; 控制符\u0001与\u2028行分隔",
		strings.Repeat("推进学分银行建设。", 20_000),
		"第四页",
	}
	const sha = "0000000000000000000000000000000000000000000000000000000000000001"
	if _, err := ingest.SaveText(context.Background(), store, sha, &ingest.StoredText{Extractor: "txt", Version: 3, Title: "标题", Pages: pages, SealPages: []int{2}}); err != nil {
		t.Fatal(err)
	}
	want, err := ingest.LoadText(context.Background(), store, sha)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1, 2, 3, 7, 4096, 1 << 20} {
		got, extractor := readAllPages(t, store, sha, size)
		if !slices.Equal(got, want.Pages) || extractor != "txt" {
			t.Errorf("chunks of %d bytes: %d pages (extractor %q), want LoadText's %d pages (txt)", size, len(got), extractor, len(want.Pages))
		}
	}
}

// TestTextPagesDecodesEscapesAsUnmarshal: surrogate pairs written as
// escapes, lone surrogates and bad UTF-8 come out as json.Unmarshal has
// them.
func TestTextPagesDecodesEscapesAsUnmarshal(t *testing.T) {
	store := newFolderStore(t)
	for i, body := range []string{
		`{"extractor":"pdf","pages":["\ud840\udc00中文\u5b66\u4E60","\ud800孤","` + "a\xffb\xe5\xad" + `","\/\b\f\n\r\t"],"page_sources":["text"]}`,
		`{ "version" : 1 , "pages" : [ ] }`,
		`{"title":"标题","seal_pages":[1,2],"pages":[ "一" , "二" ]}`,
	} {
		sha := fmt.Sprintf("%064d", 100+i)
		if err := store.Put(context.Background(), catalog.TextKey(sha), strings.NewReader(body), int64(len(body)), "application/json"); err != nil {
			t.Fatal(err)
		}
		want, err := ingest.LoadText(context.Background(), store, sha)
		if err != nil {
			t.Fatalf("%s: LoadText: %v", body, err)
		}
		for _, size := range []int{1, 5, 100} {
			if got, _ := readAllPages(t, store, sha, size); !slices.Equal(got, want.Pages) {
				t.Errorf("%s in chunks of %d: %q, want %q", body, size, got, want.Pages)
			}
		}
	}
}

// TestTextPagesDamaged: a blob cut short or not text is ErrBadText with
// the message that tells the user what to do, as LoadText has it.
func TestTextPagesDamaged(t *testing.T) {
	store := newFolderStore(t)
	for i, body := range []string{
		`{"extractor":"pdf","pages":["第一页","第二`,
		`{"extractor":"pdf","pages":["第一页" "第二页"]}`,
		`{"extractor":"pdf"}`,
		`["第一页"]`,
		`{"pages":["\x"]}`,
	} {
		sha := fmt.Sprintf("%064d", 200+i)
		if err := store.Put(context.Background(), catalog.TextKey(sha), strings.NewReader(body), int64(len(body)), "application/json"); err != nil {
			t.Fatal(err)
		}
		err := func() error {
			tp, err := ingest.OpenTextPages(context.Background(), store, sha)
			if err != nil {
				return err
			}
			defer tp.Close()
			for tp.Next() {
				for {
					if _, err := tp.Chunk(nil, 3); err == io.EOF {
						break
					} else if err != nil {
						return err
					}
				}
			}
			return tp.Err()
		}()
		if !errors.Is(err, ingest.ErrBadText) || catalog.ErrorCode(err) != catalog.ECONFLICT {
			t.Errorf("%s: %v, want ErrBadText as ECONFLICT", body, err)
		}
	}
}

// TestTextPagesHoldsAChunkNotTheText: reading a 24 MB text page by page
// in 64 KB chunks allocates a small part of it; LoadText allocates more
// than the text.
func TestTextPagesHoldsAChunkNotTheText(t *testing.T) {
	store := newFolderStore(t)
	const sha = "0000000000000000000000000000000000000000000000000000000000000002"
	page := strings.Repeat("二〇一八年杭州市共建成社区学习共同体一千二百个。", 20_000) // 1.4 MB
	pages := make([]string, 16)
	for i := range pages {
		pages[i] = page
	}
	if _, err := ingest.SaveText(context.Background(), store, sha, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	size := int64(len(page) * len(pages))
	allocated := func(read func()) int64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		read()
		runtime.ReadMemStats(&after)
		return int64(after.TotalAlloc - before.TotalAlloc)
	}
	streamed := allocated(func() {
		tp, err := ingest.OpenTextPages(context.Background(), store, sha)
		if err != nil {
			t.Fatal(err)
		}
		defer tp.Close()
		buf := make([]byte, 0, 64<<10)
		n := 0
		for tp.Next() {
			for {
				if buf, err = tp.Chunk(buf[:0], 64<<10); err != nil {
					break
				}
				n += len(buf)
			}
		}
		if tp.Err() != nil || n != int(size) {
			t.Fatalf("read %d bytes of %d: %v", n, size, tp.Err())
		}
	})
	whole := allocated(func() {
		if _, err := ingest.LoadText(context.Background(), store, sha); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("text %d MB: LoadText allocated %d MB, TextPages %d KB", size>>20, whole>>20, streamed>>10)
	if streamed > size/50 {
		t.Errorf("reading a %d MB text page by page allocated %d KB, want under %d KB", size>>20, streamed>>10, size/50>>10)
	}
}

func newFolderStore(t *testing.T) blob.Store {
	t.Helper()
	store, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return store
}
