package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// runReport writes a city's monitoring report for a round to a file.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("report", stderr)
	city := cmd.String("city", "", "城市`代码`，如 330100")
	round := cmd.Int("round", 0, "监测`轮次`（年份），默认为当前轮次")
	format := cmd.String("format", "xlsx", "`格式`：xlsx 或 docx")
	out := cmd.String("out", "", "要写入的`文件`（默认：监测报告-<城市>-<轮次>.<格式>；英文报告为 report-<city>-<round>.<format>）")
	server, token := cmd.serverFlags("能查看该城市的账号（如本市协调员）的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	reportLang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if *city == "" {
		return catalog.Errorf(catalog.EINVALID, "请用 --city 指定城市代码")
	}
	if *server != "" {
		path, err := dial(*server, *token, reportLang).report(ctx, *city, *round, *format, *out, func(line string) { fmt.Fprintln(stderr, line) })
		if err != nil {
			return err
		}
		sayln(stdout, reportLang, "已生成 %s", path)
		return nil
	}
	return cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
		rep, err := a.reports.Build(ctx, cliAdmin(), *city, *round)
		if err != nil {
			return err
		}
		rep.Lang = reportLang
		path := *out
		if path == "" {
			path = rep.Filename(*format)
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*")
		if err != nil {
			return fmt.Errorf("create report file: %w", err)
		}
		defer os.Remove(tmp.Name())
		if err := rep.Write(tmp, *format); err != nil {
			tmp.Close()
			return err
		}
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("save report: %w", err)
		}
		if rep.Empty {
			sayln(stdout, reportLang, "已生成 %s（该城市本轮尚无数据，报告为空）", path)
			return nil
		}
		sayln(stdout, reportLang, "已生成 %s", path)
		return nil
	})
}

// cliLang reads a --lang flag: zh or en (and their usual spellings); any
// other value is refused rather than taken for Chinese.
func cliLang(s string) (report.Lang, error) {
	l := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-"))
	l, _, _ = strings.Cut(l, ".") // a locale's charset: en_US.UTF-8, as $LANG has it
	lang, _, _ := strings.Cut(l, "-")
	switch {
	case lang == "zh" || l == "chinese" || l == "中文":
		return report.Chinese, nil
	case lang == "en" || l == "english":
		return report.English, nil
	}
	return report.Chinese, catalog.Errorf(catalog.EINVALID, "--lang 应为 zh（中文）或 en（英文），而不是“%s”", s)
}
