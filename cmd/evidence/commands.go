package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/report"
)

// topCommand is a command of the binary: its name, how it runs, and its
// lines of the help in each language. The help and the dispatch are made
// from the one table (commandTable), so that a command added to one is in
// the other: the help had left out subcommands a command ran.
type topCommand struct {
	name string
	run  func(ctx context.Context, args []string, stdout, stderr io.Writer) error
	// subs are its subcommands, each of which its help lines name.
	subs []string
	// zh and en are its help lines, the first after its name, the others
	// indented under it; none for a command that is not for people.
	zh, en []string
}

// commandTable is every command the binary runs, in the order the help
// lists them.
func commandTable() []topCommand {
	return []topCommand{
		{name: "serve", run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
			return runServe(ctx, args, stdout, stderr, log, nil)
		},
			zh: []string{"运行档案系统：网页和 API，地址 --addr（默认 127.0.0.1:8080）"},
			en: []string{"run the archive: web UI and API on --addr (default 127.0.0.1:8080)"}},
		{name: "ingest", run: runIngest,
			zh: []string{"导入文件或文件夹：evidence ingest FILE|DIR… --city 330100 --type policy [--server URL --token T]",
				"（--join：给出的照片按顺序合并为一份文档，每张一页；压缩包中的每个文件各占一行结果）"},
			en: []string{"add files or folders: evidence ingest FILE|DIR… --city 330100 --type policy [--server URL --token T]",
				"(--join: the photos given, in that order, become one document, a page each; each file of an archive has its own line)"}},
		{name: "search", run: runSearch,
			zh: []string{"在命令行检索：evidence search 学分银行 [--city 330100] [--server URL --token T]"},
			en: []string{"search from the command line: evidence search 学分银行 [--city 330100] [--server URL --token T]"}},
		{name: "extract-child", run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			// The extraction sandbox's child (extract.Sandbox); not for people.
			if code := extract.RunChild(os.Stdin, stdout); code != 0 {
				return exitError{code}
			}
			return nil
		}},
		{name: "reindex", run: runReindex,
			zh: []string{"由目录和已存的文字重建检索索引"},
			en: []string{"rebuild the search index from the catalog and stored text"}},
		{name: "doctor", run: runDoctor,
			zh: []string{"列出可选的读取程序（文字识别、.doc、PDF 工具）及是否已安装"},
			en: []string{"list the optional readers (OCR, .doc, PDF tools) and whether they are installed"}},
		{name: "retry", run: runRetry,
			zh: []string{"重新读取处理失败的文档：evidence retry [ID…]（不给 ID 时为全部失败的文档）"},
			en: []string{"read failed documents again: evidence retry [ID…] (all failed ones without IDs)"}},
		{name: "check", run: runCheck,
			zh: []string{"重新计算每个原件和已存文字的哈希，比对索引与目录，列出文档都已删除的已提交任务（先停止 serve；有问题时退出码为 1）"},
			en: []string{"re-hash every original and stored text, compare the index with the catalog, name tasks handed in with no document left (with serve stopped; exit 1 on any problem)"}},
		{name: "repair", run: runRepair,
			zh: []string{"重新提取 check 发现文字有误的文档，重新打开文档都已删除的任务（先停止 serve）；--outdated：也重新读取旧版程序读取的文字和信息"},
			en: []string{"re-extract documents whose stored text check finds bad, reopen tasks with no document left (with serve stopped); --outdated: also the texts and fields older readers read"}},
		{name: "backup", run: runBackup,
			zh: []string{"在 serve 运行时复制一致的快照：evidence backup --out DIR（增量）"},
			en: []string{"copy a consistent snapshot while serve runs: evidence backup --out DIR (incremental)"}},
		{name: "restore", run: runRestore,
			zh: []string{"由备份建立数据文件夹：evidence restore --from DIR --data NEWDIR"},
			en: []string{"make a data folder from a backup: evidence restore --from DIR --data NEWDIR"}},
		{name: "documents", run: runDocuments, subs: []string{"restore"},
			zh: []string{"恢复已删除的文档：evidence documents restore ID [--server URL --token T]（管理员或本市协调员；删除后无人再动过的审核结论和任务随之恢复）"},
			en: []string{"restore a deleted document: evidence documents restore ID [--server URL --token T] (an admin or the city's coordinator; verdicts and tasks untouched since the deletion come back with it)"}},
		{name: "user", run: runUser, subs: []string{"add", "list", "disable", "enable", "passwd", "department"},
			zh: []string{"管理账号：evidence user add|list|disable|enable|passwd|department"},
			en: []string{"manage accounts: evidence user add|list|disable|enable|passwd|department"}},
		{name: "events", run: runEvents,
			zh: []string{"审计日志：evidence events [--since 7d] [--object ID] [--indicator 2.3.1 [--city 330100]] [--user NAME] [--server URL --token T]（ID 可以是文档、定性描述或数值的编号；--indicator：该指标的定性描述、数值、结转事项和文档关联的记录）"},
			en: []string{"the audit log: evidence events [--since 7d] [--object ID] [--indicator 2.3.1 [--city 330100]] [--user NAME] [--server URL --token T] (a document's, claim's or value's ID; --indicator: the events of that indicator's claims, values, carried-over items and links)"}},
		{name: "assignments", run: runAssignments, subs: []string{"import", "list", "delete"},
			zh: []string{"责任分解表：evidence assignments import FILE --city 330100 [--round 2018] [--remove-missing] [--server URL --token T] | list | delete ID"},
			en: []string{"responsibility tables: evidence assignments import FILE --city 330100 [--round 2018] [--remove-missing] [--server URL --token T] | list | delete ID"}},
		{name: "framework", run: runFramework, subs: []string{"import", "export"},
			zh: []string{"指标体系：evidence framework import FILE | export --format xlsx|yaml|csv"},
			en: []string{"indicator frameworks: evidence framework import FILE | export --format xlsx|yaml|csv"}},
		{name: "report", run: runReport,
			zh: []string{"城市的监测报告：evidence report --city 330100 [--round 2017] [--format xlsx|docx] [--out FILE] [--server URL --token T]"},
			en: []string{"a city's monitoring report: evidence report --city 330100 [--round 2017] [--format xlsx|docx] [--out FILE] [--server URL --token T]"}},
		{name: "pack", run: runPack,
			zh: []string{"城市的佐证材料包（ZIP）：evidence pack --city 330100 [--round 2017] [--out FILE.zip] [--server URL --token T]"},
			en: []string{"a city's evidence pack (ZIP): evidence pack --city 330100 [--round 2017] [--out FILE.zip] [--server URL --token T]"}},
		{name: "verify-pack", run: func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			return runVerifyPack(args, stdout, stderr)
		},
			zh: []string{"按清单重新计算佐证材料包中每个文件的哈希：evidence verify-pack FILE.zip（有不符时退出码为 1）"},
			en: []string{"re-hash every file of a pack against its manifest: evidence verify-pack FILE.zip (exit 1 on any mismatch)"}},
		{name: "values", run: runValues, subs: []string{"recheck"},
			zh: []string{"按现行规则重新核对每个数值与其引文，记录变化的标记：evidence values recheck [--city 330100] [--round 2019]"},
			en: []string{"re-check every stored value against its cited text by today's rules, recording the marks that changed: evidence values recheck [--city 330100] [--round 2019]"}},
		{name: "quotes", run: runQuotes, subs: []string{"check"},
			zh: []string{"在文档文字中查找尚未查找过的关联引文：evidence quotes check"},
			en: []string{"look for every link quote not looked for yet in its document's text: evidence quotes check"}},
		{name: "coverage", run: runCoverage,
			zh: []string{"各关键指标的佐证情况：evidence coverage [--city 330100] [--round 2017] [--xlsx out.xlsx] [--server URL --token T]"},
			en: []string{"evidence per key indicator: evidence coverage [--city 330100] [--round 2017] [--xlsx out.xlsx] [--server URL --token T]"}},
		{name: "city", run: runCity, subs: []string{"add", "list"},
			zh: []string{"添加城市：evidence city add --code 320100 --name 南京", "列出城市：evidence city list [--json] [--server URL --token T]"},
			en: []string{"add a city: evidence city add --code 320100 --name 南京", "list them: evidence city list [--json] [--server URL --token T]"}},
		{name: "round", run: runRound, subs: []string{"add", "current", "list"},
			zh: []string{"添加监测轮次：evidence round add --year 2019 [--label …] [--current]；",
				"设为当前轮次：evidence round current --year 2019 [--server URL --token T]；",
				"列出轮次：evidence round list [--json] [--server URL --token T]"},
			en: []string{"add a monitoring round: evidence round add --year 2019 [--label …] [--current];",
				"make an existing one current: evidence round current --year 2019 [--server URL --token T];",
				"list them: evidence round list [--json] [--server URL --token T]"}},
		{name: "catalog", run: runCatalog, subs: []string{"migrate", "revert"},
			zh: []string{"把目录迁移到 PostgreSQL：evidence catalog migrate --to postgres://…（空数据库）；",
				"迁移后回退到本机目录：evidence catalog revert [--data DIR]"},
			en: []string{"move the catalog to PostgreSQL: evidence catalog migrate --to postgres://… (an empty database);",
				"go back to the local catalog after it: evidence catalog revert [--data DIR]"}},
		{name: "blobs", run: runBlobs, subs: []string{"copy"},
			zh: []string{"把文件夹存储复制到 S3：evidence blobs copy --to s3（存储桶取自 EVIDENCE_S3_*；可断点续传）"},
			en: []string{"copy the folder store to S3: evidence blobs copy --to s3 (bucket from EVIDENCE_S3_*; resumable)"}},
	}
}

