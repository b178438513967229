package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestFixtures runs every fixture through Sniff and Extract, as an upload
// would go, and checks the outcome.
func TestFixtures(t *testing.T) {
	tests := []struct {
		file      string
		pages     int    // expected page count on success
		extractor string // expected extractor on success
		contains  string // expected somewhere in the text
		code      string // expected error code, "" for success
		phrase    string // expected in the error message
	}{
		{file: "policy.pdf", pages: 3, extractor: "pdf", contains: "学分银行"},
		{file: "summary.docx", pages: 2, extractor: "docx", contains: "2017年全年共举办342场大讲堂"},
		{file: "news.utf8.txt", pages: 1, extractor: "txt", contains: "本报讯2017年9月"},
		{file: "news.gb18030.txt", pages: 1, extractor: "txt", contains: "本报讯2017年9月"},
		{file: "news.bom.txt", pages: 1, extractor: "txt", contains: "本报讯2017年9月"},
		{file: "news.gbk.html", pages: 1, extractor: "html", contains: "学分银行"},
		{file: "random.txt", code: catalog.EINVALID, phrase: "文本编码无法识别"},
		{file: "empty.txt", code: catalog.EINVALID, phrase: "文件为空"},
		{file: "png-named.pdf", code: catalog.EINVALID, phrase: "每一页都是空白"}, // a scan renamed .pdf is read by OCR
		{file: "notzip.docx", code: catalog.EINVALID, phrase: "但内容不是 DOCX 文件"},
		{file: "scan.png", code: catalog.EINVALID, phrase: "每一页都是空白"}, // read by OCR: a blank page
		{file: "encrypted.pdf", code: catalog.EINVALID, phrase: "PDF 文件已加密"},
		// scan.pdf depends on OCR being installed: TestBadPDFs and TestBlankScan.
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := sniffAndExtract(t, tt.file, Limits{})
			if tt.code != "" {
				wantError(t, tt.file, err, tt.code, tt.phrase)
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.file, err)
			}
			if len(res.Pages) != tt.pages || res.Extractor != tt.extractor {
				t.Fatalf("%s: got %d pages via %s, want %d via %s", tt.file, len(res.Pages), res.Extractor, tt.pages, tt.extractor)
			}
			if text := strings.Join(res.Pages, "\n"); !strings.Contains(text, tt.contains) {
				t.Fatalf("%s: text lacks %q:\n%s", tt.file, tt.contains, text)
			}
			for i, p := range res.Pages {
				if p != Normalize(p) {
					t.Errorf("%s: page %d is not normalised", tt.file, i+1)
				}
			}
		})
	}
}

// withExtractor registers a fake format for the duration of a test.
func withExtractor(t *testing.T, f Format, run extractor) {
	t.Helper()
	extractors[f] = run
	t.Cleanup(func() { delete(extractors, f) })
}

func TestExtractReturnsAtTimeoutFromStuckExtractor(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	// Like a goroutine stuck inside the PDF library: ignores ctx.
	withExtractor(t, "stuck", func(context.Context, string, Limits) (*Result, error) {
		<-release
		return &Result{Pages: []string{"太晚了"}}, nil
	})
	start := time.Now()
	_, err := Extract(context.Background(), "stuck", fixture("news.utf8.txt"), Limits{Timeout: 100 * time.Millisecond})
	wantError(t, "stuck extractor", err, catalog.EINVALID, "提取文字超时:读取超过了时间上限 100 毫秒")
	// probe s44 #7: the limit said plainly, and a busy server not taken
	// for a damaged file.
	wantError(t, "stuck extractor", err, catalog.EINVALID, "服务器繁忙时重试可能成功")
	wantEnglish(t, "stuck extractor", err, "retrying may succeed")
	if CauseOf(catalog.ErrorMessage(err)) != CauseSetup {
		t.Errorf("the timeout's reason: cause %q, want %q", CauseOf(catalog.ErrorMessage(err)), CauseSetup)
	}
	// The extractor never returns before the test ends: returning within
	// a minute is the limit's doing, however loaded the machine.
	if d := time.Since(start); d > time.Minute {
		t.Fatalf("Extract returned after %v with a 100ms limit", d)
	}
	if msg := errTimeout(DefaultTimeout).Error(); !strings.Contains(msg, "时间上限 60 秒") {
		t.Errorf("default timeout message %q", msg)
	}
}

func TestExtractRecoversPanic(t *testing.T) {
	withExtractor(t, "panics", func(context.Context, string, Limits) (*Result, error) {
		var m map[string]int
		//lint:ignore SA5000 the panic is the point: a runtime panic, as in a broken parser
		m["boom"]++
		return nil, nil
	})
	_, err := Extract(context.Background(), "panics", fixture("news.utf8.txt"), Limits{})
	wantError(t, "panicking extractor", err, catalog.EINVALID, "文件内容已损坏")
	if !strings.Contains(err.Error(), "panic") {
		t.Errorf("the log message should say it panicked: %v", err)
	}
}

func TestExtractCancelledByCaller(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, FormatPDF, fixture("policy.pdf"), Limits{})
	if !errors.Is(err, context.Canceled) || catalog.ErrorCode(err) != catalog.EINTERNAL {
		t.Fatalf("got %v (code %s), want context.Canceled without an application code", err, catalog.ErrorCode(err))
	}
}

func TestExtractBadArguments(t *testing.T) {
	_, err := Extract(context.Background(), "ppt", fixture("news.utf8.txt"), Limits{})
	wantError(t, "unknown format", err, catalog.EUNSUPPORTED, "目前支持 PDF、OFD、Word（DOCX/DOC）、")

	_, err = Extract(context.Background(), FormatTXT, fixture("missing.txt"), Limits{})
	if err == nil || catalog.ErrorCode(err) != catalog.EINTERNAL {
		t.Fatalf("missing file: got %v, want an internal error", err)
	}
}

func TestLimitsDefaults(t *testing.T) {
	l := Limits{}.withDefaults()
	if l.Timeout != 60*time.Second || l.MaxTextBytes != 64<<20 || l.MaxUnzipped != 100<<20 {
		t.Fatalf("defaults %+v", l)
	}
	if got := formatBytes(100 << 20); got != "100 MiB" {
		t.Errorf("formatBytes(100 MiB) = %q", got)
	}
}
