package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// The two commands that move a single-machine archive onto shared
// storage, so it can be served by several nodes: the catalog into
// PostgreSQL, the folder store into an S3 bucket.

// runCatalog dispatches `evidence catalog migrate` and `evidence catalog revert`.
func runCatalog(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "revert" {
		return runCatalogRevert(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "migrate" {
		return badSubcommand(args, subcommandUsage{
			zh: "用法：evidence catalog migrate --to postgres://… [--data 文件夹] | evidence catalog revert [--data 文件夹]",
			en: "usage: evidence catalog migrate --to postgres://… [--data DIR] | evidence catalog revert [--data DIR]",
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
	if m, err := src.MovedTo(ctx); err == nil {
		return catalog.Errorf(catalog.ECONFLICT,
			"此目录已于 %s 迁移到 PostgreSQL（%s），不再迁移第二次；如需从本机目录重新迁移（迁移后写入 PostgreSQL 的内容将不在其中），请先运行 evidence catalog revert --data %s",
			catalog.ShowTime(m.At), m.Destination, *data)
	} else if !catalog.IsNotFound(err) {
		return err
	}
	dst, err := catalog.OpenPostgres(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	counts, err := src.CopyTo(ctx, dst)
	if err != nil {
		return err
	}
	// The folder's files are this catalog's wherever they are copied
	// (blobs copy binds the bucket the same way); the catalog left here
	// is marked, so that no node serves it beside the copy.
	if err := bindFolderStore(ctx, src, filepath.Join(*data, "blobs")); err != nil {
		return err
	}
	if err := src.MarkMoved(ctx, catalog.PostgresWhere(*to)); err != nil {
		return err
	}
	var rows int64
	for _, c := range counts {
		fmt.Fprintf(stdout, "  %-22s %d\n", c.Table, c.Rows)
		rows += c.Rows
	}
	// The originals stay in the folder: nodes sharing the catalog need
	// them in the bucket before they serve, so that step comes first.
	sayln(stdout, lang, "目录已复制到 PostgreSQL：%d 张表，%d 行，逐表核对行数一致。下一步：各节点共用对象存储时，先运行 evidence blobs copy --to s3 --data %s；再设置 EVIDENCE_DATABASE_URL 后运行 evidence check", len(counts), rows, *data)
	sayln(stdout, lang, "本机的 %s 已标记为已迁移：不设置 EVIDENCE_DATABASE_URL 时 evidence serve 将拒绝启动；如需回退到本机目录，请运行 evidence catalog revert --data %s", path, *data)
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
	if err := bindCopiedBucket(ctx, *data, bucket); err != nil {
		return err
	}
	sayln(stdout, lang, "已复制到存储桶 %s：%s", cfg.Bucket, summary)
	return nil
}

// bindFolderStore binds the folder store in dir, when there is one, to
// cat (blob/binding.go).
func bindFolderStore(ctx context.Context, cat *catalog.Store, dir string) error {
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	store, err := blob.NewFolder(dir)
	if err != nil {
		return err
	}
	id, err := cat.Identity(ctx)
	if err != nil {
		return err
	}
	return blob.Bind(ctx, store, id.ID, time.Now())
}

// bindCopiedBucket binds the bucket a data folder's files were copied
// into to that folder's catalog (the one in PostgreSQL when
// EVIDENCE_DATABASE_URL is set: catalog migrate gives it the same
// identity): it holds every one of its originals now.
func bindCopiedBucket(ctx context.Context, data string, bucket blob.Store) error {
	path := filepath.Join(data, "catalog.db")
	if _, err := os.Stat(path); err != nil && os.Getenv("EVIDENCE_DATABASE_URL") == "" {
		return nil // no catalog to bind to: the folder holds files alone
	}
	cat, err := openCatalog(ctx, path)
	if err != nil {
		return err
	}
	defer cat.Close()
	id, err := cat.Identity(ctx)
	if err != nil {
		return err
	}
	if err := blob.Bind(ctx, bucket, id.ID, time.Now()); err != nil {
		return fmt.Errorf("bind the bucket to the catalog: %w", err)
	}
	return nil
}
