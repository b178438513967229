package main

import (
	"flag"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// defaultReaderMemory is the memory all the children reading files may
// take at once (extract.MemoryBudget): with the server's own (its Go heap
// is held to serveMemoryLimit, and holds about 250–350 MB in practice),
// under the 1.5 GiB a server on a small machine should stay within.
const defaultReaderMemory = 1 << 30

// minReaderMemory is the smallest budget taken: below it a reading's
// share would not hold pdftotext or tesseract on an ordinary page.
const minReaderMemory = 256 << 20

// readerMemoryFromEnv is EVIDENCE_READER_MEMORY (a size such as 1GiB),
// or defaultReaderMemory when it is unset.
func readerMemoryFromEnv() (int64, error) {
	v := strings.TrimSpace(os.Getenv("EVIDENCE_READER_MEMORY"))
	if v == "" {
		return defaultReaderMemory, nil
	}
	n, err := parseSize(v)
	if err != nil || n < minReaderMemory {
		return 0, catalog.Errorf(catalog.EINVALID, "EVIDENCE_READER_MEMORY=%q 无效：应为至少 256 MiB 的大小，如 1GiB", v)
	}
	return n, nil
}

// readerMemoryFlag adds serve's --reader-memory to fs, its default read
// from EVIDENCE_READER_MEMORY, and returns the call that checks it once
// fs is parsed.
func readerMemoryFlag(fs *flag.FlagSet) (func() (int64, error), error) {
	n, err := readerMemoryFromEnv()
	if err != nil {
		return nil, err
	}
	v := fs.String("reader-memory", formatSize(n), "读取文件的子进程（连同它们启动的 pdftotext、tesseract 等程序）同时可用的内存合计，如 1GiB（或 EVIDENCE_READER_MEMORY）")
	return func() (int64, error) {
		n, err := parseSize(*v)
		if err != nil || n < minReaderMemory {
			return 0, catalog.Errorf(catalog.EINVALID, "--reader-memory=%s 无效：应为至少 256 MiB 的大小，如 1GiB", *v)
		}
		return n, nil
	}, nil
}

// formatSize writes n as parseSize reads it: whole GiB or MiB when it is.
func formatSize(n int64) string {
	switch {
	case n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "GiB"
	case n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	}
	return strconv.FormatInt(n, 10)
}

// useReaderMemory puts sb's children under one budget of total bytes:
// each reading normally has an equal share of it, one per core (a
// reading is CPU-bound, so more at once would only wait for the CPU) and
// at least two, its child's limit half the share (the other half is for
// the program the child runs); a reading that runs out of its share is
// read again alone with the whole budget.
func useReaderMemory(sb *extract.Sandbox, total int64) {
	readers := int64(max(2, runtime.NumCPU()))
	sb.Budget = extract.NewMemoryBudget(total)
	sb.Memory = total / readers / 2
}

// sandboxOpened, when set (by a test), is told of each app's sandbox as
// it opens, with its budget: a test holds the budget to see what a user
// sees while other files are being read.
var sandboxOpened func(*extract.Sandbox)