// helpHeader and helpFooter open and close the help in each language; the
// footer says how to choose the language, which the help is the first
// place to look for.
var (
	helpHeader = [2]string{
		"evidence —— 学习型城市建设监测佐证材料库\n\n用法：evidence <命令> [参数]\n\n命令：\n",
		"evidence — the learning-city evidence archive\n\nUsage: evidence <command> [flags]\n\nCommands:\n",
	}
	helpFooter = [2]string{
		"\n每个命令都接受 --data DIR（默认 ./evidence-data 或 $EVIDENCE_DATA）。\n" +
			"提示和报告默认为中文；英文用 --lang en，或设置环境变量 EVIDENCE_LANG=en（本帮助也随之切换）。\n" +
			"运行 evidence <命令> -h 查看一个命令的参数。\n",
		"\nEvery command takes --data DIR (default ./evidence-data or $EVIDENCE_DATA).\n" +
			"Messages and reports are in Chinese unless --lang en is given or EVIDENCE_LANG=en is set (this help too).\n" +
			"Run \"evidence <command> -h\" for the flags of one command.\n",
	}
)

// usageText is the help of the binary in lang: every command of
// commandTable that is for people, with its lines.
func usageText(lang report.Lang) string {
	i := 0
	if lang == report.English {
		i = 1
	}
	var b strings.Builder
	b.WriteString(helpHeader[i])
	for _, c := range commandTable() {
		lines := c.zh
		if i == 1 {
			lines = c.en
		}
		for k, line := range lines {
			name := ""
			if k == 0 {
				name = c.name
			}
			fmt.Fprintf(&b, "  %-12s %s\n", name, line)
		}
	}
	b.WriteString(helpFooter[i])
	return b.String()
}

// helpAsked says whether args ask for the help and nothing else: help, -h
// or --help, with --lang or not.
func helpAsked(args []string) bool {
	asked := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "help" || a == "-h" || a == "--help" || a == "-help":
			asked = true
		case a == "--lang" || a == "-lang":
			i++
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
		default:
			return false
		}
	}
	return asked
}
