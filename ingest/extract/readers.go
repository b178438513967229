package extract

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// Reader is an optional external program that some formats need, as
// `evidence doctor` and the admin page list them.
type Reader struct {
	Program   string // the program alone, e.g. "tesseract"
	Name      string // the program and what it is for, e.g. "tesseract（扫描件文字识别，chi_sim + eng）"
	Package   string // the Debian packages that provide it, e.g. "tesseract-ocr tesseract-ocr-chi-sim"
	Available bool
	// Detail is the path and version found, or what is missing, in both
	// languages: `evidence doctor` shows the one it speaks.
	Detail catalog.Words
}

// readerCheck is one entry of the list Readers reports. Files that rely on
// a program append their check in init (registerReader), so that a new
// format adds its program without touching this file.
type readerCheck struct {
	program, name, pkg string
	check              func(ctx context.Context) (ok bool, detail catalog.Words)
}

var (
	readerChecksMu sync.Mutex
	readerChecks   []readerCheck
)

// registerReader adds program to the list Readers reports, named with what
// it is for (purpose, in Chinese; none when "").
func registerReader(program, purpose, pkg string, check func(ctx context.Context) (bool, catalog.Words)) {
	readerChecksMu.Lock()
	defer readerChecksMu.Unlock()
	name := program
	if purpose != "" {
		name = catalog.Fullwidth(program + "(" + purpose + ")")
	}
	readerChecks = append(readerChecks, readerCheck{program, name, pkg, check})
}

// Readers checks every optional program the extractors may run and reports
// which are installed, in the order they registered. Each check runs the
// program briefly (e.g. `tesseract --list-langs`) under ctx with a few
// seconds' limit; a slow or broken program is reported unavailable. The
// checks run at once, so the list takes as long as the slowest.
func Readers(ctx context.Context) []Reader {
	readerChecksMu.Lock()
	checks := append([]readerCheck(nil), readerChecks...)
	readerChecksMu.Unlock()
	out := make([]Reader, len(checks))
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			ok, detail := c.check(cctx)
			out[i] = Reader{Program: c.program, Name: c.name, Package: c.pkg, Available: ok, Detail: detail}
		})
	}
	wg.Wait()
	return out
}

// programOverrides replaces the PATH lookup of a program by name; tests
// point tesseract at a script that hangs, or at nothing ("").
var programOverrides sync.Map // program name → path, "" = not installed

// lookProgram returns the path of an optional program, or "" when it is not
// installed.
func lookProgram(name string) string {
	if p, ok := programOverrides.Load(name); ok {
		return p.(string)
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return ""
	}
	return p
}

// The Debian packages the OCR readers need, named in messages.
const (
	pkgTesseract = "tesseract-ocr、tesseract-ocr-chi-sim"
	pkgPoppler   = "poppler-utils"
)

// errReaderMissing is the error of a file whose reader is not installed.
//
// Its code is EUNSUPPORTED, not EUNAVAILABLE: the ingest pipeline retries
// EUNAVAILABLE documents by itself forever (a store that is down comes
// back), whereas a missing program stays missing until an administrator
// installs it, so the document must end as failed with this reason and be
// retried by `evidence retry` or a new upload after the install.
func errReaderMissing(what catalog.Words, packages string) error {
	return catalog.Errorf(catalog.EUNSUPPORTED,
		"服务器未安装%s，无法识别该文件中的文字；请管理员安装 Debian 软件包 %s 后重试（evidence retry 或重新上传）",
		what, catalog.Words{Chinese: packages, English: strings.ReplaceAll(packages, "、", ", ")})
}

func init() {
	registerReader("tesseract", "扫描件文字识别，chi_sim + eng", "tesseract-ocr tesseract-ocr-chi-sim", checkTesseract)
	registerReader("pdftoppm", "扫描版 PDF 页面渲染", "poppler-utils", checkProgram("pdftoppm", "-v"))
	registerReader("pdftotext", "PDF 文字层备用读取", "poppler-utils poppler-data", checkProgram("pdftotext", "-v"))
}

// detail is what a check found, in Chinese and in English: the Chinese
// format's ASCII punctuation is made full width before the values go in,
// as catalog.Errorf does, so a path or a program's words stay as written.
func detail(chinese, english string, args ...any) catalog.Words {
	return catalog.Words{Chinese: fmt.Sprintf(catalog.Fullwidth(chinese), args...), English: fmt.Sprintf(english, args...)}
}

// notInPath is the detail of a program not found on PATH.
func notInPath(name string) catalog.Words {
	return detail("未安装：PATH 中找不到 %s", "%s not found in PATH", name)
}

// checkProgram reports whether a program is installed and the first line
// of what it prints when asked for its version.
func checkProgram(name string, versionArgs ...string) func(ctx context.Context) (bool, catalog.Words) {
	return func(ctx context.Context) (bool, catalog.Words) {
		path := lookProgram(name)
		if path == "" {
			return false, notInPath(name)
		}
		out, err := newHelperCmd(ctx, path, versionArgs...).combinedOutput()
		first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		switch {
		case err != nil && first == "":
			return false, detail("%s 无法运行（%v）", "%s: %v", path, err)
		case err != nil:
			return false, detail("%s 无法运行（%v）：%s", "%s: %v: %s", path, err, first)
		}
		// The first line names the version itself: pdftoppm version 22.12.0.
		return true, detail("已安装：%s（%s）", "%s: %s", path, first)
	}
}

func checkTesseract(ctx context.Context) (bool, catalog.Words) {
	path := lookProgram("tesseract")
	if path == "" {
		return false, notInPath("tesseract")
	}
	langs, err := tesseractLanguages(ctx, path)
	if err != nil {
		return false, detail("tesseract 无法列出语言数据（%v）", "%v", err)
	}
	var missing []string
	for _, l := range ocrLanguages {
		if !langs[l] {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		return false, detail("%s：缺少语言数据 %s", "%s: language data missing: %s", path, strings.Join(missing, ", "))
	}
	return true, detail("已安装：%s，语言 %s", "%s: languages %s", path, strings.Join(ocrLanguages, "+"))
}
