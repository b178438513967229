package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/web"
)

// runDoctor lists the optional programs the readers use and whether this
// machine has them; it exits 1 when one is missing.
func runDoctor(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _ := newFlags("doctor", stderr)
	if err := parseFlags(fs, args); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	missing := 0
	for _, r := range extract.Readers(ctx) {
		mark := "✔"
		if !r.Available {
			mark, missing = "✘", missing+1
		}
		fmt.Fprintf(stdout, "%s %s\n    %s\n", mark, web.ReaderName(webLang(lang), r), readerDetail(lang, r))
		if !r.Available {
			sayln(stdout, lang, "    安装：apt-get install %s", r.Package)
		}
	}
	if missing > 0 {
		sayln(stdout, lang, "%d 个可选程序不可用（未安装或无法运行）；缺少它们的文件会标记为“处理失败”并写明要安装的软件包，安装后运行 evidence retry 重新读取。", missing)
		return exitError{1}
	}
	sayln(stdout, lang, "所有可选程序均已安装。")
	return nil
}

// readerDetail is what doctor says it found of r, in lang: the path and
// version, or why it cannot be used (not on PATH, tesseract without
// chi_sim, a program that fails).
func readerDetail(lang report.Lang, r extract.Reader) string {
	if lang == report.English {
		return r.Detail.English
	}
	return r.Detail.Chinese
}

// webLang is lang as the web pages' words name it.
func webLang(lang report.Lang) web.Lang {
	if lang == report.English {
		return web.English
	}
	return web.Chinese
}

// logMissingReaders tells the operator at start-up which files this
// installation cannot read yet, and what to install, in the log's
// English: programs by their own names.
func logMissingReaders(ctx context.Context, log *slog.Logger) {
	var missing []string
	for _, r := range extract.Readers(ctx) {
		if !r.Available {
			missing = append(missing, r.Program+" (apt-get install "+r.Package+")")
		}
	}
	if len(missing) > 0 {
		log.Warn("optional readers missing; files that need them will fail with a reason naming the package (evidence doctor)",
			"missing", strings.Join(missing, "; "))
	}
}

// runRetry puts failed documents back on the pipeline, to be read again
// by the next `evidence serve` (or at once through a running archive's API:
// POST /api/v1/documents/{id}/retry).
func runRetry(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("retry", stderr)
	cmd.reorder = true
	return cmd.run(ctx, args, appOptions{existing: true}, func(a *app, lang report.Lang) error {
		ids := cmd.Args()
		n, err := ingest.RetryFailed(ctx, a.cat, cliAdmin(), ids)
		if err != nil {
			return err
		}
		sayln(stdout, lang, "已将 %d 个处理失败的文档重新排队；启动 evidence serve 后会重新读取。", n)
		return nil
	})
}
