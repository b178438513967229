package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/schollz/progressbar/v3"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// The two commands that move a single-machine archive onto shared
// storage, so it can be served by several nodes: the catalog into
// PostgreSQL, the folder store into an S3 bucket.

// runCatalog dispatches `evidence catalog migrate`.
func runCatalog(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "migrate" {
		return badSubcommand(args, subcommandUsage{
			zh: "用法：evidence catalog migrate --to postgres://… [--data 文件夹]",
			en: "usage: evidence catalog migrate --to postgres://… [--data DIR]",
		}, stderr)
	}
	fs, data := newFlags("catalog migrate", stderr)
	to := fs.String("to", os.Getenv("EVIDENCE_DATABASE_URL"), "新建的空 PostgreSQL `数据库`（postgres://…；或 $EVIDENCE_DATABASE_URL）")
	if err := parseFlags(fs, args[1:]); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	if !catalog.IsPostgresURL(*to) {
		return catalog.Errorf(catalog.EINVALID, "--to 应为 postgres:// 开头的数据库地址")
	}
	path := filepath.Join(*data, "catalog.db")
	if _, err := os.Stat(path); err != nil {
		return catalog.Errorf(catalog.ENOTFOUND, "数据文件夹中没有目录 %s（用 --data 指定）", path)
	}
	src, err := catalog.Open(ctx, path)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := catalog.OpenPostgres(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	counts, err := src.CopyTo(ctx, dst)
	if err != nil {
		return err
	}
	var rows int64
	for _, c := range counts {
		fmt.Fprintf(stdout, "  %-22s %d\n", c.Table, c.Rows)
		rows += c.Rows
	}
	sayln(stdout, lang, "目录已复制到 PostgreSQL：%d 张表，%d 行，逐表核对行数一致。下一步：设置 EVIDENCE_DATABASE_URL 后运行 evidence check", len(counts), rows)
	return nil
}

// runBlobs dispatches `evidence blobs copy --to s3`.
func runBlobs(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "copy" {
		return badSubcommand(args, subcommandUsage{
			zh: "用法：evidence blobs copy --to s3 [--data 文件夹]（存储桶取自 EVIDENCE_S3_*）",
			en: "usage: evidence blobs copy --to s3 [--data DIR]   (the bucket from EVIDENCE_S3_*)",
		}, stderr)
	}
	fs, data := newFlags("blobs copy", stderr)
	to := fs.String("to", "s3", "文件夹存储复制到的`目标`：s3（存储桶由 EVIDENCE_S3_* 指定）")
	if err := parseFlags(fs, args[1:]); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	cfg, ok := blob.ConfigFromEnv()
	if *to != "s3" || !ok {
		return catalog.Errorf(catalog.EINVALID, "--to s3 需要 EVIDENCE_S3_ENDPOINT、EVIDENCE_S3_BUCKET 等环境变量（与 serve 相同）")
	}
	dir := filepath.Join(*data, "blobs")
	if _, err := os.Stat(dir); err != nil {
		return catalog.Errorf(catalog.ENOTFOUND, "数据文件夹中没有文件存储 %s（用 --data 指定）", dir)
	}
	from, err := blob.NewFolder(dir)
	if err != nil {
		return err
	}
	bucket, err := blob.NewS3(ctx, cfg)
	if err != nil {
		return err
	}
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(barWriter(stderr)), progressbar.OptionSetDescription(words(lang, "复制", "Copying")),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	rep, err := blob.Copy(ctx, from, bucket, func(done, total int) {
		bar.ChangeMax(total)
		bar.Set(done)
	})
	bar.Finish()
	summary := sayf(lang, "%d 个对象：复制 %d 个（%d 字节，写后读回核对 SHA-256），已在存储桶中且哈希相同而跳过 %d 个",
		rep.Objects, rep.Copied, rep.Bytes, rep.Skipped)
	if err != nil {
		sayln(stdout, lang, "复制中断，重新运行即可继续：%s", summary)
		return err
	}
	sayln(stdout, lang, "已复制到存储桶 %s：%s", cfg.Bucket, summary)
	return nil
}
