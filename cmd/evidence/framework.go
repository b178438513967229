package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/report"
)

func runFramework(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		return badSubcommand(args, subcommandUsage{
			zh: "用法：evidence framework import 文件 [--id 编号] [--name 名称] [--version 版本]\n      evidence framework export [--format xlsx|yaml|csv] [--out 文件]",
			en: "usage: evidence framework import FILE [--id ID] [--name NAME] [--version V]\n       evidence framework export [--format xlsx|yaml|csv] [--out FILE]",
		}, stderr)
	}
	if args[0] == "import" {
		return runFrameworkImport(ctx, args[1:], stdout, stderr)
	}
	cmd := newCommand("framework export", stderr)
	format := cmd.String("format", "yaml", "`格式`：xlsx、yaml 或 csv")
	out := cmd.String("out", "", "要写入的`文件`（默认：标准输出）")
	return cmd.run(ctx, args[1:], appOptions{existing: true}, func(a *app, lang report.Lang) error {
		fw, inds, err := a.cat.CurrentFramework(ctx)
		if err != nil {
			return err
		}
		var body []byte
		switch *format {
		case "yaml", "yml":
			body, err = framework.ExportYAML(*fw, inds)
		case "xlsx":
			body, err = framework.ExportXLSX(*fw, inds)
		case "csv":
			body, err = framework.ExportCSV(inds)
		default:
			return catalog.Errorf(catalog.EINVALID, "未知的导出格式 %q；可选 xlsx、yaml、csv", *format)
		}
		if err != nil {
			return err
		}
		if err := writeOut(*out, body, stdout); err != nil {
			return err
		}
		if *out != "" {
			sayln(stdout, lang, "已导出指标体系 %s（%s 版，%d 个指标）到 %s", frameworkName(*fw, lang), fw.Version, len(inds), *out)
		}
		return nil
	})
}

func runFrameworkImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("framework import", stderr)
	cmd.reorder = true
	id := cmd.String("id", "", "指标体系的`编号`（表格中没有；默认取文件名）")
	name := cmd.String("name", "", "指标体系的`名称`")
	version := cmd.String("version", "", "指标体系的`版本`")
	nextRound := cmd.Bool("next-round", false, "指标体系用于下一轮：当前轮次的报告保留原有的指标名称")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if cmd.NArg() != 1 {
		return catalog.Errorf(catalog.EINVALID, "请给出一个指标体系文件：evidence framework import FILE")
	}
	file := cmd.Arg(0)
	body, err := os.ReadFile(file)
	if err != nil {
		return catalog.Errorf(catalog.EINVALID, "无法读取 %s：%v", file, err)
	}
	return cmd.withApp(ctx, appOptions{}, func(a *app) error {
		return importFramework(ctx, a, file, body, catalog.Framework{ID: *id, Name: *name, Version: *version}, *nextRound, lang, stdout)
	})
}

// importFramework imports the framework file (read as body) into a, for
// the next round when nextRound, and says what changed.
func importFramework(ctx context.Context, a *app, file string, body []byte, fw catalog.Framework, nextRound bool, lang report.Lang, stdout io.Writer) error {
	imp := a.framework.Import
	if nextRound {
		imp = a.framework.ImportForNextRound
	}
	rep, err := imp(ctx, cliAdmin(), file, body, fw)
	if err != nil {
		return err
	}
	sayln(stdout, lang, "已导入指标体系 %s（%s 版）：%d 个指标，新增 %d，移除 %d",
		frameworkName(rep.Framework, lang), rep.Framework.Version, rep.Indicators, len(rep.Added), len(rep.Removed))
	if rep.KeptRound != 0 {
		sayln(stdout, lang, "%d年度的报告保留导入前的指标名称", rep.KeptRound)
	}
	if len(rep.OrphanLinks) > 0 {
		sayln(stdout, lang, "注意：%d 条文档关联指向已移除的指标，已保留，请重新关联：", len(rep.OrphanLinks))
		for _, l := range rep.OrphanLinks {
			sayln(stdout, lang, "  文档 %s → 指标 %s", l.DocumentID, l.IndicatorCode)
		}
	}
	return nil
}

func runCoverage(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("coverage", stderr)
	city := cmd.String("city", "", "一个城市的`代码`（默认：全部城市）")
	round := cmd.Int("round", 0, "监测`轮次`（年份），默认：全部")
	xlsx := cmd.String("xlsx", "", "同时把矩阵写入此 XLSX `文件`")
	server, token := cmd.serverFlags("能查看这些城市的账号（如城市协调员）的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	var m *coverage.Matrix
	if *server != "" {
		m, err = dial(*server, *token, lang).coverage(ctx, *round, *city, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			m, err = a.coverage.Matrix(ctx, cliAdmin(), *round, *city)
			return err
		})
	}
	if err != nil {
		return err
	}
	if m.OutOfScope != "" {
		// A city the token may not see is an empty matrix, not an
		// error: without this line nothing at all was printed.
		fmt.Fprintln(stdout, words(lang, m.OutOfScope, m.OutOfScopeEN))
	}
	printCoverage(stdout, lang, m)
	if *xlsx != "" {
		body, err := m.XLSX(lang == report.English)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*xlsx, body, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *xlsx, err)
		}
		sayln(stdout, lang, "已写入 %s", *xlsx)
	}
	return nil
}

