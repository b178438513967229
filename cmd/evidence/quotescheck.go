package main

import (
	"context"
	"io"

	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// runQuotes is evidence quotes check: every link quote not looked for
// yet (links made before their quotes were looked for) is looked for in
// its document's text and its mark recorded (values.CheckLinkQuotes), so
// the pages say 已找到 or 未在文中找到 instead of 引文尚未核对.
func runQuotes(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "check" {
		return badSubcommand(args, subcommandUsage{zh: "用法：evidence quotes check", en: "usage: evidence quotes check"}, stderr)
	}
	cmd := newCommand("quotes check", stderr)
	return cmd.run(ctx, args[1:], appOptions{existing: true}, func(a *app, lang report.Lang) error {
		// The catalog and the stored texts only, as values recheck: no
		// index, so it runs beside serve.
		bar := countBar(stderr, words(lang, "核对关联引文", "Looking for link quotes"))
		n, err := values.NewService(a.cat, a.blobs).CheckLinkQuotes(ctx, func() { bar.Add(1) })
		bar.Finish()
		if err != nil {
			return err
		}
		sayln(stdout, lang, "已核对 %d 份文本中尚未核对的 %d 段关联引文", n.Texts, n.Quotes)
		if n.Skipped > 0 {
			sayln(stdout, lang, "%d 份文本无法读取，其中的关联引文未核对；若 evidence check 报告其文字缺失或损坏，请先运行 evidence repair，再重新运行本命令", n.Skipped)
		}
		return nil
	})
}
