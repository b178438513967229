package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

// runPack writes a city's evidence pack for a round to a file, through a
// temporary file so that a pack cut short never takes the final name.
func runPack(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("pack", stderr)
	city := cmd.String("city", "", "城市`代码`，如 330100")
	round := cmd.Int("round", 0, "监测`轮次`（年份），默认为当前轮次")
	out := cmd.String("out", "", "要写入的`文件`（默认：佐证材料包-<城市>-<轮次>.zip；英文为 evidence-pack-<city>-<round>.zip）")
	indicator := cmd.String("indicator", "", "只打包此关键指标（按`编号`，如 2.3.1）所依据的原件")
	server, token := cmd.serverFlags("能查看该城市的账号（如本市协调员）的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if *city == "" {
		return catalog.Errorf(catalog.EINVALID, "请用 --city 指定城市代码")
	}
	if *server != "" {
		path, n, err := dial(*server, *token, lang).pack(ctx, *city, *round, *indicator, *out, func(line string) { fmt.Fprintln(stderr, line) })
		if err != nil {
			return err
		}
		sayln(stdout, lang, "已生成 %s（原件 %d 份）", path, n)
		return nil
	}
	return cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
		p, err := a.packs.Prepare(ctx, cliAdmin(), *city, *round)
		if err != nil {
			return err
		}
		p.Report.Lang = lang
		// The pack names a person, not the audit log's "cli:" actor.
		p.By = packMaker(lang)
		if *indicator != "" {
			if err := p.Only(*indicator); err != nil {
				return err
			}
		}
		path := *out
		if path == "" {
			path = p.Filename()
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".pack-*")
		if err != nil {
			return fmt.Errorf("create pack file: %w", err)
		}
		defer os.Remove(tmp.Name())
		if err := p.WriteTo(ctx, tmp); err != nil {
			tmp.Close()
			return err
		}
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("write pack: %w", err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("save pack: %w", err)
		}
		sayln(stdout, lang, "已生成 %s（原件 %d 份）", path, len(p.Docs))
		if n := len(p.Cleared()); n > 0 {
			sayln(stdout, lang, "其中 %d 份原件此前标记为损坏或缺失，本次校验完好，已清除标记（记入审计日志）", n)
		}
		if err := p.Unrecorded(); err != nil {
			sayln(stderr, lang, "注意：原件的校验结果未能记入目录（%v），佐证材料包不受影响；下次生成佐证材料包时会重新校验这些原件", err)
		}
		return nil
	})
}

// runVerifyPack re-hashes every file of a pack against its manifest,
// offline; it names each problem and exits 1 when there is any.
func runVerifyPack(args []string, stdout, stderr io.Writer) error {
	fs, _ := newFlags("verify-pack", stderr)
	if err := parseFlags(fs, reorderFlags(args)); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return catalog.Errorf(catalog.EINVALID, "用法：evidence verify-pack 佐证材料包.zip")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return catalog.Errorf(catalog.ENOTFOUND, "找不到佐证材料包 %s", fs.Arg(0))
		}
		return catalog.Errorf(catalog.EINVALID, "无法打开佐证材料包 %s：%v", fs.Arg(0), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return catalog.Errorf(catalog.EINVALID, "无法打开佐证材料包 %s：%v", fs.Arg(0), err)
	}
	v, err := packs.Verify(f, st.Size())
	if err != nil {
		return catalog.Errorf(catalog.EINVALID, "%s 无法核验：%v", fs.Arg(0), catalog.Words{Chinese: err.Error(), English: packs.EnglishOf(err)})
	}
	if v.OK() {
		sayln(stdout, lang, "核验通过：%d 个文件与 manifest.csv 一致", v.Files)
		return nil
	}
	for _, p := range v.Problems {
		fmt.Fprintln(stdout, words(lang, p.String(), p.English()))
	}
	sayln(stdout, lang, "核验未通过：清单 %d 个文件，发现 %d 处问题", v.Files, len(v.Problems))
	return exitError{1}
}

// packMaker is who made a pack on the command line as its README says it:
// the system account that ran it, else “命令行” (command line).
func packMaker(lang report.Lang) string {
	if name := strings.TrimPrefix(defaultCLIUser(), "cli:"); name != "cli" {
		return name + words(lang, "（命令行）", " (command line)")
	}
	return words(lang, "命令行", "command line")
}