func runCity(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "list" {
		return runCityList(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "add" {
		return badSubcommand(args, subcommandUsage{
			zh: "用法：evidence city add --code 320100 --name 南京\n      evidence city list [--json] [--server URL --token T]",
			en: "usage: evidence city add --code 320100 --name Nanjing\n       evidence city list [--json] [--server URL --token T]",
		}, stderr)
	}
	cmd := newCommand("city add", stderr)
	code := cmd.String("code", "", "城市的 GB/T 2260 行政区划`代码`")
	name := cmd.String("name", "", "城市`名称`")
	return cmd.run(ctx, args[1:], appOptions{}, func(a *app, lang report.Lang) error {
		if err := a.framework.AddCity(ctx, cliAdmin(), catalog.City{Code: *code, Name: *name}); err != nil {
			return err
		}
		sayln(stdout, lang, "已添加城市 %s（%s）", *name, *code)
		return nil
	})
}

// frameworkName is fw's name in lang: its English name in English when
// the framework gives one.
func frameworkName(fw catalog.Framework, lang report.Lang) string {
	return words(lang, fw.Name, fw.NameEN)
}

// printCoverage lists each city's key indicators with their counts, gaps
// marked, in lang: cities and indicators by their English names in
// English where they have them, and the indicators of a past round that
// keeps its names as it named them, today's name beside one renamed
// since (coverage.IndicatorName.Shown, as the heat map and /compare).
func printCoverage(w io.Writer, lang report.Lang, m *coverage.Matrix) {
	en := lang == report.English
	names := map[string]string{}
	for _, col := range m.Indicators {
		names[col.Code] = col.Shown(en)
	}
	kind := map[string]string{"qualitative": words(lang, "定性", "qualitative"), "quantitative": words(lang, "定量", "quantitative")}
	for _, c := range m.Cities {
		city := c.Name
		if en {
			city = catalog.City{Code: c.Code, Name: c.Name}.EnglishName()
		}
		sayln(w, lang, "%s（%s）：%d / %d 个关键指标已有佐证（待确认及缺数值的定量指标不计）", city, c.Code, c.Covered, c.Total)
		for _, cell := range c.Cells {
			mark := sayf(lang, "%3d 份", cell.Documents)
			if cell.Documents == 0 {
				mark = words(lang, "  缺  ", "  gap ")
			}
			note := coverageNote(lang, cell)
			fmt.Fprintf(w, "  %s  %-7s %s  %s%s\n", mark, cell.Code, kind[cell.Kind], cmp.Or(names[cell.Code], cell.Name), note)
		}
	}
}

// coverageNote is what `evidence coverage` says of a cell beside its
// count, by the cell's state (coverage.Cell.State, the order the heat map
// and the xlsx sheet share): nothing for a gap or documents alone, which
// the count says; the state's words otherwise, with 待确认 beside them
// when something carried over waits to be confirmed and does not make
// the state (【证据不足 · 待确认】, over all rounds 【有证据 · 待确认】).
func coverageNote(lang report.Lang, cell coverage.Cell) string {
	st := cell.State()
	said := words(lang, coverageStateWords[st][0], coverageStateWords[st][1])
	switch {
	case st == coverage.StateGap, st == coverage.StateDocuments && cell.ToConfirm == 0:
		return ""
	case st == coverage.StateQuoteRecheck:
		said = fmt.Sprintf(said, words(lang, cell.QuoteRecheck, cell.QuoteRecheckEN))
	}
	if cell.ToConfirm > 0 && st != coverage.StateToConfirm {
		said += " · " + words(lang, coverageStateWords[coverage.StateToConfirm][0], coverageStateWords[coverage.StateToConfirm][1])
	}
	return words(lang, "  【"+said+"】", "  ["+said+"]")
}

// coverageStateWords are the words of each state of a cell, Chinese and
// English, as the heat map and the xlsx sheet say them; a gap has none
// (its count column says 缺), documents alone say 有证据 only beside
// items carried.
var coverageStateWords = map[coverage.State][2]string{
	coverage.StateContradicted:          {"与证据矛盾", "contradicted by evidence"},
	coverage.StateInsufficient:          {"证据不足", "insufficient evidence"},
	coverage.StateVerified:              {"已核实", "verified"},
	coverage.StateVerifiedQuoteNotFound: {"已核实\uFF08引文在文字中未找到\uFF09", "verified (quote not found in the text)"},
	coverage.StateQuoteNotFound:         {"引文未找到", "quote not found"},
	coverage.StateToConfirm:             {"待确认", "carried over, to confirm"},
	coverage.StateSourceDeleted:         {"出处已删除", "source deleted"},
	coverage.StateValueNotFound:         {"数值未在引文中找到", "number not found in its quote"},
	coverage.StateClaimNumberNotFound:   {"定性描述中的数字未在引文中找到", "a claim's number not found in its quotes"},
	coverage.StateClaimNumberToCheck:    {"定性描述中的数字待核对", "a claim's number to check"},
	coverage.StateValueToCheck:          {"数值待核对", "a value's number to check"},
	coverage.StateNoValue:               {"有佐证\uFF0C缺数值", "evidence, value not reported"},
	coverage.StateQuoteRecheck:          {"引文待重新核对\uFF08%s\uFF09", "quote to be checked again (%s)"},
	coverage.StateClaimed:               {"已提交定性描述", "claim submitted"},
	coverage.StateValued:                {"已填报数值", "value reported"},
	coverage.StateDocuments:             {"有证据", "evidence"},
}

func writeOut(path string, body []byte, stdout io.Writer) error {
	if path == "" {
		_, err := stdout.Write(body)
		return err
	}
	if err := os.WriteFile(path, body, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
